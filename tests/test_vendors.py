"""`jeweltui vendor …`: records, pieces supplied, cost history, saved mappings."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from jeweltui.cli import main
from jeweltui.models import Vendor
from jeweltui.models.vendors import VendorMapping

DATA = Path(__file__).parent / "data"


def run(db_path: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)


def test_add_list_show_with_supplied_pieces_and_cost_history(shop, db_path):
    result = run(
        db_path,
        "vendor",
        "add",
        "--name",
        "Goldhaus Berlin",
        "--contact",
        "Jana Vogel",
        "--email",
        "jana@goldhaus.example",
        "--terms",
        "net 30",
        "--lead-time",
        "21",
        "--memo-days",
        "45",
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("V-001  Goldhaus Berlin  lead 21 d, memo 45 d")
    path = DATA / "vendor_packing_list.csv"
    run(
        db_path,
        "vendor",
        "mapping",
        "V-001",
        "vendor_style=Art.Nr",
        "title=Bezeichnung",
        "category=Kategorie",
        "cost=EK EUR",
        "barcode=EAN",
    )
    assert run(db_path, "receive", str(path), "--vendor", "V-001", "--markup", "2").exit_code == 0

    listed = json.loads(run(db_path, "vendor", "list", "--json").output)
    assert [(v["code"], v["pieces"], v["lead_time_days"]) for v in listed] == [("V-001", 3, 21)]
    story = json.loads(run(db_path, "vendor", "show", "V-001", "--json").output)
    assert story["terms"] == "net 30" and story["memo_days"] == 45
    assert sorted(p["vendor_style"] for p in story["supplied"]) == ["AN-7781", "AN-7782", "AN-7783"]
    assert [h["cost_cents"] for h in story["cost_history"]] == [31000, 78050, 14500]
    assert story["mappings"] == ["default"]
    text = run(db_path, "vendor", "show", "Goldhaus Berlin").output
    assert "Supplied 3 piece(s)" in text and "AN-7782" in text


def test_staff_without_cost_rights_do_not_see_costs(shop, db_path, owner):
    from jeweltui.services.staff import create_staff

    create_staff("S-TOM", "Tom", "staff", staff=owner)
    run(db_path, "vendor", "add", "--name", "Goldhaus")
    story = json.loads(run(db_path, "--staff", "S-TOM", "vendor", "show", "V-001", "--json").output)
    assert "cost_history" not in story


def test_bad_vendor_input_changes_nothing(shop, db_path):
    result = run(db_path, "vendor", "add", "--name", "X", "--email", "not-an-email")
    assert result.exit_code != 0 and "not an e-mail" in result.stderr
    assert Vendor.select().count() == 0
    run(db_path, "vendor", "add", "--name", "Goldhaus")
    result = run(db_path, "vendor", "mapping", "V-001", "colour_of_box=Box")
    assert result.exit_code != 0 and "Cannot map colour_of_box" in result.stderr
    result = run(db_path, "vendor", "mapping", "V-001", "cost")
    assert result.exit_code != 0 and "FIELD=COLUMN" in result.stderr
    assert VendorMapping.select().count() == 0
    result = run(db_path, "receive", str(DATA / "vendor_packing_list.csv"), "--vendor", "V-009")
    assert result.exit_code != 0 and "No vendor 'V-009'" in result.stderr


def test_a_named_mapping_that_does_not_exist_is_refused(shop, db_path):
    run(db_path, "vendor", "add", "--name", "Goldhaus")
    result = run(
        db_path,
        "receive",
        str(DATA / "vendor_packing_list.csv"),
        "--vendor",
        "V-001",
        "--mapping",
        "spring",
        "--markup",
        "2",
    )
    assert result.exit_code != 0 and "no saved mapping 'spring'" in result.stderr
