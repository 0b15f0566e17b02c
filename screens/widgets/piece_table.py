"""The pieces table: shows one keyset page; asks its screen for the next or previous page."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from jeweltui.services.piece_pages import PieceRow

# (key, header, width): fixed widths, so adding a page never measures every cell.
# The title takes whatever the terminal has left (width 0 here).
COLUMNS = (
    ("stock_no", "Stock no", 9),
    ("title", "Title", 0),
    ("sku", "SKU", 14),
    ("where", "Where", 9),
    ("price", "Price", 10),
)
COST_COLUMN = ("cost", "Cost", 10)
# "Where" is the location code while in stock and the status once sold or retired:
# one column for both keeps the table inside 80 columns.
MONEY = ("price", "cost")
PADDING = 2  # DataTable's cell padding, both sides
MIN_TITLE = 12
SORTABLE = ("stock_no", "title", "price", "location")
HEADER_SORTS = {"stock_no": "stock_no", "title": "title", "price": "price", "where": "location"}


class PieceTable(DataTable):
    """A DataTable holding one page; PageDown/PageUp at its edge request another page."""

    BINDINGS = [
        # Shown in the status line rather than the footer, which 80 columns fill already.
        Binding("pagedown", "next_page", "Next page", show=False),
        Binding("pageup", "previous_page", "Prev page", show=False),
    ]

    @dataclass
    class PageRequested(Message):
        """The user wants the next (forward=True) or the previous page."""

        table: PieceTable
        forward: bool

    @dataclass
    class SortRequested(Message):
        table: PieceTable
        column: str

    def __init__(self, *, with_cost: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.with_cost = with_cost
        self.stock_numbers: list[str] = []  # row index -> stock number of the page shown
        self.columns_shown = COLUMNS + ((COST_COLUMN,) if with_cost else ())

    def on_mount(self) -> None:
        fixed = sum(width + PADDING for _, _, width in self.columns_shown)
        title = max(MIN_TITLE, self.app.size.width - fixed - 3)  # edges, scrollbar
        for key, header, width in self.columns_shown:
            self.add_column(header, key=key, width=width or title)

    def show_rows(self, rows: list[PieceRow], *, at_end: bool = False) -> None:
        """Replace the page; the cursor starts at the top (or the bottom after PageUp)."""
        self.clear()
        self.add_rows([self.cells(row) for row in rows])
        self.stock_numbers = [row.stock_no for row in rows]
        if rows:
            self.move_cursor(row=len(rows) - 1 if at_end else 0, animate=False)

    def cells(self, row: PieceRow) -> tuple:
        return tuple(
            Text(getattr(row, key), justify="right") if key in MONEY else getattr(row, key)
            for key, _, _ in self.columns_shown
        )

    def selected_stock_no(self) -> str | None:
        numbers = self.stock_numbers
        if not numbers or self.cursor_row >= len(numbers):
            return None
        return numbers[self.cursor_row]

    def action_next_page(self) -> None:
        self.post_message(self.PageRequested(self, forward=True))

    def action_previous_page(self) -> None:
        self.post_message(self.PageRequested(self, forward=False))

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        sort = HEADER_SORTS.get(event.column_key.value or "")
        if sort:
            self.post_message(self.SortRequested(self, sort))
