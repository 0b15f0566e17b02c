"""The jeweler's units, read and shown in one place: karat, fineness, metal weight, carats.

Stored forms are integers, so arithmetic never drifts:
  karat      14, 18 …           (`14`, `14K`, `14KT`, `18ct`, or a gold fineness `585`)
  fineness   Fineness(metal, ‰) (`585`, `750`, `925`, `950`, `PT950`, `Pd500`)
  weight     milligrams          (`3.2g`, `3,2 g`, `2.1 dwt`, `0.5 ozt`; a bare number is grams)
  carats     points, 1/100 ct    (`0.50ct`, `1/2 ct`, `.75ctw`, `50pt`; a bare number is carats)
Money lives in jeweltui.money. A bad value raises InvalidInput naming its field and the
forms that are accepted. Numbers are shown in the shop's locale (babel).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from babel.numbers import format_decimal, get_group_symbol

from jeweltui.errors import InvalidInput
from jeweltui.money import shop_money

KARATS = (8, 9, 10, 14, 18, 20, 22, 24)
MG_PER_DWT = Decimal("1555.17384")  # pennyweight: 1/20 troy ounce
MG_PER_OZT = Decimal("31103.4768")  # troy ounce

KARAT_FORMS = "14, 14K, 14KT, 18ct or a gold fineness like 585"
FINENESS_FORMS = "585, 750, 925 (sterling), 950 (platinum), PT950 or Pd500"
WEIGHT_FORMS = "3.2g, 2.1 dwt or 0.5 ozt"
CARAT_FORMS = "0.50ct, 1/2 ct, .75ctw or 50pt"

# Gold fineness (parts per thousand) for each karat, as hallmarks print it.
GOLD_FINENESS = {8: 333, 9: 375, 10: 417, 14: 585, 18: 750, 20: 833, 22: 916, 24: 999}
_FINENESS_GOLD = {v: k for k, v in GOLD_FINENESS.items()} | {917: 22}
METAL_PREFIXES = {"PT": "platinum", "PD": "palladium", "AG": "silver", "AU": "gold"}
# Bare numbers a jeweler reads without a prefix: 925 is sterling, 950 platinum.
BARE_FINENESS = {925: "silver", 950: "platinum", 800: "silver", 958: "silver", 999: "gold"}


def _number(text: str) -> Decimal:
    """A decimal number typed the shop's way or the other way: with both marks the last is
    the decimal one; a lone mark is decimal unless it is the locale's group mark followed by
    groups of three ('1,500' is 1500 in en_IE and 1.5 in de_DE)."""
    cleaned = re.sub(r"[\s\u00a0\u202f'’]", "", text)
    marks = {c for c in cleaned if c in ".,"}
    if len(marks) == 2:
        decimal = max(".,", key=cleaned.rindex)
        cleaned = cleaned.replace("," if decimal == "." else ".", "").replace(",", ".")
    elif marks:
        (mark,) = marks
        parts = cleaned.split(mark)
        grouped = all(len(p) == 3 for p in parts[1:]) and parts[0]
        if grouped and (len(parts) > 2 or mark == get_group_symbol(shop_money().locale)):
            cleaned = "".join(parts)
        elif len(parts) == 2:
            cleaned = cleaned.replace(",", ".")
        else:
            raise InvalidOperation(text)
    value = Decimal(cleaned)
    if not value.is_finite():
        raise InvalidOperation(text)
    return value


def _show(value: Decimal, pattern: str) -> str:
    return format_decimal(value, format=pattern, locale=shop_money().locale)


# --- karat -------------------------------------------------------------------------

_KARAT = re.compile(r"^(\d{1,3})\s*(k|kt|karat|ct|carat)?$", re.IGNORECASE)


def parse_karat(text: str | int | None, *, field: str = "karat") -> int | None:
    """'14', '14K', '14KT', '18ct', '585' -> 14 / 18; empty -> None."""
    if text is None or str(text).strip() == "":
        return None
    raw = str(text).strip()
    match = _KARAT.match(raw)
    number = int(match[1]) if match else None
    if number is not None and not match[2] and number in _FINENESS_GOLD:
        number = _FINENESS_GOLD[number]
    if number not in KARATS:
        raise InvalidInput(
            f"Karat '{raw}' is not a gold purity we know; type {KARAT_FORMS}.", field=field
        )
    return number


def format_karat(karat: int | None) -> str:
    return f"{karat}K" if karat else ""


# --- fineness ----------------------------------------------------------------------


@dataclass(frozen=True)
class Fineness:
    metal: str  # gold | silver | platinum | palladium
    millesimal: int  # parts per thousand: 585, 925, 950 …

    @property
    def karat(self) -> int | None:
        return _FINENESS_GOLD.get(self.millesimal) if self.metal == "gold" else None

    @property
    def name(self) -> str:
        """What a customer reads: '14K gold (585)', 'sterling silver 925', 'platinum 950'."""
        if self.metal == "gold" and self.karat:
            return f"{self.karat}K gold ({self.millesimal})"
        if self.metal == "silver" and self.millesimal == 925:
            return "sterling silver 925"
        return f"{self.metal} {self.millesimal}"


_FINENESS = re.compile(r"^(pt|pd|ag|au)?\s*(\d{3})$", re.IGNORECASE)


def parse_fineness(text: str, *, field: str = "fineness") -> Fineness:
    raw = str(text).strip()
    match = _FINENESS.match(raw)
    if match:
        prefix, number = (match[1] or "").upper(), int(match[2])
        if prefix:
            metal = METAL_PREFIXES[prefix]
        elif number in _FINENESS_GOLD and number != 999:
            metal = "gold"
        else:
            metal = BARE_FINENESS.get(number, "")
        if metal and 0 < number <= 999 and (metal != "gold" or number in _FINENESS_GOLD):
            return Fineness(metal, number)
    raise InvalidInput(
        f"Fineness '{raw}' is not a hallmark we know; type {FINENESS_FORMS}.", field=field
    )


def format_fineness(value: Fineness) -> str:
    """The hallmark form parse_fineness reads back: '585', '925', 'PT950', 'Pd500'."""
    bare = (value.metal == "gold" and value.millesimal != 999) or (
        BARE_FINENESS.get(value.millesimal) == value.metal
    )
    if bare:
        return str(value.millesimal)
    prefix = {v: k for k, v in METAL_PREFIXES.items()}[value.metal]
    return f"{prefix.capitalize() if prefix in ('PD', 'AG', 'AU') else prefix}{value.millesimal}"


# --- weight ------------------------------------------------------------------------

_WEIGHT = re.compile(
    r"^([\d.,\s'’\u00a0\u202f]+?)\s*(g|gr|grams?|mg|dwt|ozt|oz t|troy oz)?$", re.IGNORECASE
)
_WEIGHT_MG = {"": 1000, "g": 1000, "gr": 1000, "gram": 1000, "grams": 1000, "mg": 1}


def parse_weight(text: str | int | None, *, field: str = "weight") -> int | None:
    """'3.2g' -> 3200 mg; '2.1 dwt', '0.5 ozt' converted and rounded to the milligram."""
    if text is None or str(text).strip() == "":
        return None
    raw = str(text).strip()
    match = _WEIGHT.match(raw)
    try:
        if not match:
            raise InvalidOperation(raw)
        amount, unit = _number(match[1]), (match[2] or "").lower().replace(" ", "")
    except InvalidOperation:
        raise InvalidInput(
            f"Weight '{raw}' is not a weight; type {WEIGHT_FORMS}.", field=field
        ) from None
    if unit == "dwt":
        mg = amount * MG_PER_DWT
    elif unit in ("ozt", "troyoz"):
        mg = amount * MG_PER_OZT
    else:
        mg = amount * _WEIGHT_MG[unit]
    if mg < 0 or mg > 100_000_000:  # more than 100 kg is a typo, not a piece
        raise InvalidInput(f"Weight '{raw}' is not a plausible metal weight.", field=field)
    return int(mg.to_integral_value())


def format_weight(mg: int | None) -> str:
    """3200 -> '3.2 g' in the shop's locale (to the milligram)."""
    if mg is None:
        return ""
    return f"{_show(Decimal(mg) / 1000, '#,##0.###')} g"


