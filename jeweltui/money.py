"""Money is integer cents. Parsing what people type and formatting what they read."""

from __future__ import annotations

import re

from jeweltui.bounds import cents as bounded_cents
from jeweltui.errors import InvalidInput

SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF ", "JPY": "¥"}

_MONEY = re.compile(r"^(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d{1,2}))?$")


def parse_money(text: str | int, *, field: str = "price", label: str | None = None) -> int:
    """'1,299.00' -> 129900. Refuses negatives, letters and more than two decimals."""
    label = label or field
    if isinstance(text, int):
        cents = text
    else:
        cleaned = text.strip().lstrip("€$£¥").strip()
        if cleaned.startswith("-"):
            raise InvalidInput(f"The {label} cannot be negative ({text.strip()}).", field=field)
        match = _MONEY.match(cleaned)
        if not match:
            raise InvalidInput(
                f"The {label} '{text.strip()}' is not an amount; type it like 1,299.00", field=field
            )
        whole = int(match["whole"].replace(",", ""))
        cents = whole * 100 + int((match["frac"] or "0").ljust(2, "0"))
    return bounded_cents(cents, label=label, field=field)


def format_money(cents: int, currency: str = "EUR") -> str:
    """129900 -> '€1,299.00'."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    symbol = SYMBOLS.get(currency, currency + " ")
    return f"{sign}{symbol}{whole:,}.{frac:02d}"


def plain_amount(cents: int) -> str:
    """129900 -> '1299.00': the form channel files and --json want."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole}.{frac:02d}"
