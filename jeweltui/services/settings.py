"""The shop's settings, stored as key/value rows in the `setting` table."""

from __future__ import annotations

from dataclasses import fields

from jeweltui.models import Setting
from jeweltui.session import ShopSettings


def setting(key: str, default: str = "") -> str:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row else default


def shop_settings() -> ShopSettings:
    """Every ShopSettings field from its row of the same name; defaults where unset."""
    defaults = ShopSettings()
    return ShopSettings(
        **{f.name: setting(f.name, getattr(defaults, f.name)) for f in fields(defaults)}
    )
