"""The one source of 'now'. Tests replace it; JEWELTUI_NOW sets it for test subprocesses.

JEWELTUI_NOW is honoured only together with the test flag JEWELTUI_TEST_CLOCK=1, so a
stray variable in a real shop's environment can never backdate the ledger.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from jeweltui import bounds
from jeweltui.errors import InvalidInput

TEST_FLAG = "JEWELTUI_TEST_CLOCK"


def _system_now() -> datetime:
    fixed = os.environ.get("JEWELTUI_NOW")
    if fixed and os.environ.get(TEST_FLAG) == "1":
        return datetime.fromisoformat(fixed).astimezone(UTC)
    return datetime.now(UTC)


_now: Callable[[], datetime] = _system_now


def now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return _now()


def set_clock(source: Callable[[], datetime] | None) -> None:
    """Use another time source (a test's frozen clock); None restores the system clock."""
    global _now
    _now = source or _system_now


# --- the shop's day -------------------------------------------------------------------
# Stored times are UTC. What people type and read is the shop's local time: the zone in
# the `time_zone` setting (an IANA name such as Europe/Rome), or the machine's own zone
# when none is set. A date typed alone means the END OF THE SHOP'S DAY: its closing time
# that day, the `closing_time` setting (HH:MM), 18:00 when none is set. Holds and work
# orders follow that one rule. The database pushes both settings here when it opens
# (set_shop_day), so showing a local time never costs a query.

TIME_ZONE_KEY = "time_zone"
CLOSING_TIME_KEY = "closing_time"
DEFAULT_CLOSING = time(18, 0)
DATE_FORMS = "2026-12-12 or 2026-12-12 18:00"


@dataclass(frozen=True)
class ShopDay:
    zone: tzinfo | None = None  # None: the machine's zone, with its own daylight saving
    closing: time = DEFAULT_CLOSING


_day = ShopDay()


def set_shop_day(zone: str = "", closing: str = "") -> None:
    """Take the shop's zone and closing time from their settings ('' means the default)."""
    global _day
    _day = ShopDay(zone=parse_zone(zone) if zone else None, closing=parse_closing(closing))


def shop_day() -> ShopDay:
    return _day


def parse_zone(name: str) -> tzinfo:
    """An IANA zone name ('Europe/Rome'); a clear error for anything else."""
    # Imported here: zoneinfo (with sysconfig) is a noticeable part of a CLI command's
    # start, and most commands never read the shop's zone.
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"'{name}' is not a time zone; use a name like Europe/Rome or America/New_York.",
            field=TIME_ZONE_KEY,
        ) from None


def parse_closing(text: str) -> time:
    """'18:00' -> 18:00; '' -> the default closing time."""
    if not text.strip():
        return DEFAULT_CLOSING
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise InvalidInput(
            f"'{text}' is not a closing time; write it like 18:00.", field=CLOSING_TIME_KEY
        ) from None


def zone_name() -> str:
    """The zone people read times in: the setting, or the machine's ('CET', 'UTC')."""
    zone = _day.zone
    return str(zone) if zone is not None else (local(now()).tzname() or "local")


# --- local time -----------------------------------------------------------------------


def local(moment: datetime) -> datetime:
    """A stored UTC time in the shop's zone, for display."""
    return moment.astimezone(_day.zone) if _day.zone is not None else moment.astimezone()


def from_local(naive: datetime) -> datetime:
    """A wall-clock time in the shop's zone (no tzinfo) as a UTC time."""
    if _day.zone is not None:
        return naive.replace(tzinfo=_day.zone).astimezone(UTC)
    return naive.astimezone().astimezone(UTC)  # naive means the machine's local time


def today() -> date:
    """The shop's calendar date now."""
    return local(now()).date()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """A local calendar day as a UTC [start, end) pair: midnight to midnight."""
    return from_local(datetime.combine(day, time())), from_local(
        datetime.combine(day + timedelta(days=1), time())
    )


def closing_time(day: date) -> datetime:
    """The end of the shop's day: its closing time on that date, as UTC."""
    return from_local(datetime.combine(day, _day.closing))


def parse_moment(text: str, *, field: str, what: str = "date") -> datetime:
    """A typed time in the shop's zone, as UTC.

    '2026-12-12 18:00', '2026-12-12T18:00', '2026-12-12 18:00:00', or an ISO time with
    an offset; a date alone ('2026-12-12') means the shop's closing time that day.
    """
    raw = text.strip()
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(
            f"'{text}' is not a {what}; write it like {DATE_FORMS}.", field=field
        ) from None
    bounds.moment(moment, field=field)  # year 1 cannot even be moved to UTC
    if len(raw) <= 10:  # a date alone
        return closing_time(moment.date())
    if moment.tzinfo is None:
        return from_local(moment)
    return moment.astimezone(UTC)


def parse_optional_moment(text: str, *, field: str, what: str = "date") -> datetime | None:
    """parse_moment, with a blank field meaning no time at all."""
    return parse_moment(text, field=field, what=what) if text.strip() else None


# --- formats ---------------------------------------------------------------------------


def format_local(moment: datetime) -> str:
    """'Fri 12 Dec 18:00': how the shop reads a time on screen and on paper."""
    return local(moment).strftime("%a %d %b %H:%M")


def format_stamp(moment: datetime) -> str:
    """'2026-12-12 18:00': a sortable local time for lists and exports."""
    return local(moment).strftime("%Y-%m-%d %H:%M")


def format_day(moment: datetime) -> str:
    """'2026-12-12': the shop's date of a stored time."""
    return local(moment).strftime("%Y-%m-%d")


def format_hour(moment: datetime) -> str:
    """'18:00': the local time of day."""
    return local(moment).strftime("%H:%M")
