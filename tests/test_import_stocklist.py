"""Importing the previous system's stock list: old numbers and old barcodes keep working."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from jeweltui.cli import main
from jeweltui.models import Movement, Piece, PieceCode
from jeweltui.services.pieces import create_piece, find_piece

STOCKLIST = Path(__file__).parent / "data" / "stocklist.csv"


def run(db_path: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)


def counts():
    return Piece.select().count(), PieceCode.select().count(), Movement.select().count()


def test_old_numbers_and_barcodes_scan_and_bad_rows_are_reported(shop, db_path, owner):
    result = run(db_path, "import", "stocklist", str(STOCKLIST), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [c["stock_no"] for c in report["created"]] == ["10234", "R-000150", "E-2201"]
    skipped = {s["line"]: s["reason"] for s in report["skipped"]}
    assert sorted(skipped) == [5, 6, 7]
    assert "abc" in skipped[5]
    assert "10234 is already in stock" in skipped[6]
    assert "L-NOWHERE" in skipped[7]

    halo = find_piece("0010234")  # the old barcode on the tag
    assert halo.stock_no == "10234" and halo.metal_mg == 3200 and halo.karat == 18
    assert (halo.category, halo.location.code, halo.retail_cents) == ("ring", "L-CASE-A", 289000)
    assert PieceCode.get(PieceCode.code == "0010234").kind == "legacy"
    assert find_piece("OLD-E-2201").category == "earrings"
    # R-000150 was claimed: the next new ring never reuses an imported number.
    new = create_piece(
        {"title": "New ring", "sku": "RNG-NEW", "category": "ring"}, location="L-SAFE", staff=owner
    )
    assert new.stock_no == "R-000151"


def test_dry_run_writes_nothing_and_says_so(shop, db_path):
    before = counts()
    result = run(db_path, "import", "stocklist", str(STOCKLIST), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "line 2: 10234  Diamond halo ring" in result.output
    assert "Would create 3 piece(s); skipped 3 row(s)." in result.output
    assert counts() == before


def test_second_import_creates_nothing(shop, db_path):
    run(db_path, "import", "stocklist", str(STOCKLIST))
    before = counts()
    result = run(db_path, "import", "stocklist", str(STOCKLIST), "--json")
    assert json.loads(result.output)["created"] == []
    assert counts() == before
