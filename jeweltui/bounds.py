"""One boundary for the numbers people type: finite, and within a range a shop can mean.

Every number from a command line, a form or a file passes through here before it
reaches a service or the database, so 'nan', 'inf', '1e30' or twenty nines get one
clear message instead of an OverflowError deep in SQLite.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from jeweltui.errors import InvalidInput

# 99,999,999.99: far above any piece a small shop sells, far below SQLite's 64-bit limit.
MAX_CENTS = 9_999_999_999
MAX_HOLD_HOURS = 366 * 24  # a hold lasts at most a year
MAX_ID = 2**63 - 1  # SQLite's largest INTEGER: a bigger id names nothing
MAX_COUNT = 1_000_000_000  # quantities, days, limits: big enough for any shop
MAX_GRAMS_MG = 100_000_000  # 100 kg of metal in milligrams
EARLIEST_YEAR, LATEST_YEAR = 1900, 9000


def number(
    value: str | float | int | Decimal,
    *,
    label: str,
    field: str | None = None,
    low: float | None = None,
    high: float | None = None,
    whole: bool = False,
) -> Decimal:
    """A finite number between low and high (inclusive), or an InvalidInput naming the label."""
    try:
        parsed = Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidInput(f"The {label} '{value}' is not a number.", field=field) from None
    if not parsed.is_finite():
        raise InvalidInput(f"The {label} must be a real number, not '{value}'.", field=field)
    if whole and parsed != parsed.to_integral_value():
        raise InvalidInput(f"The {label} must be a whole number, not '{value}'.", field=field)
    if (low is not None and parsed < Decimal(str(low))) or (
        high is not None and parsed > Decimal(str(high))
    ):
        raise InvalidInput(f"The {label} must be {_range_text(low, high)}.", field=field)
    return parsed


def _range_text(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"between {_plain(low)} and {_plain(high)}"
    if low is not None:
        return f"at least {_plain(low)}"
    return f"at most {_plain(high)}"


def _plain(value: float | None) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def whole_number(value, *, label: str, field: str | None = None, low=0, high=MAX_COUNT) -> int:
    return int(number(value, label=label, field=field, low=low, high=high, whole=True))


def record_id(value, *, label: str = "number", field: str | None = None) -> int:
    """A row number: 1 up to SQLite's largest integer."""
    return whole_number(value, label=label, field=field, low=1, high=MAX_ID)


def hours(value, *, field: str = "hours") -> float:
    """Hours a hold lasts or is extended by: more than 0, at most a year."""
    parsed = number(value, label="number of hours", field=field, low=0, high=MAX_HOLD_HOURS)
    if parsed <= 0:
        raise InvalidInput("A hold must last more than 0 hours.", field=field)
    return float(parsed)


def cents(amount: int, *, label: str = "price", field: str | None = None) -> int:
    """Money in cents, checked against the shop's sane maximum."""
    if amount < 0:
        raise InvalidInput(f"The {label} cannot be negative.", field=field or label)
    if amount > MAX_CENTS:
        raise InvalidInput(
            f"The {label} is more than {MAX_CENTS // 100:,}.{MAX_CENTS % 100:02d}; "
            "check the number.",
            field=field or label,
        )
    return amount


def moment(value: datetime, *, field: str | None = None) -> datetime:
    """A date a shop can mean: year 1900 to 9000 (so time zone arithmetic cannot overflow)."""
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise InvalidInput(
            f"{value.date().isoformat()} is not a date this shop can use "
            f"(years {EARLIEST_YEAR}–{LATEST_YEAR}).",
            field=field,
        )
    return value
