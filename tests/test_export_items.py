"""Quantity items in channel exports: the units the channel may offer, after the pieces."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from playhouse.test_utils import count_queries

from jeweltui.channels.base import ExportSettings
from jeweltui.channels.feed import item_rows
from jeweltui.channels.registry import exporter_names
from jeweltui.channels.runner import export_file
from jeweltui.services import channel_rules, items

PIECES = ["R-000001", "R-000002", "R-000003"]
# exporter -> (key column, quantity column) for the CSV formats
CSV_COLUMNS = {
    "shopify-products": ("SKU", "Inventory quantity"),
    "shopify-products-legacy": ("Variant SKU", "Variant Inventory Qty"),
    "shopify-inventory": ("SKU", "On hand (new)"),
    "woocommerce": ("SKU", "Stock"),
}


@pytest.fixture
def stocked(shop):
    """CHAIN-45: 3 in Case A and 2 in the safe; ACC-STUD: none anywhere (sorts before R-)."""
    owner = shop["owner"]
    for sku, title in (("CHAIN-45", "Curb chain 45 cm"), ("ACC-STUD", "Stud earring backs")):
        items.create_item(
            {"sku": sku, "title": title, "category": "chain", "retail": "89.00"}, staff=owner
        )
    items.adjust_quantity("CHAIN-45", "L-CASE-A", 3, staff=owner, reason="received")
    items.adjust_quantity("CHAIN-45", "L-SAFE", 2, staff=owner, reason="received")
    channel_rules.create_channel("shopify", "Shopify", staff=owner, safety={"chain": 2})
    return shop


def exported(name: str, path: Path) -> list[tuple[str, int]]:
    """(key, quantity) per product line, in file order, read the way the channel reads it."""
    if name == "json":
        return [(p["stock_no"], p["qty"]) for p in json.loads(path.read_text())["pieces"]]
    with open(path, newline="", encoding="utf-8") as handle:
        if name == "google-merchant":
            rows = csv.DictReader(handle, delimiter="\t")
            return [(r["id"], 1 if r["availability"] == "in_stock" else 0) for r in rows]
        key, qty = CSV_COLUMNS[name]
        return [(r[key], int(r[qty])) for r in csv.DictReader(handle) if r[key]]


@pytest.mark.parametrize("name", sorted(set(exporter_names()) - {"google-merchant"}))
def test_item_rows_carry_the_channel_quantity_after_the_pieces(stocked, tmp_path, name):
    chain = items.find_item("CHAIN-45")
    offered = channel_rules.available_qty(chain, "shopify").qty
    assert offered == 1  # 3 in the case, the safe does not count, 2 kept back
    target = tmp_path / name
    export_file(name, target, channel="shopify")
    lines = exported(name, target)
    assert [key for key, _ in lines] == [*PIECES, "ACC-STUD", "CHAIN-45"]
    assert lines[-2:] == [("ACC-STUD", 0), ("CHAIN-45", offered)]


def test_without_a_channel_items_count_every_sellable_unit(stocked, tmp_path):
    export_file("shopify-inventory", tmp_path / "inv.csv")
    assert exported("shopify-inventory", tmp_path / "inv.csv")[-1] == ("CHAIN-45", 3)
    assert channel_rules.available_qty(items.find_item("CHAIN-45")).qty == 3


@pytest.mark.parametrize(
    "rules",
    [
        {"hide_last_unit": True},
        {"min_qty": 4},
        {"sellable_only": False},
        {"sellable_only": False, "hide_last_unit": True, "safety": {"chain": 1}},
        {"exclude_categories": ["chain"]},
    ],
)
def test_item_quantity_equals_available_qty_under_each_rule(stocked, tmp_path, rules):
    channel_rules.create_channel("web", "Website", staff=stocked["owner"], **rules)
    export_file("shopify-inventory", tmp_path / "inv.csv", channel="web")
    expected = [
        (sku, channel_rules.available_qty(items.find_item(sku), "web").qty)
        for sku in ("ACC-STUD", "CHAIN-45")
    ]
    assert exported("shopify-inventory", tmp_path / "inv.csv")[-2:] == expected


def test_shopify_item_row_tracks_inventory_and_google_shows_it_in_stock(stocked, tmp_path):
    export_file("shopify-products", tmp_path / "s.csv", channel="shopify")
    with open(tmp_path / "s.csv", newline="", encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["SKU"] == "CHAIN-45")
    assert (row["Inventory tracker"], row["Continue selling when out of stock"]) == (
        "shopify",
        "deny",
    )
    assert (row["Title"], row["URL handle"], row["Price"]) == (
        "Curb chain 45 cm",
        "chain-45",
        "89.00",
    )
    export_file("google-merchant", tmp_path / "g.tsv", channel="shopify")
    with open(tmp_path / "g.tsv", newline="", encoding="utf-8") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle, delimiter="\t")}
    assert rows["CHAIN-45"]["availability"] == "in_stock"
    assert rows["ACC-STUD"]["availability"] == "out_of_stock"
    assert rows["CHAIN-45"]["price"] == "89.00 EUR"


def test_woocommerce_items_are_not_sold_individually(stocked, tmp_path):
    export_file("woocommerce", tmp_path / "w.csv")
    with open(tmp_path / "w.csv", newline="", encoding="utf-8") as handle:
        sold_alone = {r["SKU"]: r["Sold individually?"] for r in csv.DictReader(handle)}
    assert sold_alone == {**dict.fromkeys(PIECES, "1"), "ACC-STUD": "0", "CHAIN-45": "0"}


@pytest.mark.parametrize("name", exporter_names())
def test_exports_with_items_are_byte_identical_twice(stocked, tmp_path, frozen_clock, name):
    first = export_file(name, tmp_path / "one", channel="shopify")
    frozen_clock.advance(hours=1)
    second = export_file(name, tmp_path / "two", channel="shopify")
    assert (tmp_path / "one").read_bytes() == (tmp_path / "two").read_bytes()
    assert first.rows == second.rows == 5


def test_item_quantities_take_the_same_queries_for_two_items_or_twenty(stocked):
    def queries() -> int:
        with count_queries() as counted:
            list(item_rows(ExportSettings(), "shopify"))
        return counted.count

    few = queries()
    for n in range(18):
        items.create_item({"sku": f"BULK-{n:02d}", "title": "Jump rings"}, staff=stocked["owner"])
        items.adjust_quantity(f"BULK-{n:02d}", "L-CASE-B", 4, staff=stocked["owner"], reason="r")
    assert queries() == few <= 2  # the channel's rules, then one query for every item