# --- carats ------------------------------------------------------------------------

_CARAT = re.compile(
    r"^(?:(?P<whole>\d+)\s+)?(?P<amount>\d+/\d+|[\d.,'’\u00a0\u202f]+)\s*(?P<unit>ctw|ct\.?\s*tw|cttw|ct|carats?|pts?|points?)?$",
    re.IGNORECASE,
)


def parse_carats(text: str | int | None, *, field: str = "carat") -> int:
    """'0.50ct', '1/2 ct', '1 1/2ct', '.75ctw', '50pt' -> points (50, 50, 150, 75, 50)."""
    if text is None or str(text).strip() == "":
        return 0
    raw = str(text).strip()
    match = _CARAT.match(raw)
    try:
        if not match:
            raise InvalidOperation(raw)
        unit = (match["unit"] or "ct").lower()
        if "/" in match["amount"]:
            amount = Fraction(match["amount"]) + int(match["whole"] or 0)
        elif match["whole"]:
            raise InvalidOperation(raw)
        else:
            amount = Fraction(_number(match["amount"]))
    except (InvalidOperation, ValueError, ZeroDivisionError):
        raise InvalidInput(
            f"Carat weight '{raw}' is not a weight; type {CARAT_FORMS}.", field=field
        ) from None
    points = amount if unit.startswith(("pt", "point")) else amount * 100
    if points.denominator != 1 or points < 0 or points > 100_000:
        raise InvalidInput(
            f"Carat weight '{raw}' must be whole points (0.01ct) between 0 and 1000ct.",
            field=field,
        )
    return int(points)


