"""A searchable list of records: the common shape of Locations, Vendors and Customers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from jeweltui.screens.workers import JobDone, run_db


class ListScreen(Screen):
    """Subclasses give COLUMNS, load(text) -> rows (in a worker), row_cells(row), opened(row)
    and optionally new_form() for Ctrl+N."""

    COLUMNS: tuple[tuple[str, int], ...] = ()
    NOUN = "records"
    SEARCH_HINT = "Search…"
    BINDINGS = [
        Binding("ctrl+n", "new", "New"),
        Binding("slash", "focus_search", "Search", show=False),
        Binding("escape", "back", "Back", show=False),
    ]

    @dataclass
    class Loaded(JobDone):
        rows: list[dict[str, Any]]

    def load(self, text: str) -> list[dict[str, Any]]:
        raise NotImplementedError

    def row_cells(self, row: dict[str, Any]) -> tuple:
        raise NotImplementedError

    def opened(self, row: dict[str, Any]) -> None:
        """Enter on a row."""

    def new_form(self) -> Screen | None:
        return None

    # ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=self.SEARCH_HINT, compact=True, id="search")
        yield DataTable(id="rows", cursor_type="row", zebra_stripes=True)
        yield Static("", id="status", classes="status-line")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#rows", DataTable)
        for label, width in self.COLUMNS:
            table.add_column(label, width=width)
        table.focus()
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        text = self.query_one("#search", Input).value.strip()
        run_db(self, lambda: self.Loaded(self.load(text)), group="rows")

    @on(Loaded)
    def show(self, event: Loaded) -> None:
        rows = self.rows = event.rows
        table = self.query_one("#rows", DataTable)
        table.clear()
        table.add_rows(self.row_cells(row) for row in rows)
        self.query_one("#status", Static).update(f"{len(rows):,} {self.NOUN}  ·  Enter opens")

    @on(Input.Changed, "#search")
    def search_changed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#search")
    def to_list(self) -> None:
        self.query_one("#rows", DataTable).focus()

    @on(DataTable.RowSelected, "#rows")
    def open_row(self, event: DataTable.RowSelected) -> None:
        rows = getattr(self, "rows", [])
        if event.cursor_row < len(rows):
            self.opened(rows[event.cursor_row])

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_new(self) -> None:
        form = self.new_form()
        if form is None:
            return

        def saved(code: str | None) -> None:
            if code:
                self.notify(f"{code} saved.")
                self.reload()

        self.app.push_screen(form, saved)
