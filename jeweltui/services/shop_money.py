"""The shop's locale and currency: the settings behind every price read and shown (money)."""

from __future__ import annotations

from jeweltui.db import write_transaction
from jeweltui.models import Setting, Staff
from jeweltui.money import CURRENCY_KEY, LOCALE_KEY, ShopMoney, configure, shop_money
from jeweltui.services import ledger


def set_shop_money(
    locale: str | None, currency: str | None, *, staff: Staff | None = None
) -> ShopMoney:
    """Store the shop's locale and currency (one transaction with its ledger row)."""
    before = shop_money()
    wanted = configure(locale or before.locale, currency or before.currency)
    with write_transaction():
        for key, value in ((LOCALE_KEY, wanted.locale), (CURRENCY_KEY, wanted.currency)):
            Setting.replace(key=key, value=value).execute()
        ledger.record(
            "settings",
            staff=staff,
            reason="shop money",
            before={"locale": before.locale, "currency": before.currency},
            after={"locale": wanted.locale, "currency": wanted.currency},
        )
    return wanted
