"""The jeweler's units and money: every accepted form parses, what we show reads back, and a
bad value names its field and the accepted forms."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jeweltui import money, units
from jeweltui.errors import InvalidInput

LOCALES = ["en_IE", "de_DE", "en_US", "nl_NL", "fr_FR", "de_CH"]


@pytest.fixture(autouse=True)
def shop_defaults():
    money.configure()
    yield
    money.configure()


@pytest.mark.parametrize(
    ("text", "karat"),
    [("14", 14), ("14K", 14), ("14KT", 14), ("14kt", 14), ("18ct", 18), ("585", 14), ("750", 18)],
)
def test_karat_forms(text, karat):
    assert units.parse_karat(text) == karat


@pytest.mark.parametrize(
    ("text", "metal", "millesimal", "name"),
    [
        ("585", "gold", 585, "14K gold (585)"),
        ("750", "gold", 750, "18K gold (750)"),
        ("925", "silver", 925, "sterling silver 925"),
        ("950", "platinum", 950, "platinum 950"),
        ("PT950", "platinum", 950, "platinum 950"),
        ("Pd500", "palladium", 500, "palladium 500"),
    ],
)
def test_fineness_forms(text, metal, millesimal, name):
    value = units.parse_fineness(text)
    assert (value.metal, value.millesimal, value.name) == (metal, millesimal, name)


@pytest.mark.parametrize(
    ("text", "mg"),
    [("3.2g", 3200), ("3,2 g", 3200), ("2.1 dwt", 3266), ("0.5 ozt", 15552), ("850mg", 850)],
)
def test_weight_forms(text, mg):
    assert units.parse_weight(text) == mg


@pytest.mark.parametrize(
    ("text", "points"),
    [("0.50ct", 50), ("1/2 ct", 50), (".75ctw", 75), ("50pt", 50), ("1 1/2 ct", 150)],
)
def test_carat_forms(text, points):
    assert units.parse_carats(text) == points


@pytest.mark.parametrize(
    ("text", "cents"),
    [("1,299.00", 129900), ("1.299,00", 129900), ("€1.299", 129900), ("€ 1 299,50", 129950)],
)
def test_money_forms_in_a_euro_shop(text, cents):
    assert money.parse_money(text) == cents


def test_dollar_price_in_a_dollar_shop_and_refused_in_a_euro_shop():
    money.configure("en_US", "USD")
    assert money.parse_money("$1,299") == 129900
    money.configure("en_IE", "EUR")
    with pytest.raises(InvalidInput, match=r"not in this shop's currency \(EUR") as caught:
        money.parse_money("$1,299", field="retail_cents", label="retail price")
    assert caught.value.field == "retail_cents"


@pytest.mark.parametrize(
    ("parse", "bad", "field", "forms"),
    [
        (units.parse_karat, "19K", "karat", units.KARAT_FORMS),
        (units.parse_karat, "gold", "karat", units.KARAT_FORMS),
        (units.parse_fineness, "PT9999", "fineness", units.FINENESS_FORMS),
        (units.parse_fineness, "123", "fineness", units.FINENESS_FORMS),
        (units.parse_weight, "3.2 lb", "weight", units.WEIGHT_FORMS),
        (units.parse_weight, "heavy", "weight", units.WEIGHT_FORMS),
        (units.parse_carats, "1/0 ct", "carat", units.CARAT_FORMS),
        (units.parse_carats, "big", "carat", units.CARAT_FORMS),
        (money.parse_money, "12.3.4", "price", money.ACCEPTED_FORMS),
        (money.parse_money, "twelve", "price", money.ACCEPTED_FORMS),
    ],
)
def test_a_bad_value_names_its_field_and_the_accepted_forms(parse, bad, field, forms):
    with pytest.raises(InvalidInput) as caught:
        parse(bad)
    assert caught.value.field == field
    assert forms in caught.value.message
    assert bad in caught.value.message


def test_not_whole_points_and_negative_amounts_are_refused():
    with pytest.raises(InvalidInput, match="whole points"):
        units.parse_carats("0.505ct")
    with pytest.raises(InvalidInput, match="cannot be negative"):
        money.parse_money("-5.00")


def test_money_is_shown_in_the_shops_locale():
    assert money.format_money(129900) == "€1,299.00"
    money.configure("de_DE", "EUR")
    assert money.format_money(129900) == "1.299,00\xa0€"
    assert money.format_amount(129900) == "1.299,00"


locales = st.sampled_from(LOCALES)


@given(st.sampled_from(units.KARATS))
def test_karat_round_trip(karat):
    assert units.parse_karat(units.format_karat(karat)) == karat


@given(
    st.one_of(
        st.builds(units.Fineness, st.just("gold"), st.sampled_from([333, 375, 417, 585, 750])),
        st.builds(units.Fineness, st.just("platinum"), st.integers(100, 999)),
        st.builds(units.Fineness, st.just("palladium"), st.integers(100, 999)),
        st.builds(units.Fineness, st.just("silver"), st.integers(100, 999)),
    )
)
def test_fineness_round_trip(value):
    assert units.parse_fineness(units.format_fineness(value)) == value


@given(locales, st.integers(0, 99_999_999))
def test_weight_round_trip(locale, mg):
    money.configure(locale)
    assert units.parse_weight(units.format_weight(mg)) == mg


@given(locales, st.integers(0, 99_999))
def test_carat_round_trip(locale, points):
    money.configure(locale)
    assert units.parse_carats(units.format_carats(points)) == points


@given(locales, st.sampled_from(["EUR", "USD", "GBP", "CHF"]), st.integers(0, 9_999_999_999))
def test_money_round_trip(locale, currency, cents):
    money.configure(locale, currency)
    assert money.parse_money(money.format_money(cents)) == cents
    assert money.parse_money(money.format_amount(cents)) == cents


def test_the_shops_money_setting_is_kept_and_used_by_every_command(shop, db_path):
    from click.testing import CliRunner

    from jeweltui.cli import main

    def run(*args):
        result = CliRunner().invoke(main, ["--db", str(db_path), *args])
        assert result.exit_code == 0, result.output
        return result.output

    assert "1.299,00\xa0€" in run("shop-money", "--locale", "de_DE")
    assert "Retail: 1.299,00\xa0€" in run("piece", "show", "R-000001")
    run("piece", "edit", "R-000001", "--price", "1.450,50")
    assert "Retail: 1.450,50\xa0€" in run("piece", "show", "R-000001")
    refused = CliRunner().invoke(main, ["--db", str(db_path), "piece", "edit", "R-000001",
                                        "--price", "$1,450"])  # fmt: skip
    assert refused.exit_code != 0 and "not in this shop's currency (EUR" in refused.output
