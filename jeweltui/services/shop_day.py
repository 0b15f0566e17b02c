"""The shop's time zone and closing time: the settings behind every local time (clock)."""

from __future__ import annotations

from jeweltui import clock
from jeweltui.db import load_shop_day, write_transaction
from jeweltui.models import Setting, Staff
from jeweltui.permissions import Right, require
from jeweltui.services import ledger


def shop_day_settings() -> dict[str, str]:
    """What people read times in: the zone and the closing time now in force."""
    day = clock.shop_day()
    return {
        clock.TIME_ZONE_KEY: clock.zone_name(),
        clock.CLOSING_TIME_KEY: day.closing.strftime("%H:%M"),
    }


def set_shop_day(
    *, time_zone: str | None = None, closing_time: str | None = None, staff: Staff | None
) -> dict[str, str]:
    """Change the zone (an IANA name; '' for the machine's) and/or the closing time (HH:MM).

    Both are checked before anything is written; one transaction with its ledger row.
    """
    require(staff, Right.SETTINGS_STAFF)
    changes: dict[str, str] = {}
    if time_zone is not None:
        changes[clock.TIME_ZONE_KEY] = str(clock.parse_zone(time_zone)) if time_zone.strip() else ""
    if closing_time is not None:
        changes[clock.CLOSING_TIME_KEY] = clock.parse_closing(closing_time).strftime("%H:%M")
    with write_transaction():
        before = {r.key: r.value for r in Setting.select().where(Setting.key.in_(list(changes)))}
        for key, value in changes.items():
            Setting.replace(key=key, value=value).execute()
        ledger.record("shop_day", staff=staff, before=before, after=changes)
    load_shop_day()
    return shop_day_settings()
