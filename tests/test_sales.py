"""Selling at the counter: discounts, receipts, cancellations, returns; and the CLI end to end."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from jeweltui.cli import main
from jeweltui.errors import InvalidInput, NotAvailable
from jeweltui.models import Piece, Sale, SaleLine
from jeweltui.models.orders import SaleReturn
from jeweltui.receipts import receipt_text, write_receipt
from jeweltui.services import returns, sales
from jeweltui.services.availability import available
from jeweltui.services.history import piece_history as history_rows
from tests.scan_helpers import add_rings
from tests.test_orders import SHOPIFY_ORDERS_HEADER, shopify_csv
from tests.tui_helpers import scanner_types, settle, shop_app, wait_until


def test_percent_and_amount_discounts_share_the_sale(shop):
    codes = [r.stock_no for r in shop["rings"][:2]]
    listed = sales.list_prices(codes)
    assert sales.discounted_prices(listed, "10%") == dict.fromkeys(codes, 116910)
    off = sales.discounted_prices({"A": 100000, "B": 33333}, "100.00")
    assert sum(off.values()) == 133333 - 10000 and off["A"] == 100000 - 7500
    with pytest.raises(InvalidInput, match="more than the sale total"):
        sales.discounted_prices(listed, "5,000.00")
    with pytest.raises(InvalidInput, match="between 0% and 100%"):
        sales.discounted_prices(listed, "120%")
    with pytest.raises(InvalidInput, match="not a percentage"):
        sales.discounted_prices(listed, "ten%")


def test_receipt_text_and_pdf_read_back(shop, tmp_path):
    codes = [r.stock_no for r in shop["rings"][:2]]
    prices = sales.discounted_prices(sales.list_prices(codes), "10%")
    sale = sales.sell_pieces(
        codes, staff=shop["owner"], customer=shop["customer"], prices=prices, payment_method="card"
    )
    text = receipt_text(sale)
    assert "Maria Rossi" in text and "€2,338.20" in text and "Discount" in text
    assert "-€259.80" in text and "card" in text
    assert max(len(line) for line in text.splitlines()) <= 42
    pdf = write_receipt(sale, tmp_path / "receipt.pdf")
    words = PdfReader(pdf).pages[0].extract_text()
    assert "R-000001" in words and "€2,338.20" in words and "Maria Rossi" in words


def test_cancel_makes_pieces_available_and_return_puts_piece_where_chosen(shop):
    r1, r2, _ = shop["rings"]
    owner = shop["owner"]
    sale = sales.sell_pieces([r1.stock_no, r2.stock_no], staff=owner, customer=shop["customer"])
    back = returns.return_piece(r2.stock_no, staff=owner, location="L-SAFE", reason="wrong size")
    piece = Piece.get_by_id(r2.id)
    assert piece.status == "in_stock" and piece.location.code == "L-SAFE"
    assert back.refund_cents == 129900
    assert sales.sale_summary(sale)["state"] == "part returned"
    assert available(piece, counter_sale=True)
    assert history_rows(piece)[-1]["what"] == "returned by the customer → L-SAFE"
    with pytest.raises(NotAvailable, match="not sold"):
        returns.return_piece(r2.stock_no, staff=owner, location="L-SAFE", reason="again")
    sales.cancel_sale(sale.id, staff=owner)
    assert available(Piece.get_by_id(r1.id))
    # The returned piece sells again: one active line per piece still holds.
    sales.sell_pieces([r2.stock_no], staff=owner)
    assert SaleLine.select().where((SaleLine.piece == r2.id) & SaleLine.active).count() == 1


def test_return_needs_a_reason_and_a_real_location(shop):
    ring = shop["rings"][0]
    sales.sell_pieces([ring.stock_no], staff=shop["owner"])
    with pytest.raises(InvalidInput, match="why"):
        returns.return_piece(ring.stock_no, staff=None, location="L-SAFE", reason=" ")
    with pytest.raises(Exception, match="No location"):
        returns.return_piece(ring.stock_no, staff=None, location="L-NOWHERE", reason="x")
    assert SaleReturn.select().count() == 0
    assert Piece.get_by_id(ring.id).status == "sold"


@pytest.fixture
def run(shop, db_path, monkeypatch):
    monkeypatch.setenv("JEWELTUI_TEST_CLOCK", "1")  # JEWELTUI_NOW counts only in tests
    monkeypatch.setenv("JEWELTUI_NOW", "2026-11-24T10:00:00+00:00")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["--db", str(db_path), *args])

    return invoke


def test_cli_sale_add_list_return_cancel(run, tmp_path):
    added = run(
        "sale", "add", "R-000001", "R-000002", "--customer", "Maria", "--discount", "50.00",
        "--payment", "card", "--receipt", str(tmp_path / "r.txt"),
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "total €2,548.00" in added.output
    assert "€2,548.00" in (tmp_path / "r.txt").read_text()
    listed = json.loads(run("sale", "list", "--json").output)
    assert [(r["sale"], r["pieces"], r["state"]) for r in listed] == [
        (1, "R-000001, R-000002", "sold")
    ]
    refused = run("sale", "add", "R-000001")
    assert refused.exit_code == 1 and "already sold" in refused.output
    back = run("sale", "return", "R-000002", "--to", "L-CASE-B", "--reason", "changed mind")
    assert back.exit_code == 0 and "returned to L-CASE-B" in back.output
    assert run("sale", "cancel", "1").exit_code == 0
    assert Sale.get_by_id(1).cancelled_at is not None
    bad = run("sale", "add", "R-000003", "--discount", "abc")
    assert bad.exit_code == 1 and "Error:" in bad.output and "Traceback" not in bad.output
    assert Sale.select().count() == 1


def test_cli_orders_import_and_incidents(run, shop, tmp_path):
    assert len(SHOPIFY_ORDERS_HEADER) == 79
    assert run("sale", "add", "R-000001").exit_code == 0
    orders = shopify_csv(
        tmp_path / "orders.csv",
        [
            {"name": "#1", "status": "paid", "lines": [("R-000001", "1299.00")]},
            {"name": "#2", "status": "paid", "lines": [("R-000002", "1299.00")]},
        ],
    )
    dry = run("orders", "import", str(orders), "--channel", "shopify", "--dry-run")
    assert dry.exit_code == 0 and "Dry run" in dry.output
    assert run("incidents", "list", "--json").output.strip() == "[]"
    done = run("orders", "import", str(orders), "--channel", "shopify")
    assert done.exit_code == 0, done.output
    assert "Sold: R-000002" in done.output and "INCIDENT #1 R-000001" in done.output
    again = run("orders", "import", str(orders), "--channel", "shopify")
    assert "0 new, 0 changed, 2 unchanged" in again.output
    (row,) = json.loads(run("incidents", "list", "--open", "--json").output)
    assert row["stock_no"] == "R-000001" and row["cause"] == "stale_feed"  # never exported
    assert run("incidents", "resolve", "1", "--note", "called").exit_code == 0
    assert run("incidents", "list", "--open", "--json").output.strip() == "[]"
    broken = tmp_path / "broken.csv"
    broken.write_text(orders.read_text().replace("1299.00", "12x", 1))
    failed = run("orders", "import", str(broken), "--channel", "shopify")
    assert failed.exit_code == 1 and "broken.csv line 2: price '12x'" in failed.output


async def test_sale_screen_scans_discounts_and_sells(shop, db_path):
    from jeweltui.screens.sales import SaleScreen

    sales.sell_pieces(["R-000003"], staff=shop["owner"])
    async with shop_app(db_path, SaleScreen(), staff="S-OWNER", size=(120, 30)) as pilot:
        app = pilot.app
        for code in ("R-000001", "R-000002", "R-000003"):
            await pilot.press(*code, "enter")
            await settle(pilot)
        screen = app.screen
        assert list(screen.basket) == ["R-000001", "R-000002"]  # the sold one was refused
        assert "already sold" in str(screen.query_one("#status").render())
        screen.query_one("#customer").value = "Maria"
        screen.query_one("#discount").value = "10%"
        await pilot.press("f10")
        await settle(pilot)
        assert screen.basket == {}
    sale = Sale.select().order_by(Sale.id.desc()).get()
    assert sale.customer.name == "Maria Rossi" and sale.payment_method == "card"
    assert [line.price_cents for line in sale.lines] == [116910, 116910]


async def test_a_burst_of_thirty_scans_fills_the_basket_in_scan_order(shop, db_path):
    from jeweltui.screens.sales import SaleScreen

    codes = add_rings(shop["owner"], 30)
    screen = SaleScreen()
    async with shop_app(db_path, screen, size=(120, 30)) as pilot:
        for code in codes:  # at scanner speed: no await between keys or codes
            scanner_types(pilot.app, code)
        await wait_until(pilot, lambda: len(screen.basket) == 30 and screen.scans.idle)
        assert list(screen.basket) == codes
        table = screen.query_one("#basket")
        assert [str(table.get_row_at(n)[0]) for n in range(table.row_count)] == codes
        assert "30 pieces" in str(screen.query_one("#total").render())


async def test_incidents_screen_lists_the_cause(shop, db_path, tmp_path):
    from jeweltui.channels.orders import import_orders
    from jeweltui.screens.sales import IncidentsScreen

    sales.sell_pieces(["R-000001"], staff=shop["owner"])
    order = {"name": "#9", "status": "paid", "lines": [("R-000001", "1299.00")]}
    import_orders(shopify_csv(tmp_path / "o.csv", [order]), channel="shopify", staff=None)
    async with shop_app(db_path, IncidentsScreen(), size=(120, 30)) as pilot:
        app = pilot.app
        await settle(pilot)
        table = app.screen.query_one("#incidents")
        assert table.row_count == 1
        assert "stale feed" in [str(c) for c in table.get_row_at(0)]
        assert "R-000001 was sold in store" in str(app.screen.query_one("#explanation").render())
