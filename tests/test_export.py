"""Channel exports: the files a webshop imports, read back the way the channel reads them."""

from __future__ import annotations

import csv
import hashlib
import json
import tomllib
from pathlib import Path

import pytest

from jeweltui.channels.base import Exporter, ExportSettings
from jeweltui.channels.config import set_channel_export
from jeweltui.channels.google import COLUMNS as GOOGLE_COLUMNS
from jeweltui.channels.registry import exporter_names, get_exporter, register, unregister
from jeweltui.channels.runner import ExportFailed, export_file, run_channel
from jeweltui.models.exports import ExportRun
from jeweltui.services import holds, pieces, sales

# Reference copies of the channels' own header lines (origin: tests/data/formats/README.md).
FORMATS = Path(__file__).resolve().parent / "data" / "formats"
PACKAGED = Path(__file__).resolve().parents[1] / "jeweltui" / "channels" / "headers"

# exporter -> (reference header file, SKU column, quantity column)
CSV_EXPORTERS = {
    "shopify-products": ("shopify_products_header.txt", "SKU", "Inventory quantity"),
    "shopify-products-legacy": (
        "shopify_products_header_legacy.txt",
        "Variant SKU",
        "Variant Inventory Qty",
    ),
    "shopify-inventory": ("shopify_inventory_header.txt", "SKU", "On hand (new)"),
    "woocommerce": ("woocommerce_products_header.txt", "SKU", "Stock"),
}


@pytest.fixture
def day(shop, frozen_clock):
    """Case A: R-000001 available, R-000002 on hold for Maria, R-000003 sold.
    One more ring on the repair bench, one in the safe."""
    owner, rings = shop["owner"], shop["rings"]
    holds.place_hold(rings[1], staff=owner, customer=shop["customer"], hours=24)
    sales.sell_pieces([rings[2].stock_no], staff=owner, customer=shop["customer"])
    for location in ("L-BENCH", "L-SAFE"):
        pieces.create_piece(
            {"title": f"Ring at {location}", "sku": "RNG-X", "category": "ring"},
            location=location,
            staff=owner,
        )
    return shop


def first_line(path: Path) -> bytes:
    return path.read_bytes().split(b"\n", 1)[0]


def read_csv(path: Path, key: str, qty: str) -> dict[str, int]:
    with open(path, newline="", encoding="utf-8") as handle:
        return {r[key]: int(r[qty]) for r in csv.DictReader(handle) if r[key]}


@pytest.mark.parametrize("name", sorted(CSV_EXPORTERS))
def test_csv_header_is_the_channels_header_byte_for_byte(day, tmp_path, name):
    header_file, _, _ = CSV_EXPORTERS[name]
    target = tmp_path / f"{name}.csv"
    export_file(name, target)
    assert first_line(target) == first_line(FORMATS / header_file)


def test_packaged_header_copies_match_the_reference_files():
    for header_file, packaged in (
        ("shopify_products_header.txt", "shopify_products.txt"),
        ("shopify_products_header_legacy.txt", "shopify_products_legacy.txt"),
        ("shopify_inventory_header.txt", "shopify_inventory.txt"),
        ("woocommerce_products_header.txt", "woocommerce_products.txt"),
    ):
        assert first_line(PACKAGED / packaged) == first_line(FORMATS / header_file)


def test_google_columns_are_merchant_center_attributes(day, tmp_path):
    spec = {
        line.split("\t")[0]
        for line in (FORMATS / "google_merchant_fields.txt").read_text().splitlines()
        if line and not line.startswith("#")
    }
    target = tmp_path / "google.tsv"
    export_file("google-merchant", target)
    header = first_line(target).decode().split("\t")
    assert header == list(GOOGLE_COLUMNS)
    assert set(header) <= spec


@pytest.mark.parametrize("name", sorted(CSV_EXPORTERS))
def test_one_of_ones_held_zero_sold_and_bench_absent(day, tmp_path, name):
    _, key, qty = CSV_EXPORTERS[name]
    target = tmp_path / f"{name}.csv"
    export_file(name, target)
    assert read_csv(target, key, qty) == {"R-000001": 1, "R-000002": 0}


