"""Stores: a one-store shop has its store; transfers go through in-transit, by paper and scan."""

from __future__ import annotations

import json

import zxingcpp
from click.testing import CliRunner
from pg import both_backends
from PIL import Image

from jeweltui.cli import main
from jeweltui.db import open_database
from jeweltui.models import Location, Movement, Store, database_proxy


def _cli(db_path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db_path), *args])


def test_a_one_store_shop_has_its_store_and_every_location_is_in_it(shop):
    assert [s.code for s in Store.select()] == ["S-MAIN"]
    assert {loc.store.code for loc in Location.select()} == {"S-MAIN"}


def test_a_shop_from_before_stores_gets_its_one_store_on_opening(shop, db_path):
    db = database_proxy.obj
    db.execute_sql("UPDATE location SET store_id = NULL")
    db.execute_sql("DELETE FROM schema_version WHERE version = 14")
    db.close()
    open_database(db_path)
    assert Store.select().count() == 1
    assert {loc.store.code for loc in Location.select()} == {"S-MAIN"}


@both_backends
def test_a_transfer_parks_pieces_in_transit_and_the_other_store_receives_by_scan(
    shop, db_path, tmp_path
):
    assert _cli(db_path, "store", "add", "S-BRANCH", "--name", "High Street").exit_code == 0
    added = _cli(db_path, "location", "add", "L-HS-CASE", "--name", "HS case", "--store", "BRANCH")
    assert added.exit_code == 0, added.output
    papers = tmp_path / "papers"
    sent = _cli(db_path, "transfer", "send", "R-000001", "R-000002", "--to", "S-BRANCH",
                "--paper", str(papers))  # fmt: skip
    assert sent.exit_code == 0, sent.output
    assert "T-000001: 2 pieces in transit to High Street" in sent.output

    # In transit: one truth for every store, and not for sale anywhere.
    refused = _cli(db_path, "piece", "sell", "R-000001")
    assert refused.exit_code != 0 and "In transit to High Street" in refused.output
    branch = json.loads(_cli(db_path, "piece", "list", "--store", "S-BRANCH", "--json").output)
    assert [(p["stock_no"], p["location"]) for p in branch] == [
        ("R-000001", "L-TRANSIT-BRANCH"),
        ("R-000002", "L-TRANSIT-BRANCH"),
    ]
    main_store = json.loads(_cli(db_path, "piece", "list", "--store", "S-MAIN", "--json").output)
    assert [p["stock_no"] for p in main_store] == ["R-000003"]

    # The paper carries the transfer's code as a barcode the receiving store scans.
    (decoded,) = zxingcpp.read_barcodes(Image.open(papers / "T-000001.png"))
    assert decoded.text == "T-000001" and decoded.format == zxingcpp.BarcodeFormat.Code128
    wrong = _cli(db_path, "transfer", "receive", decoded.text, "--location", "L-CASE-B")
    assert wrong.exit_code != 0 and "not in High Street" in wrong.output
    got = _cli(db_path, "transfer", "receive", decoded.text.lower(), "--location", "L-HS-CASE")
    assert got.exit_code == 0, got.output
    assert _cli(db_path, "piece", "sell", "R-000001").exit_code == 0  # sold at the branch
    again = _cli(db_path, "transfer", "receive", "T-000001", "--location", "L-HS-CASE")
    assert again.exit_code != 0 and "received already" in again.output

    listed = json.loads(_cli(db_path, "transfer", "list", "--json").output)
    assert [(t["code"], t["status"], t["pieces"]) for t in listed] == [("T-000001", "received", 2)]
    stores = json.loads(_cli(db_path, "store", "list", "--json").output)
    assert {s["code"]: s["pieces"] for s in stores} == {"S-BRANCH": 1, "S-MAIN": 1}
    history = [m.reason for m in Movement.select().where(Movement.action == "move")]
    assert history == ["transfer T-000001"] * 2 + ["received T-000001"] * 2


def test_a_transfer_with_one_sold_piece_sends_nothing(shop, db_path):
    assert _cli(db_path, "store", "add", "S-BRANCH", "--name", "High Street").exit_code == 0
    assert _cli(db_path, "piece", "sell", "R-000002").exit_code == 0
    sent = _cli(db_path, "transfer", "send", "R-000001", "R-000002", "--to", "S-BRANCH")
    assert sent.exit_code != 0 and "sold" in sent.output
    assert Location.get(Location.code == "L-CASE-A").pieces.count() == 3
    unknown = _cli(db_path, "transfer", "send", "R-000001", "--to", "S-NOWHERE")
    assert unknown.exit_code != 0 and "No store with code S-NOWHERE" in unknown.output
