"""Channel orders coming back: the seeds' ring sold three times is sold once, and explained."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest

from jeweltui.channels import config as channel_config
from jeweltui.channels.orders import import_orders
from jeweltui.errors import InvalidInput, NotAvailable
from jeweltui.models import Hold, Movement, Piece, SaleLine
from jeweltui.models.orders import ChannelOrder, Incident
from jeweltui.services import holds, incidents, sales
from jeweltui.services.availability import available
from jeweltui.services.history import piece_history as history_rows

# The header of a real Shopify orders export (79 columns), copied byte for byte.
SHOPIFY_ORDERS_HEADER = [
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Fulfillment Status",
    "Fulfilled at",
    "Accepts Marketing",
    "Currency",
    "Subtotal",
    "Shipping",
    "Taxes",
    "Total",
    "Discount Code",
    "Discount Amount",
    "Shipping Method",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem compare at price",
    "Lineitem sku",
    "Lineitem requires shipping",
    "Lineitem taxable",
    "Lineitem fulfillment status",
    "Billing Name",
    "Billing Street",
    "Billing Address1",
    "Billing Address2",
    "Billing Company",
    "Billing City",
    "Billing Zip",
    "Billing Province",
    "Billing Country",
    "Billing Phone",
    "Shipping Name",
    "Shipping Street",
    "Shipping Address1",
    "Shipping Address2",
    "Shipping Company",
    "Shipping City",
    "Shipping Zip",
    "Shipping Province",
    "Shipping Country",
    "Shipping Phone",
    "Notes",
    "Note Attributes",
    "Cancelled at",
    "Payment Method",
    "Payment Reference",
    "Refunded Amount",
    "Vendor",
    "Outstanding Balance",
    "Employee",
    "Location",
    "Device ID",
    "Id",
    "Tags",
    "Risk Level",
    "Source",
    "Lineitem discount",
    "Tax 1 Name",
    "Tax 1 Value",
    "Tax 2 Name",
    "Tax 2 Value",
    "Tax 3 Name",
    "Tax 3 Value",
    "Tax 4 Name",
    "Tax 4 Value",
    "Tax 5 Name",
    "Tax 5 Value",
    "Phone",
    "Receipt Number",
    "Duties",
    "Billing Province Name",
    "Shipping Province Name",
    "Payment ID",
    "Payment Terms Name",
    "Next Payment Due At",
    "Payment References",
]


def shopify_csv(path: Path, orders: list[dict]) -> Path:
    """Write orders the way Shopify does: one row per line item, order fields on the first."""
    out = io.StringIO()
    writer = csv.DictWriter(out, SHOPIFY_ORDERS_HEADER, lineterminator="\n")
    writer.writeheader()
    for order in orders:
        for n, (sku, price) in enumerate(order["lines"]):
            row = dict.fromkeys(SHOPIFY_ORDERS_HEADER, "")
            row.update({"Name": order["name"], "Lineitem quantity": "1", "Lineitem price": price})
            row.update({"Lineitem sku": sku, "Lineitem name": f"Ring {sku}"})
            if n == 0:
                row.update(
                    {
                        "Email": "web@example.com",
                        "Financial Status": order["status"],
                        "Paid at": order.get("paid_at", ""),
                        "Created at": order.get("created_at", "2026-11-24 05:04:00 -0500"),
                        "Cancelled at": order.get("cancelled_at", ""),
                        "Billing Name": "Web Buyer",
                        "Currency": "EUR",
                    }
                )
            writer.writerow(row)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def dump(db) -> list[str]:
    return list(db.connection().iterdump())


def export_to_webshop(owner, tmp_path: Path) -> None:
    """Run the real Shopify product export, as the shop does before opening."""
    from jeweltui.channels.runner import run_channel

    channel_config.set_channel_export(
        "shopify",
        {"exporter": "shopify-products", "output": str(tmp_path / "shopify.csv")},
        staff=owner,
    )
    run_channel("shopify")


def active_lines(piece: Piece) -> int:
    return SaleLine.select().where((SaleLine.piece == piece) & SaleLine.active).count()


def test_the_ring_sold_three_times_is_sold_once_and_explained(shop, frozen_clock, tmp_path, db):
    ring, owner = shop["rings"][0], shop["owner"]
    export_to_webshop(owner, tmp_path)
    assert ring.stock_no in (tmp_path / "shopify.csv").read_text()  # the webshop lists it
    frozen_clock.advance(hours=1)
    sales.sell_pieces([ring.stock_no], staff=owner, customer=shop["customer"])  # Saturday, store
    frozen_clock.advance(minutes=5)
    orders = shopify_csv(
        tmp_path / "orders.csv",
        [
            {
                "name": "#1001",
                "status": "paid",
                "paid_at": "2026-11-24 05:05:00 -0500",
                "lines": [(ring.stock_no, "1299.00")],
            }
        ],
    )
    report = import_orders(orders, channel="shopify", staff=owner)

    assert report.sold == [] and len(report.incidents) == 1
    (incident,) = Incident.select()
    assert incident.cause == "sold_in_store_after_export"
    assert incident.order_ref == "#1001" and incident.piece_id == ring.id
    assert "sold in store" in incident.explanation and "last export" in incident.explanation
    assert active_lines(ring) == 1 and Piece.get_by_id(ring.id).status == "sold"
    story = [(row["action"], row["reason"]) for row in history_rows(ring)]
    assert story == [
        ("create", "received"),
        ("sell", "store"),
        ("oversell", "sold in store after last export"),
    ]
    rows = incidents.incident_rows(open_only=True)
    assert [r["cause_words"] for r in rows] == ["sold in store after last export"]


def test_same_file_twice_changes_nothing(shop, frozen_clock, tmp_path, db):
    r1, r2, r3 = shop["rings"]
    sales.sell_pieces([r3.stock_no], staff=shop["owner"])
    orders = shopify_csv(
        tmp_path / "orders.csv",
        [
            {"name": "#1001", "status": "paid", "lines": [(r1.stock_no, "1299.00")]},
            {"name": "#1002", "status": "pending", "lines": [(r2.stock_no, "1299.00")]},
            {"name": "#1003", "status": "paid", "lines": [(r3.stock_no, "1299.00")]},
            {"name": "#1004", "status": "paid", "lines": [("GIFT-CARD", "50.00")]},
        ],
    )
    first = import_orders(orders, channel="shopify", staff=shop["owner"])
    assert first.sold == [r1.stock_no] and first.reserved == [r2.stock_no]
    assert len(first.incidents) == 1 and first.unmatched == ["#1004: GIFT-CARD"]
    before = dump(db)
    frozen_clock.advance(hours=2)
    second = import_orders(orders, channel="shopify", staff=shop["owner"])
    assert (second.new, second.changed, second.unchanged) == (0, 0, 4)
    assert dump(db) == before


def test_paid_then_cancelled_gives_the_ring_back(shop, frozen_clock, tmp_path):
    ring = shop["rings"][0]
    order = {"name": "#1010", "status": "paid", "lines": [(ring.stock_no, "1,299.00")]}
    import_orders(shopify_csv(tmp_path / "a.csv", [order]), channel="shopify", staff=None)
    assert Piece.get_by_id(ring.id).status == "sold"
    frozen_clock.advance(hours=3)
    order.update(status="refunded", cancelled_at="2026-11-24 07:00:00 -0500")
    report = import_orders(shopify_csv(tmp_path / "b.csv", [order]), channel="shopify", staff=None)
    assert report.changed == 1 and report.released == [ring.stock_no]
    piece = Piece.get_by_id(ring.id)
    assert piece.status == "in_stock" and available(piece)
    assert active_lines(ring) == 0
    assert ChannelOrder.get().intent == "cancelled"


def test_pending_reserves_for_72_hours_and_blocks_the_counter(shop, frozen_clock, tmp_path):
    ring = shop["rings"][0]
    order = {"name": "#1020", "status": "pending", "lines": [(ring.stock_no, "1299.00")]}
    import_orders(shopify_csv(tmp_path / "p.csv", [order]), channel="shopify", staff=None)
    hold = Hold.get(Hold.piece == ring)
    assert hold.kind == "reservation" and hold.channel == "shopify"
    assert hold.expires_at - frozen_clock.current == timedelta(hours=72)
    with pytest.raises(NotAvailable, match="reserved"):
        sales.sell_pieces([ring.stock_no], staff=shop["owner"])
    # Paid the next day: the reservation becomes the sale, no incident.
    frozen_clock.advance(hours=20)
    order["status"] = "paid"
    report = import_orders(shopify_csv(tmp_path / "q.csv", [order]), channel="shopify", staff=None)
    assert report.sold == [ring.stock_no] and not report.incidents
    assert Hold.get_by_id(hold.id).closed_reason == "sold"
    line = SaleLine.get(SaleLine.piece == ring)
    assert (line.sale.channel, line.sale.external_ref) == ("shopify", "#1020")


def test_pending_then_cancelled_releases_the_reservation(shop, tmp_path):
    ring = shop["rings"][1]
    order = {"name": "#1030", "status": "pending", "lines": [(ring.stock_no, "1299.00")]}
    import_orders(shopify_csv(tmp_path / "p.csv", [order]), channel="shopify", staff=None)
    order["status"] = "voided"
    report = import_orders(shopify_csv(tmp_path / "v.csv", [order]), channel="shopify", staff=None)
    assert report.released == [ring.stock_no]
    assert available(Piece.get_by_id(ring.id))


def test_two_channels_one_ring_is_a_duplicate_listing(shop, tmp_path):
    ring = shop["rings"][0]
    import_orders(
        shopify_csv(
            tmp_path / "s.csv",
            [{"name": "#1", "status": "paid", "lines": [(ring.stock_no, "1299.00")]}],
        ),
        channel="shopify",
        staff=None,
    )
    woo = [woo_order(77, "processing", ring.stock_no)]
    (tmp_path / "w.json").write_text(json.dumps(woo))
    report = import_orders(tmp_path / "w.json", channel="woocommerce", staff=None)
    assert [i["cause"] for i in report.incidents] == ["duplicate_listing"]
    assert active_lines(ring) == 1


def woo_order(number: int, status: str, sku: str) -> dict:
    """The REST API v3 sample order, cut to what matters, with our piece as the line."""
    return {
        "id": number,
        "number": str(number),
        "status": status,
        "currency": "EUR",
        "date_created_gmt": "2026-11-24T08:00:00",
        "date_paid_gmt": "2026-11-24T08:01:00" if status in ("processing", "completed") else None,
        "billing": {"first_name": "John", "last_name": "Doe", "email": "john.doe@example.com"},
        "line_items": [
            {"id": 315, "name": "Woo Single #1", "quantity": 1, "total": "1299.00", "sku": sku}
        ],
    }


def test_woocommerce_json_sells_reserves_and_releases(shop, tmp_path):
    r1, r2, r3 = shop["rings"]
    path = tmp_path / "orders.json"
    orders = [
        woo_order(727, "processing", r1.stock_no),
        woo_order(728, "on-hold", r2.stock_no),
        woo_order(729, "failed", r3.stock_no),
    ]
    path.write_text(json.dumps(orders))
    report = import_orders(path, channel="woocommerce", staff=None)
    assert report.sold == [r1.stock_no] and report.reserved == [r2.stock_no]
    assert available(Piece.get_by_id(r3.id))
    assert SaleLine.get(SaleLine.piece == r1).price_cents == 129900


def test_sku_match_by_style_sku_and_extra_code(shop, tmp_path):
    ring = shop["rings"][1]
    order = {"name": "#1040", "status": "paid", "lines": [("RNG-SOL-14Y-2", "1299.00")]}
    report = import_orders(shopify_csv(tmp_path / "o.csv", [order]), channel="shopify", staff=None)
    assert report.sold == [ring.stock_no]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda rows: rows[2].__setitem__(18, "12,99x"), "line 3: price '12,99x' is not a number"),
        (lambda rows: rows[3].__setitem__(16, "two"), "line 4: quantity 'two'"),
        (lambda rows: rows[1].__setitem__(2, "paidish"), "line 2: unknown Financial Status"),
        (lambda rows: rows[3].__setitem__(3, "yesterday"), "line 4: the date 'yesterday'"),
    ],
)
def test_malformed_row_names_its_line_and_nothing_is_applied(shop, tmp_path, db, mutate, message):
    r1, r2, r3 = shop["rings"]
    path = shopify_csv(
        tmp_path / "orders.csv",
        [
            {"name": "#1", "status": "paid", "lines": [(r1.stock_no, "1299.00")]},
            {"name": "#2", "status": "paid", "lines": [(r2.stock_no, "1299.00")]},
            {"name": "#3", "status": "paid", "lines": [(r3.stock_no, "1299.00")]},
        ],
    )
    rows = list(csv.reader(path.open()))
    mutate(rows)
    with path.open("w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    before = dump(db)
    with pytest.raises(InvalidInput, match=message):
        import_orders(path, channel="shopify", staff=None)
    assert dump(db) == before


def test_missing_column_is_reported(shop, tmp_path, db):
    path = tmp_path / "orders.csv"
    path.write_text("Name,Financial Status,Lineitem quantity,Lineitem price\n#1,paid,1,10.00\n")
    with pytest.raises(InvalidInput, match="line 1: missing column 'Lineitem sku'"):
        import_orders(path, channel="shopify", staff=None)
    assert Movement.select().where(Movement.action == "sell").count() == 0


def test_broken_json_names_the_line(shop, tmp_path):
    path = tmp_path / "orders.json"
    path.write_text('[\n  {"id": 1,\n   "status": "processing",,\n}]')
    with pytest.raises(InvalidInput, match="line 3"):
        import_orders(path, channel="woocommerce", staff=None)


def test_hold_placed_after_export_is_hold_not_published(shop, frozen_clock, tmp_path):
    ring, owner = shop["rings"][0], shop["owner"]
    export_to_webshop(owner, tmp_path)
    frozen_clock.advance(hours=2)
    holds.place_hold(ring, staff=owner, customer=shop["customer"], hours=48)
    frozen_clock.advance(hours=1)
    order = {"name": "#1050", "status": "paid", "lines": [(ring.stock_no, "1299.00")]}
    report = import_orders(shopify_csv(tmp_path / "o.csv", [order]), channel="shopify", staff=None)
    assert [i["cause"] for i in report.incidents] == ["hold_not_published"]


def test_old_export_is_a_stale_feed_and_resolving_shows_time_to_fix(shop, frozen_clock, tmp_path):
    ring, owner = shop["rings"][0], shop["owner"]
    export_to_webshop(owner, tmp_path)
    frozen_clock.advance(hours=30)
    sales.sell_pieces([ring.stock_no], staff=owner)
    frozen_clock.advance(hours=1)
    order = {
        "name": "#1060",
        "status": "paid",
        "paid_at": "2026-11-25 11:00:00 -0500",  # an hour after the store sale
        "lines": [(ring.stock_no, "1299.00")],
    }
    report = import_orders(shopify_csv(tmp_path / "o.csv", [order]), channel="shopify", staff=None)
    (found,) = report.incidents
    assert found["cause"] == "stale_feed"
    frozen_clock.advance(hours=2, minutes=15)
    incidents.resolve_incident(found["id"], staff=owner, note="called the buyer, refunded")
    (row,) = incidents.incident_rows()
    assert row["state"] == "resolved" and row["time_to_fix"] == "2 h 15 min"
    assert incidents.incident_rows(open_only=True) == []


def test_dry_run_changes_nothing(shop, tmp_path, db):
    ring = shop["rings"][0]
    order = {"name": "#1070", "status": "paid", "lines": [(ring.stock_no, "1299.00")]}
    before = dump(db)
    report = import_orders(
        shopify_csv(tmp_path / "o.csv", [order]), channel="shopify", staff=None, dry_run=True
    )
    assert report.sold == [ring.stock_no]
    assert dump(db) == before
