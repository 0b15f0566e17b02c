"""Receiving a vendor's packing list: every bad row by line, all or nothing, saved mappings."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeweltui.cli import main
from jeweltui.errors import InvalidInput
from jeweltui.models import Movement, Piece, PieceCode
from jeweltui.models.vendors import CostHistory
from jeweltui.services.pieces import create_piece, find_piece
from jeweltui.services.receiving import charm_price, plan_receiving, queued_labels, receive
from jeweltui.services.vendors import create_vendor

DATA = Path(__file__).parent / "data"
HEADER = ["Style", "Description", "Category", "Metal", "Karat", "Size", "Cost", "Retail", "UPC"]


def write_invoice(path: Path, count: int, broken: dict[int, str] | None = None) -> Path:
    """A vendor invoice with `count` rows; `broken` maps a file line number to what is wrong."""
    broken = broken or {}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(1, count + 1):
            line = n + 1  # the header is line 1
            style, category, cost = f"ST-{n:04d}", "ring", f"{100 + n}.00"
            if broken.get(line) == "price":
                cost = "12O.00"  # a letter O typed for a zero
            if broken.get(line) == "category":
                category = "tiara"
            if broken.get(line) == "duplicate":
                style = "ST-0010"
            writer.writerow(
                [
                    style,
                    f"Ring {n}",
                    category,
                    "yellow gold",
                    "14K",
                    "54",
                    cost,
                    f"{(100 + n) * 2},00".replace(",00", ".00"),
                    f"0400{n:09d}",
                ]
            )
    return path


@pytest.fixture
def vendor(shop, owner):
    return create_vendor({"name": "Goldhaus Berlin", "lead_time_days": 21}, staff=owner)


def run(db_path: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)


def counts() -> tuple[int, int, int]:
    return Piece.select().count(), Movement.select().count(), PieceCode.select().count()


def test_500_lines_with_3_bad_rows_reports_exactly_those_and_receives_nothing(
    db_path, vendor, tmp_path, frozen_clock
):
    bad = {101: "price", 250: "category", 400: "duplicate"}
    invoice = write_invoice(tmp_path / "invoice.csv", 500, bad)
    before = counts()

    result = run(db_path, "receive", str(invoice), "--vendor", "V-001", "--location", "L-SAFE")

    assert result.exit_code != 0
    reported = [line for line in result.stderr.splitlines() if line.startswith("line ")]
    assert [line.split(":")[0] for line in reported] == ["line 101", "line 250", "line 400"]
    assert "12O.00" in reported[0]
    assert "Unknown category 'tiara'" in reported[1]
    assert "duplicate vendor style ST-0010 (first on line 11)" in reported[2]
    assert "nothing was received" in result.stderr
    assert counts() == before

    fixed = write_invoice(tmp_path / "fixed.csv", 500)
    result = run(db_path, "receive", str(fixed), "--vendor", "V-001", "--location", "L-SAFE")
    assert result.exit_code == 0, result.output
    assert Piece.select().where(Piece.vendor == vendor).count() == 500
    assert "Received 500 piece(s)" in result.output
    assert len(queued_labels()) == 500
    assert "jeweltui label piece R-000004" in result.output  # R-000001..3 are the shop's rings


def test_a_conflict_in_the_middle_rolls_back_the_whole_receipt(db_path, vendor, tmp_path, owner):
    plan = plan_receiving(write_invoice(tmp_path / "inv.csv", 50), "V-001")
    assert plan.clean
    # Between preview and receipt someone tags another piece with line 31's barcode.
    create_piece(
        {"title": "Other", "sku": "OTHER-1", "category": "ring"},
        location="L-CASE-A",
        staff=owner,
        extra_codes=[("0400000000030", "vendor")],
    )
    before = counts()
    with pytest.raises(InvalidInput, match="line 31"):
        receive(plan, location="L-SAFE", staff=owner)
    assert counts() == before


def test_saved_mapping_and_markup_give_shop_prices(db_path, vendor, frozen_clock):
    result = run(
        db_path,
        "vendor",
        "mapping",
        "V-001",
        "vendor_style=Art.Nr",
        "title=Bezeichnung",
        "category=Kategorie",
        "metal=Metall",
        "karat=Feingehalt",
        "metal_g=Gewicht g",
        "cost=EK EUR",
        "barcode=EAN",
    )
    assert result.exit_code == 0, result.output
    result = run(
        db_path,
        "receive",
        str(DATA / "vendor_packing_list.csv"),
        "--vendor",
        "Goldhaus Berlin",
        "--markup",
        "2.5",
        "--location",
        "L-SAFE",
        "--json",
    )
    assert result.exit_code == 0, result.output
    numbers = json.loads(result.output)["received"]
    band, solitaire, hoops = (find_piece(n) for n in numbers)
    assert band.category == "wedding_band" and band.karat == 14 and band.metal_mg == 4100
    assert (band.cost_cents, band.retail_cents) == (31000, 77900)  # 775.00 -> 779.00
    assert solitaire.retail_cents == 194900  # 780.50 × 2.5 = 1,951.25 -> 1,949.00
    assert hoops.retail_cents == 35900
    assert find_piece("4006381333917") == solitaire  # the vendor's barcode scans
    assert band.vendor_style == "AN-7781" and band.sku == "V-001-AN-7781"
    assert CostHistory.select().where(CostHistory.vendor == vendor).count() == 3


@pytest.mark.parametrize(
    ("cents", "shop_price"),
    [
        (120000, 119900),
        (123400, 122900),
        (123600, 123900),
        (77500, 77900),
        (76500, 76900),
        (300, 900),
    ],
)
def test_charm_price_is_the_nearest_ten_less_one(cents, shop_price):
    assert charm_price(cents) == shop_price


def test_good_rows_only_must_be_asked_for_and_lists_the_skipped(db_path, vendor, tmp_path):
    invoice = write_invoice(tmp_path / "inv.csv", 10, {5: "price"})
    result = run(
        db_path,
        "receive",
        str(invoice),
        "--vendor",
        "V-001",
        "--good-rows-only",
        "--location",
        "L-CASE-B",
    )
    assert result.exit_code == 0, result.output
    assert "line 5:" in result.stderr
    assert "Received 9 piece(s)" in result.output
    assert Piece.select().where(Piece.vendor == vendor).count() == 9


def test_dry_run_shows_rows_and_writes_nothing(db_path, vendor, tmp_path):
    invoice = write_invoice(tmp_path / "inv.csv", 3)
    before = counts()
    result = run(db_path, "receive", str(invoice), "--vendor", "V-001", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "line 4: V-001-ST-0003  Ring 3  €206.00" in result.output
    assert counts() == before


def test_a_file_without_a_cost_column_is_refused_with_its_columns(db_path, vendor, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Style,Description,Category,Preis\nA-1,Ring,ring,10.00\n", encoding="utf-8")
    result = run(db_path, "receive", str(path), "--vendor", "V-001", "--markup", "2")
    assert result.exit_code != 0
    assert "no column for cost" in result.stderr and "Preis" in result.stderr
    result = run(db_path, "receive", str(path), "--vendor", "V-001", "--price-column", "Preis")
    assert result.exit_code != 0  # retail found, but still no cost column


def test_retail_without_markup_or_column_is_refused(db_path, vendor, tmp_path):
    path = tmp_path / "nocost.csv"
    path.write_text("Style,Description,Category,Cost\nA-1,Ring,ring,10.00\n", encoding="utf-8")
    result = run(db_path, "receive", str(path), "--vendor", "V-001")
    assert result.exit_code != 0 and "--markup" in result.stderr


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


QTY_HEADER = ["Style", "Description", "Category", "Metal", "Karat", "Qty", "Cost", "Retail"]


def test_qty_12_of_a_serialized_style_makes_12_pieces_and_an_item_line_adds_units(
    db_path, vendor, tmp_path, owner
):
    from jeweltui.services.items import create_item, find_item, item_on_hand

    create_item({"sku": "CHN-BOX-SS-40", "title": "Box chain 40cm"}, staff=owner)
    path = write_rows(
        tmp_path / "studs.csv",
        ["SKU", *QTY_HEADER],
        [
            ["", "STD-4MM", "Ball studs 4mm", "earrings", "yellow gold", "14K", "12", "40.00", "99.00"],
            ["CHN-BOX-SS-40", "", "Box chain 40cm", "", "", "", "12", "6.40", ""],
        ],
    )  # fmt: skip
    result = run(db_path, "receive", str(path), "--vendor", "V-001", "--json")
    assert result.exit_code == 0, result.output
    received = json.loads(result.output)
    assert len(received["received"]) == 12 == len(set(received["received"]))
    assert received["units"] == [{"sku": "CHN-BOX-SS-40", "qty": 12}]
    studs = Piece.select().where(Piece.stock_no.in_(received["received"]))
    assert {(p.title, p.karat, p.retail_cents) for p in studs} == {("Ball studs 4mm", 14, 9900)}
    assert item_on_hand(find_item("CHN-BOX-SS-40")) == 12


def test_qty_with_one_bad_row_receives_nothing(db_path, vendor, tmp_path, owner):
    from jeweltui.models import StockLevel
    from jeweltui.services.items import create_item

    create_item({"sku": "CHN-BOX-SS-40", "title": "Box chain 40cm"}, staff=owner)
    path = write_rows(
        tmp_path / "bad.csv",
        ["SKU", *QTY_HEADER],
        [
            ["", "STD-4MM", "Ball studs 4mm", "earrings", "yellow gold", "14K", "12", "40.00", "99.00"],
            ["CHN-BOX-SS-40", "", "Box chain 40cm", "", "", "", "12", "6.40", ""],
            ["", "STD-5MM", "Ball studs 5mm", "earrings", "yellow gold", "14K", "twelve", "45.00", "109.00"],
        ],
    )  # fmt: skip
    before = Piece.select().count(), Movement.select().count()
    result = run(db_path, "receive", str(path), "--vendor", "V-001")
    assert result.exit_code != 0
    assert "line 4" in result.output and "twelve" in result.output
    assert (Piece.select().count(), Movement.select().count()) == before
    assert StockLevel.select().count() == 0