def format_carats(points: int) -> str:
    """50 -> '0.50ct' in the shop's locale."""
    return f"{_show(Decimal(points) / 100, '#,##0.00')}ct"


def metal_from_fineness(value: Fineness, metal: str = "") -> dict[str, object]:
    """What a hallmark says about a piece's metal: 585 -> 14K (the gold colour stays as
    typed), 925 -> sterling silver, PT950 -> platinum 950."""
    if value.metal == "gold":
        gold = metal if "gold" in metal.lower() else "gold"
        return {"metal": gold, "karat": value.karat}
    name = "sterling silver" if value.metal == "silver" and value.millesimal == 925 else value.name
    return {"metal": name, "karat": None}


# --- ranges and ring sizes ---------------------------------------------------------

SIZE_FORMS = "a ring size like 6, 6.5 or 52"
RANGE_FORMS = "6.5-7.5, -2000 (up to), 1000- (from) or one value"
_RANGE = re.compile(r"^\s*(?P<low>[^-–—]*?)\s*(?P<dash>[-–—]|\.\.|\bto\b)\s*(?P<high>[^-–—]*?)\s*$")


def parse_size(text: str, *, field: str = "size") -> Decimal:
    """A ring size as a number: '6.5', '6,5', '6 1/2', '52' (European circumference)."""
    raw = str(text).strip()
    whole, _, half = raw.partition(" ")
    try:
        value = _number(whole) + (
            Decimal(Fraction(half).numerator) / Fraction(half).denominator if half else 0
        )
    except (InvalidOperation, ValueError, ZeroDivisionError):
        raise InvalidInput(f"Size '{raw}' is not {SIZE_FORMS}.", field=field) from None
    if not 0 < value <= 80:
        raise InvalidInput(f"Size '{raw}' is not {SIZE_FORMS}.", field=field)
    return value


def parse_range(text: str, parse_one, *, field: str):
    """'6.5-7.5' -> (6.5, 7.5); '-2000' -> (None, 2000); '1000-' -> (1000, None); '7' ->
    (7, 7). En and em dashes and 'to' work too. Each end is read by parse_one."""
    raw = str(text).strip()
    match = _RANGE.match(raw)
    if not match:
        value = parse_one(raw, field=field)
        return value, value
    low = parse_one(match["low"], field=field) if match["low"] else None
    high = parse_one(match["high"], field=field) if match["high"] else None
    if low is None and high is None:
        raise InvalidInput(
            f"The {field} range '{raw}' has no ends; type {RANGE_FORMS}.", field=field
        )
    if low is not None and high is not None and low > high:
        raise InvalidInput(f"The {field} range '{raw}' runs backwards.", field=field)
    return low, high


def tag_summary(karat: int | None, metal: str, stones) -> str:
    """The tag's short line: '14K · 0.50ct', 'platinum · 1.20ct', '14K'."""
    total = sum(stone.carat_points * stone.count for stone in stones)
    parts = [f"{karat}K" if karat else metal.strip(), format_carats(total) if total else ""]
    return " · ".join(part for part in parts if part)