def test_google_feed_availability_price_and_category(day, tmp_path):
    target = tmp_path / "google.tsv"
    export_file("google-merchant", target)
    with open(target, newline="", encoding="utf-8") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle, delimiter="\t")}
    assert sorted(rows) == ["R-000001", "R-000002"]
    assert rows["R-000001"]["availability"] == "in_stock"
    assert rows["R-000002"]["availability"] == "out_of_stock"
    assert rows["R-000001"]["price"] == "1299.00 EUR"
    assert rows["R-000001"]["google_product_category"] == "188"
    assert rows["R-000001"]["condition"] == "new"


def test_json_feed_lists_available_and_held_only(day, tmp_path):
    target = tmp_path / "stock.json"
    export_file("json", target)
    data = json.loads(target.read_text("utf-8"))
    by_no = {p["stock_no"]: p for p in data["pieces"]}
    assert sorted(by_no) == ["R-000001", "R-000002"]
    assert (by_no["R-000001"]["qty"], by_no["R-000001"]["available"]) == (1, True)
    assert (by_no["R-000002"]["qty"], by_no["R-000002"]["available"]) == (0, False)
    assert by_no["R-000001"]["price"] == "1299.00"


def test_shopify_product_rows_are_shaped_for_import(day, tmp_path):
    owner = day["owner"]
    pieces.edit_piece(
        day["rings"][0],
        {"image_path": "r1-front.jpg; r1-side.jpg", "ring_size": "6.5"},
        staff=owner,
    )
    target = tmp_path / "shopify.csv"
    export_file("shopify-products", target, settings=ExportSettings(image_base="https://cdn/x/"))
    with open(target, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    first, image_row = rows[0], rows[1]
    assert first["SKU"] == "R-000001" and first["URL handle"] == "r-000001"
    assert (first["Inventory tracker"], first["Continue selling when out of stock"]) == (
        "shopify",
        "deny",
    )
    assert first["Price"] == "1299.00"
    assert (first["Option1 name"], first["Option1 value"]) == ("Ring size", "6.5")
    assert first["Product image URL"] == "https://cdn/x/r1-front.jpg"
    # The second image is a row of its own: the handle and the image, nothing else.
    filled = {k: v for k, v in image_row.items() if v}
    assert filled == {
        "URL handle": "r-000001",
        "Product image URL": "https://cdn/x/r1-side.jpg",
        "Image position": "2",
        "Image alt text": "Solitaire ring 1",
    }


@pytest.mark.parametrize("name", exporter_names())
def test_two_exports_without_change_are_byte_identical(day, tmp_path, frozen_clock, name):
    one, two = tmp_path / "one", tmp_path / "two"
    first = export_file(name, one)
    frozen_clock.advance(hours=1)
    second = export_file(name, two)
    assert one.read_bytes() == two.read_bytes()
    assert first.sha256 == second.sha256 == hashlib.sha256(one.read_bytes()).hexdigest()
    runs = ExportRun.select().where(ExportRun.exporter == name).order_by(ExportRun.id)
    assert [(r.result, r.rows, r.sha256) for r in runs] == [("ok", 2, first.sha256)] * 2


class BreaksAfterOneRow(Exporter):
    name = "breaks-midway"

    def write(self, rows, out, settings):
        for count, row in enumerate(rows):
            if count == 1:
                raise RuntimeError("disk trouble")
            out.write(row.stock_no + "\n")


@pytest.fixture
def breaking_exporter():
    register(BreaksAfterOneRow)
    yield BreaksAfterOneRow.name
    unregister(BreaksAfterOneRow.name)


def test_a_failed_run_leaves_the_last_good_file(day, tmp_path, breaking_exporter):
    target = tmp_path / "feed.txt"
    target.write_text("last good file\n")
    with pytest.raises(ExportFailed, match="left as it was"):
        export_file(breaking_exporter, target)
    assert target.read_text() == "last good file\n"
    assert not list(tmp_path.glob(".export-*"))  # no half-written temp file left behind
    run = ExportRun.get(ExportRun.exporter == breaking_exporter)
    assert (run.result, run.rows) == ("failed", 2)
    assert "disk trouble" in run.error


def test_diff_after_a_sale_and_a_price_change_shows_exactly_those(day, tmp_path):
    owner = day["owner"]
    set_channel_export(
        "shopify", {"exporter": "shopify-products", "output": str(tmp_path / "s.csv")}, staff=owner
    )
    run_channel("shopify")
    holds.release_hold(holds.open_holds(day["rings"][1])[0].id, staff=owner)
    sales.sell_pieces(["R-000001"], staff=owner)
    pieces.edit_piece(
        day["rings"][1], {"retail_cents": "1,450.00"}, staff=owner, reason="gold price"
    )
    diff = run_channel("shopify", dry_run=True).diff
    assert [k for k, _ in diff.added] == []
    assert [k for k, _ in diff.removed] == ["R-000001"]
    assert [(c.stock_no, c.before, c.after) for c in diff.quantity] == [("R-000002", "0", "1")]
    assert [(c.stock_no, c.before, c.after) for c in diff.price] == [
        ("R-000002", "1299.00", "1450.00")
    ]
    assert ExportRun.select().count() == 1  # a dry run logs nothing and writes nothing


def test_formula_in_a_title_is_neutralised(day, tmp_path):
    pieces.edit_piece(
        day["rings"][0], {"title": '=HYPERLINK("http://evil","win")'}, staff=day["owner"]
    )
    for name, (_, key, _) in CSV_EXPORTERS.items():
        target = tmp_path / f"{name}.csv"
        export_file(name, target)
        with open(target, newline="", encoding="utf-8") as handle:
            row = next(r for r in csv.DictReader(handle) if r[key] == "R-000001")
        title = row.get("Title") or row["Name"]
        assert title == '\'=HYPERLINK("http://evil","win")', name
    export_file("google-merchant", tmp_path / "g.tsv")
    assert "\t'=HYPERLINK(" in (tmp_path / "g.tsv").read_text()


def test_html_in_a_description_is_escaped(day, tmp_path):
    text = "<script>alert(1)</script> Gold & diamonds"
    pieces.edit_piece(day["rings"][0], {"description": text}, staff=day["owner"])
    export_file("shopify-products", tmp_path / "s.csv")
    export_file("google-merchant", tmp_path / "g.tsv")
    with open(tmp_path / "s.csv", newline="", encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    assert "<script>" not in row["Description"]
    assert row["Description"] == "<p>&lt;script&gt;alert(1)&lt;/script&gt; Gold &amp; diamonds</p>"
    google = (tmp_path / "g.tsv").read_text()
    assert "<script>" not in google and "alert(1) Gold & diamonds" in google


def test_price_percent_and_rounding(day, tmp_path):
    settings = ExportSettings(price_percent=110, rounding="x99")
    export_file("json", tmp_path / "p.json", settings=settings)
    data = json.loads((tmp_path / "p.json").read_text())
    assert data["pieces"][0]["price"] == "1428.99"  # 1299.00 + 10 % = 1428.90 -> .99


def test_unknown_exporter_is_refused_with_the_known_names(day, tmp_path):
    with pytest.raises(Exception, match="shopify-products") as caught:
        get_exporter("shopfy")
    assert "No exporter called 'shopfy'" in str(caught.value)


def test_third_party_exporter_through_the_entry_point(day, tmp_path, monkeypatch):
    (tmp_path / "acme_feed.py").write_text(
        "from jeweltui.channels.base import Exporter\n"
        "class AcmeFeed(Exporter):\n"
        "    name = 'acme'\n"
        "    def write(self, rows, out, settings):\n"
        "        for row in rows:\n"
        "            out.write(f'{row.stock_no};{row.qty}\\n')\n"
    )
    info = tmp_path / "acme_feed-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-feed\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[jeweltui.exporters]\nacme = acme_feed:AcmeFeed\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "acme" in exporter_names()
    export_file("acme", tmp_path / "acme.txt")
    assert (tmp_path / "acme.txt").read_text() == "R-000001;1\nR-000002;0\n"


def test_every_builtin_exporter_is_declared_on_the_entry_point():
    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    declared = project["project"]["entry-points"]["jeweltui.exporters"]
    assert set(declared) <= set(exporter_names())
    for name in declared:
        assert get_exporter(name).name == name
    assert {"shopify-products", "woocommerce", "google-merchant", "json"} <= set(declared)
