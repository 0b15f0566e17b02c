"""Importing the shop's own Shopify product export: every row imported or reported by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeweltui.cli import main
from jeweltui.errors import InvalidInput
from jeweltui.imports.shopify_products import html_to_text, parse_shop_price
from jeweltui.models import Movement, Piece, PieceCode
from jeweltui.services.pieces import find_piece

DATA = Path(__file__).parent / "data"
CURRENT = DATA / "shopify_products.csv"
LEGACY = DATA / "shopify_products_legacy.csv"


def run(db_path: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)


def counts():
    return Piece.select().count(), PieceCode.select().count(), Movement.select().count()


def import_json(db_path, path, *extra):
    result = run(
        db_path, "import", "shopify", str(path), "--location", "L-CASE-B", "--json", *extra
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_one_piece_per_stocked_variant_and_every_other_row_reported(shop, db_path):
    report = import_json(db_path, CURRENT)
    created = {c["note"]: c for c in report["created"]}
    assert set(created) == {"00123-52", "00123-54", "BAGUE-ETOILE-50", "TNS-BR-14W"}
    skipped = {s["line"]: s["reason"] for s in report["skipped"]}
    # The first description spans lines 2–3, so the next row starts on line 4.
    assert sorted(skipped) == [5, 6, 8, 9, 11, 12, 13]
    assert "quantity 0" in skipped[5]
    assert "image-only row, merged into 'solitaire-ring'" in skipped[6]
    assert "ambiguous price '1.299'" in skipped[8]
    assert "negative quantity -2" in skipped[9]
    assert "quantity 12 is not a one-of-one" in skipped[11]
    assert "not tracked" in skipped[12]
    assert "image-only" in skipped[13]
    assert report["notes"] == [
        {"line": 7, "reason": "empty SKU; generated BAGUE-ETOILE-50 from the handle"}
    ]

    ring = find_piece("00123-52")  # the SKU (apostrophe gone) scans as an alternate code
    assert ring.stock_no == created["00123-52"]["stock_no"]
    assert (ring.category, ring.ring_size, ring.karat) == ("ring", "52", 18)
    assert (ring.retail_cents, ring.cost_cents) == (129900, 48000)
    assert ring.description == "Classic 18k solitaire & diamond.\n0.50 ct, G/VS1"
    assert find_piece("00123-54").ring_size == "54"  # later variant rows leave option names blank
    etoile = find_piece("BAGUE-ETOILE-50")
    assert etoile.title == "Bague Étoile – 50" and etoile.retail_cents == 129900
    bracelet = find_piece("4006381333931")  # its barcode scans too
    assert bracelet.category == "bracelet" and bracelet.cost_cents == 110000
    assert bracelet.retail_cents == 245000 and bracelet.location.code == "L-CASE-B"


def test_a_second_import_of_the_same_file_creates_nothing(shop, db_path):
    import_json(db_path, CURRENT)
    before = counts()
    report = import_json(db_path, CURRENT)
    assert report["created"] == []
    reasons = {s["line"]: s["reason"] for s in report["skipped"]}
    assert "imported before" in reasons[2] and "imported before" in reasons[7]
    assert counts() == before


def test_dry_run_shows_what_would_be_created_and_writes_nothing(shop, db_path):
    before = counts()
    result = run(db_path, "import", "shopify", str(CURRENT), "--location", "L-CASE-B", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Would create 4 piece(s); skipped 7 row(s)." in result.output
    assert "line 10: B-000001  Tennis bracelet – 14k White Gold" in result.output
    assert counts() == before


def test_legacy_template_in_a_currency_without_cents(shop, db_path):
    report = import_json(db_path, LEGACY, "--currency", "JPY")
    assert [c["note"] for c in report["created"]] == ["KAO-PND-01", "SAK-RNG-11"]
    pendant = find_piece("KAO-PND-01")
    assert (pendant.retail_cents, pendant.currency, pendant.category) == (
        12990000,
        "JPY",
        "pendant",
    )
    assert pendant.description == "Akoya pearl, 18K gold"
    assert find_piece("SAK-RNG-11").retail_cents == 8900000  # "89,000" yen
    skipped = {s["line"]: s["reason"] for s in report["skipped"]}
    assert "image-only" in skipped[3]
    assert "JPY has no cents" in skipped[5]


def test_not_a_shopify_file_is_refused(shop, db_path, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Name,Price\nRing,10\n")
    result = run(db_path, "import", "shopify", str(path), "--location", "L-CASE-A")
    assert result.exit_code != 0 and "not a Shopify product export" in result.stderr


@pytest.mark.parametrize(
    ("text", "currency", "cents"),
    [
        ("1299", "EUR", 129900),
        ("1299.00", "EUR", 129900),
        ("1,299.00", "USD", 129900),
        ("1.299,00", "EUR", 129900),
        ("1299,5", "EUR", 129950),
        ("'349", "EUR", 34900),
        ("129,900", "JPY", 12990000),
        ("1.299", "JPY", 129900),
    ],
)
def test_prices_as_shops_type_them(text, currency, cents):
    assert parse_shop_price(text, currency) == cents


@pytest.mark.parametrize("text", ["1.299", "1,299", "-5.00", "12O", "10.5", ""])
def test_unclear_prices_are_refused(text):
    currency = "JPY" if text == "10.5" else "EUR"
    with pytest.raises(InvalidInput):
        parse_shop_price(text, currency)


def test_html_descriptions_become_text():
    html = "<p>Hand&nbsp;made <b>18k</b></p><ul><li>one</li><li>two &amp; three</li></ul>"
    assert html_to_text(html) == "Hand made 18k\none\ntwo & three"
