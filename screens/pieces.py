"""The pieces list: a keyset page at a time, searched as you type."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from jeweltui.money import format_money
from jeweltui.services.pieces import PieceFilter, list_pieces

PAGE_SIZE = 200
COLUMNS = ("Stock no", "SKU", "Title", "Location", "Status", "Price")


class PiecesScreen(Screen):
    CSS_PATH = "pieces.tcss"
    BINDINGS = [("/", "focus_search", "Search")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search stock no, SKU, title, vendor…", id="search")
        yield DataTable(id="pieces", cursor_type="row", zebra_stripes=True)
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)
        self.load_page("")

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self.load_page(event.value)

    @work(thread=True, exclusive=True)
    def load_page(self, text: str) -> None:
        rows = [
            (
                p.stock_no,
                p.sku,
                p.title,
                p.location.code,
                p.status.replace("_", " "),
                format_money(p.retail_cents, p.currency),
            )
            for p in list_pieces(PieceFilter(text=text), limit=PAGE_SIZE)
        ]
        self.app.call_from_thread(self.show_rows, rows)

    def show_rows(self, rows: list[tuple[str, ...]]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for row in rows:
            table.add_row(*row, key=row[0])
        self.query_one("#status", Static).update(f"{len(rows)} shown")
