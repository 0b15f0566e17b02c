"""The counter: scan pieces into a basket, pick the customer, discount, payment, confirm.

And the incidents list: oversells caught by the order import, with their cause.
Scans go through the screen's ScanQueue, so the basket fills in the order pieces were
scanned; every other database call runs through run_db. Results come back as messages.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from jeweltui.errors import JewelError, NotAvailable
from jeweltui.money import format_money
from jeweltui.screens.widgets.scan_input import ScanInput
from jeweltui.screens.workers import JobDone, Scan, ScanQueue, run_db
from jeweltui.services.staff import staff_row

PAYMENTS = [("Card", "card"), ("Cash", "cash"), ("Transfer", "transfer")]


class SaleScreen(Screen):
    CSS_PATH = "sales.tcss"
    BINDINGS = [
        Binding("f10", "confirm", "Sell"),
        Binding("ctrl+l", "clear", "Clear"),
        Binding("escape", "back", "Back"),
    ]

    @dataclass
    class PieceFound(JobDone):
        """A scanned piece that may be sold at the counter."""

        row: dict

    @dataclass
    class Sold(JobDone):
        """The sale is recorded: its summary (number, pieces, total)."""

        info: dict

    def __init__(self) -> None:
        super().__init__()
        self.basket: dict[str, dict] = {}  # stock_no -> piece row, in scan order
        self.scans: ScanQueue[Scan] = ScanQueue(self, self.look_up, group="sale-scan")

    def compose(self) -> ComposeResult:
        yield Header()
        yield ScanInput(id="scan")
        yield DataTable(id="basket", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="terms"):
            yield Input(placeholder="Customer code or name", id="customer")
            yield Input(placeholder="Discount: 10% or 50.00", id="discount")
            yield Select(PAYMENTS, value="card", allow_blank=False, id="payment")
        yield Static("", id="total")
        yield Static("Scan pieces; F10 sells.", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#basket", DataTable).add_columns("Stock no", "Piece", "List", "Price")
        self.query_one("#scan", ScanInput).focus()

    @on(ScanInput.Scanned, "#scan")
    def scanned(self, event: ScanInput.Scanned) -> None:
        self.scans.put(Scan(event.code))

    def look_up(self, job: Scan) -> PieceFound:
        """In the queue's worker: the piece, if it can be sold; a refusal raises and shows
        as a toast and on the status line (JobFailed)."""
        from jeweltui.services.availability import available
        from jeweltui.services.pieces import find_piece

        piece = find_piece(job.code)
        verdict = available(piece, counter_sale=True)
        if not verdict:
            raise NotAvailable(verdict.reason)
        row = {"stock_no": piece.stock_no, "title": piece.title, "list_cents": piece.retail_cents}
        return self.PieceFound(row)

    @on(PieceFound)
    def put_in_basket(self, event: PieceFound) -> None:
        row = event.row
        if row["stock_no"] in self.basket:
            self.say(f"{row['stock_no']} is in the basket already.")
            return
        self.basket[row["stock_no"]] = row
        self.redraw()
        self.say(f"{row['stock_no']} added.")

    @on(Input.Changed, "#discount")
    def discount_changed(self) -> None:
        self.redraw()

    def prices(self) -> dict[str, int]:
        from jeweltui.services.sales import discounted_prices

        listed = {code: row["list_cents"] for code, row in self.basket.items()}
        return discounted_prices(listed, self.query_one("#discount", Input).value.strip())

    def redraw(self) -> None:
        table = self.query_one("#basket", DataTable)
        table.clear()
        try:
            prices = self.prices()
            problem = ""
        except JewelError as error:
            prices = {code: row["list_cents"] for code, row in self.basket.items()}
            problem = f"  ({error.message})"
        for code, row in self.basket.items():
            cells = (code, row["title"], format_money(row["list_cents"]))
            table.add_row(*cells, format_money(prices[code]), key=code)
        total = format_money(sum(prices.values()))
        self.query_one("#total", Static).update(
            f"{len(self.basket)} pieces · total {total}{problem}"
        )

    def say(self, text: str, error: bool = False) -> None:
        self.query_one("#status", Static).update(text)
        if error:
            self.notify(text, severity="error")  # a toast: the next scan is not eaten

    def action_clear(self) -> None:
        self.basket.clear()
        self.redraw()
        self.say("Basket cleared.")

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_confirm(self) -> None:
        if not self.basket:
            self.say("Nothing to sell: scan a piece first.", error=True)
            return
        try:
            prices = self.prices()
        except JewelError as error:
            self.say(error.message, error=True)
            return
        customer = self.query_one("#customer", Input).value.strip()
        payment = str(self.query_one("#payment", Select).value)
        codes, session = list(self.basket), self.app.session

        def sell() -> SaleScreen.Sold:  # a refusal leaves the basket as it was, to try again
            from jeweltui.services.customers import find_customer
            from jeweltui.services.sales import sale_summary, sell_pieces

            buyer = find_customer(customer) if customer else None
            staff = staff_row(session)
            sale = sell_pieces(
                codes, staff=staff, customer=buyer, prices=prices, payment_method=payment
            )
            return self.Sold(sale_summary(sale))

        run_db(self, sell, group="sale-confirm")

    @on(Sold)
    def sold(self, event: Sold) -> None:
        info = event.info
        self.basket.clear()
        self.redraw()
        self.say(f"Sale #{info['sale']} recorded: {info['pieces']}, total {info['total']}.")
        self.notify(f"Sale #{info['sale']} recorded.")


class IncidentsScreen(Screen):
    @dataclass
    class Loaded(JobDone):
        rows: list[dict]

    CSS_PATH = "sales.tcss"
    BINDINGS = [
        Binding("o", "toggle_open", "Open / all"),
        Binding("ctrl+r", "refresh", "Refresh"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.open_only = True

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="incidents", cursor_type="row", zebra_stripes=True)
        yield Static("", id="explanation")
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        columns = ("#", "Detected", "Stock no", "Channel", "Order", "Cause", "State", "Fixed in")
        self.query_one("#incidents", DataTable).add_columns(*columns)
        self.query_one("#incidents", DataTable).focus()
        self.action_refresh()

    def action_toggle_open(self) -> None:
        self.open_only = not self.open_only
        self.action_refresh()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_refresh(self) -> None:
        from jeweltui.services.incidents import incident_rows

        open_only = self.open_only
        run_db(self, lambda: self.Loaded(incident_rows(open_only)), group="incidents-load")

    @on(Loaded)
    def show_rows(self, event: Loaded) -> None:
        rows = event.rows
        self.rows = {str(r["id"]): r for r in rows}
        table = self.query_one("#incidents", DataTable)
        table.clear()
        for r in rows:
            cells = (r["id"], r["detected"], r["stock_no"], r["channel"], r["order"])
            table.add_row(*cells, r["cause_words"], r["state"], r["time_to_fix"], key=str(r["id"]))
        which = "open " if self.open_only else ""
        self.query_one("#status", Static).update(f"{len(rows)} {which}incident(s) · o: open/all")
        self.explain()

    @on(DataTable.RowHighlighted, "#incidents")
    def explain(self) -> None:
        table = self.query_one("#incidents", DataTable)
        words = ""
        if table.row_count and 0 <= table.cursor_row < table.row_count:
            key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
            row = self.rows.get(key)
            words = row["explanation"] if row else ""
        self.query_one("#explanation", Static).update(words)
