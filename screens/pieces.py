"""The pieces browser: keyset pages of 200 in a worker, a live count, search as you type."""

from __future__ import annotations

import time
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from jeweltui.rights import SEE_COST
from jeweltui.screens.widgets.filter_bar import FilterBar, Filters
from jeweltui.screens.widgets.piece_table import SORTABLE, PieceTable
from jeweltui.screens.workers import JobDone, run_db
from jeweltui.services.locations import location_choices
from jeweltui.services.piece_pages import PAGE_SIZE, PiecePage, page_label, piece_count, piece_page
from jeweltui.services.pieces import PieceFilter

SORT_WORDS = {"stock_no": "stock no", "title": "title", "price": "price", "location": "location"}


class PiecesScreen(Screen):
    CSS_PATH = "pieces.tcss"
    BINDINGS = [
        Binding("ctrl+n", "new_piece", "New piece"),
        Binding("ctrl+o", "cycle_sort", "Sort"),
        Binding("l", "label", "Label"),
        Binding("L", "label_queue", "Received tags"),
        Binding("slash", "focus_search", "Search", show=False),
        Binding("escape", "back", "Back", show=False),
    ]

    @dataclass
    class Locations(JobDone):
        choices: list[tuple[str, str]]

    @dataclass
    class PageRead(JobDone):
        """A page of pieces for `query` (text, filters, sort), starting at row `start`
        (None: before the page shown now, which is known only once its size is)."""

        page: PiecePage
        query: tuple
        start: int | None
        first: bool  # the first page of a new query: a count follows
        flt: PieceFilter

    @dataclass
    class Counted(JobDone):
        total: int
        query: tuple

    def __init__(self, filters: Filters | None = None, text: str = "") -> None:
        super().__init__()
        self.filters = filters or Filters()
        self.text = text
        self.sort = "stock_no"
        self.page = PiecePage([], has_before=False, has_after=False)
        self.page_start = 0
        self.total: int | None = None
        # What the table shows now and since when: the benchmark and tests read these.
        self.shown_query: tuple[str, Filters, str] | None = None
        self.shown_at = 0.0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            self.text,
            placeholder="Search stock no, SKU, title, vendor…  (↓ to the list)",
            compact=True,
            id="search",
        )
        yield FilterBar([], self.filters, id="filters")
        yield PieceTable(with_cost=self.app.session.can(SEE_COST), id="pieces")
        yield Static("", id="status", classes="status-line")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search", Input).focus()
        self.reload()
        run_db(self, lambda: self.Locations(location_choices()), group="locations")

    @on(Locations)
    def show_locations(self, event: Locations) -> None:
        select = self.query_one("#filter-location")
        select.set_options([(code, code) for _, code in event.choices])
        if self.filters.location:
            select.value = self.filters.location

    # ------------------------------------------------------------ what to show

    def piece_filter(self) -> PieceFilter:
        f = self.filters
        return PieceFilter(
            text=self.text.strip(),
            category=f.category,
            metal=f.metal,
            location=f.location,
            status=f.status,
            available_only=f.available_only,
            karat=f.karat,
            colour=f.colour,
            size=f.size,
            price=f.price,
            stone=f.stone,
            carat=f.carat,
            vendor_style=f.vendor_style,
        )

    def reload(self) -> None:
        """The filter or sort changed: first page and a fresh count."""
        self.total = None
        self.workers.cancel_group(self, "count")
        self.read_page(0, first=True)

    def turn_page(self, forward: bool) -> None:
        page = self.page
        if forward and page.has_after and page.last_key is not None:
            self.read_page(self.page_start + len(page.rows), after=page.last_key)
        elif not forward and page.has_before and page.first_key is not None:
            self.read_page(None, before=page.first_key)
        else:
            self.notify("No more pieces that way.", timeout=2)

    def read_page(self, start: int | None, *, first: bool = False, **keyset) -> None:
        """One page of the current query, after or before a key (none: the first page)."""
        flt, sort, query = self.piece_filter(), self.sort, (self.text, self.filters, self.sort)

        def read() -> PiecesScreen.PageRead:
            return self.PageRead(piece_page(flt, sort, **keyset), query, start, first, flt)

        run_db(self, read, group="page")

    @on(PageRead)
    def page_read(self, event: PageRead) -> None:
        page, query = event.page, event.query
        if event.start is None:  # the page before: it ends where the shown one began
            self.show_page(page, max(0, self.page_start - len(page.rows)), query, at_end=True)
        else:
            self.show_page(page, event.start, query)
        if not event.first:
            return
        if not page.has_after:  # everything is on this page: no need to count
            self.show_count(len(page.rows), query)
            return
        # The count starts once the page is shown: the page is what the user waits for,
        # and two full scans at once would slow each other down.
        flt = event.flt
        run_db(self, lambda: self.Counted(piece_count(flt), query), group="count")

    def show_page(self, page: PiecePage, start: int, query: tuple, *, at_end: bool = False) -> None:
        self.page, self.page_start = page, start
        self.query_one(PieceTable).show_rows(page.rows, at_end=at_end)
        self.shown_query, self.shown_at = query, time.perf_counter()
        self.show_status()

    @on(Counted)
    def counted(self, event: Counted) -> None:
        self.show_count(event.total, event.query)

    def show_count(self, total: int, query: tuple) -> None:
        if query != (self.text, self.filters, self.sort):
            return  # a count for text the user has typed past
        self.total = total
        self.show_status()

    def show_status(self) -> None:
        label = page_label(self.page_start, len(self.page.rows), self.total)
        turns = [
            f"PgDn next {PAGE_SIZE}" * self.page.has_after,
            "PgUp back" * self.page.has_before,
        ]
        hint = "  ·  ".join(filter(None, [label, f"sorted by {SORT_WORDS[self.sort]}", *turns]))
        self.query_one("#status", Static).update(hint)

    # ------------------------------------------------------------ events

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        if event.value != self.text:
            self.text = event.value
            self.reload()

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        self.query_one(PieceTable).focus()

    def on_key(self, event) -> None:
        # Down from the search box goes to the list, as in any shop's till software.
        if event.key == "down" and self.focused is self.query_one("#search"):
            event.stop()
            self.query_one(PieceTable).focus()

    @on(FilterBar.Changed)
    def filters_changed(self, event: FilterBar.Changed) -> None:
        if event.filters != self.filters:
            self.filters = event.filters
            self.reload()

    @on(PieceTable.PageRequested)
    def page_requested(self, event: PieceTable.PageRequested) -> None:
        self.turn_page(event.forward)

    @on(PieceTable.SortRequested)
    def sort_requested(self, event: PieceTable.SortRequested) -> None:
        self.sort = event.column
        self.reload()

    @on(DataTable.RowSelected, "#pieces")
    def open_piece(self) -> None:
        stock_no = self.query_one(PieceTable).selected_stock_no()
        if stock_no:
            from jeweltui.screens.piece_detail import PieceDetailScreen

            self.app.push_screen(PieceDetailScreen(stock_no))

    # ------------------------------------------------------------ actions

    def action_cycle_sort(self) -> None:
        self.sort = SORTABLE[(SORTABLE.index(self.sort) + 1) % len(SORTABLE)]
        self.reload()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_new_piece(self) -> None:
        from jeweltui.screens.piece_form import PieceFormScreen

        def created(stock_no: str | None) -> None:
            if stock_no:
                self.notify(f"{stock_no} added to stock.")
                self.reload()

        self.app.push_screen(PieceFormScreen(), created)

    def action_label(self) -> None:
        from jeweltui.screens.label_preview import LabelPreviewScreen

        stock_no = self.query_one(PieceTable).selected_stock_no()
        if stock_no:
            self.app.push_screen(LabelPreviewScreen([stock_no]))

    def action_label_queue(self) -> None:
        from jeweltui.screens.label_preview import LabelPreviewScreen

        self.app.push_screen(LabelPreviewScreen.for_queue())
