"""Money, in one place: integer cents, read from what people type and shown through babel
in the shop's locale and currency.

The shop's locale and currency are settings (`jeweltui shop set --locale de_DE
--currency EUR`); opening the database loads them here, so every screen, receipt and
command formats the same way. Until then the defaults below apply.

Reading an amount accepts the ways jewelers write prices: `1,299.00`, `1.299,00`,
`€1.299`, `$1,299`, `1299`. A separator followed by exactly three digits groups
thousands (a price never has three decimals); otherwise the last separator is the
decimal one. A currency symbol or code is allowed only when it is the shop's own: a
dollar price in a euro shop is refused, never silently taken as euros.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    format_currency,
    format_decimal,
    get_currency_name,
    get_currency_symbol,
    is_currency,
)

from jeweltui.bounds import cents as bounded_cents
from jeweltui.errors import InvalidInput

DEFAULT_LOCALE = "en_IE"  # English text, euro conventions: €1,299.00
DEFAULT_CURRENCY = "EUR"
LOCALE_KEY = "shop_locale"
CURRENCY_KEY = "shop_currency"
ACCEPTED_FORMS = "1,299.00, 1.299,00, €1.299 or 1299"


@dataclass(frozen=True)
class ShopMoney:
    locale: str = DEFAULT_LOCALE
    currency: str = DEFAULT_CURRENCY


_shop = ShopMoney()


def shop_money() -> ShopMoney:
    return _shop


def check_locale(name: str) -> str:
    """A babel locale name ('de_DE', 'en-US' is taken too), or InvalidInput."""
    text = str(name).strip().replace("-", "_")
    try:
        Locale.parse(text)
    except (UnknownLocaleError, ValueError):
        raise InvalidInput(
            f"Locale '{name}' is not one we know; use a name like en_IE, de_DE or en_US.",
            field="locale",
        ) from None
    return text


def check_currency(code: str) -> str:
    text = str(code).strip().upper()
    if not is_currency(text):
        raise InvalidInput(
            f"Currency '{code}' is not an ISO 4217 code like EUR, USD or GBP.", field="currency"
        )
    return text


def configure(locale: str | None = None, currency: str | None = None) -> ShopMoney:
    """Set how this process reads and shows money (the shop's settings, or a test's)."""
    global _shop
    _shop = ShopMoney(
        check_locale(locale) if locale else DEFAULT_LOCALE,
        check_currency(currency) if currency else DEFAULT_CURRENCY,
    )
    return _shop


def configure_from_settings() -> ShopMoney:
    """Load the shop's locale and currency from the open database's settings."""
    from jeweltui.models import Setting

    values = dict(
        Setting.select(Setting.key, Setting.value)
        .where(Setting.key.in_([LOCALE_KEY, CURRENCY_KEY]))
        .tuples()
    )
    try:
        return configure(values.get(LOCALE_KEY), values.get(CURRENCY_KEY))
    except InvalidInput:  # a stored value this machine cannot read: open anyway, as default
        return configure()


def _symbols_of(currency: str, locale: str) -> set[str]:
    """Every way this currency may be written: code, local symbol, English symbol."""
    found = {currency, get_currency_symbol(currency, locale), get_currency_symbol(currency, "en")}
    narrow = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥", "CHF": "Fr."}
    if currency in narrow:
        found.add(narrow[currency])
    return {s.upper() for s in found}


_AMOUNT = re.compile(
    r"^(?P<lead>[^\d.,]*)(?P<number>[\d.,][\d.,\s\u00a0\u202f'’]*)(?P<trail>[^\d.,]*)$"
)
_SPACES = re.compile(r"[\s\u00a0\u202f'’]")


def _to_decimal(number: str) -> Decimal | None:
    """'1.299,00' -> 1299.00 by the rule in the module docstring; None when malformed."""
    number = _SPACES.sub("", number)
    separators = [c for c in number if c in ".,"]
    if not separators:
        return Decimal(number)
    last = separators[-1]
    whole, _, frac = number.rpartition(last)
    if len(frac) == 3 and (len(set(separators)) == 1):
        whole, frac = number, ""  # '1.299' / '1,299' / '1,299,000': thousands only
    elif len(frac) > 2:
        return None
    groups = re.split(r"[.,]", whole)
    if len(groups) > 1:
        group_marks = {c for c in whole if c in ".,"}
        if len(group_marks) > 1 or not groups[0] or any(len(g) != 3 for g in groups[1:]):
            return None
    digits = "".join(groups) or "0"
    return Decimal(f"{digits}.{frac or '0'}")


def parse_money(
    text: str | int, *, field: str = "price", label: str | None = None, negative: bool = False
) -> int:
    """What a person typed -> cents. Refuses negatives (unless allowed), other currencies,
    letters and more than two decimals; the message names the field and the accepted forms."""
    label = label or field.replace("_cents", "").replace("_", " ")
    if isinstance(text, int) and not isinstance(text, bool):
        cents = text
    else:
        raw = str(text).strip()
        match = _AMOUNT.match(raw)
        value = _to_decimal(match["number"]) if match and re.search(r"\d", raw) else None
        if value is None:
            raise InvalidInput(
                f"The {label} '{raw}' is not an amount; type it like {ACCEPTED_FORMS}.",
                field=field,
            )
        signs = _SPACES.sub("", match["lead"] + match["trail"])
        for mark in (_SPACES.sub("", m).strip("-+") for m in (match["lead"], match["trail"])):
            if mark:
                _refuse_other_currency(mark, raw, label, field)
        cents = int(value * 100)
        if "-" in signs:
            cents = -cents
    if cents < 0 and negative:
        return -bounded_cents(-cents, label=label, field=field)
    return bounded_cents(cents, label=label, field=field)  # not negative, not absurd


def _refuse_other_currency(mark: str, raw: str, label: str, field: str) -> None:
    shop = _shop
    if mark.upper() in _symbols_of(shop.currency, shop.locale):
        return
    name = get_currency_name(shop.currency, locale="en")
    raise InvalidInput(
        f"The {label} '{raw}' is not in this shop's currency ({shop.currency}, {name}); "
        f"type it without '{mark}' or in {shop.currency}.",
        field=field,
    )


def _as_decimal(cents: int) -> Decimal:
    return Decimal(cents) / 100


def format_money(cents: int, currency: str | None = None) -> str:
    """129900 -> '€1,299.00' (en_IE), '1.299,00 €' (de_DE): the shop's locale."""
    shop = _shop
    return format_currency(_as_decimal(cents), currency or shop.currency, locale=shop.locale)


def format_amount(cents: int) -> str:
    """129900 -> '1,299.00' or '1.299,00': the number without a currency, for forms."""
    return format_decimal(_as_decimal(cents), format="#,##0.00", locale=_shop.locale)


def plain_amount(cents: int) -> str:
    """129900 -> '1299.00': the form channel files and --json want."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole}.{frac:02d}"
