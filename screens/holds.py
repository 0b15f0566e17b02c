"""Holds: active, expiring today, expired and released; extend or release with one key.

Every database call runs through run_db; results come back as messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Header, Static, Tab, Tabs

from jeweltui.screens.workers import JobDone, run_db
from jeweltui.services import holds as hold_service
from jeweltui.services.staff import staff_row

COLUMNS = ("Hold", "Stock no", "Piece", "For", "Phone", "Until", "State")
TABS = (
    ("active", "Active"),
    ("today", "Expiring today"),
    ("expired", "Expired"),
    ("released", "Released / sold"),
)
REFRESH_SECONDS = 60


class ConfirmScreen(ModalScreen[bool]):
    """Yes or no to one question; dismisses with True only for yes."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }

    ConfirmScreen #dialog {
        width: 60;
        height: auto;
        padding: 1 2;
        border: thick $error;
        background: $surface;
    }

    ConfirmScreen #question {
        margin-bottom: 1;
    }

    ConfirmScreen #buttons {
        height: auto;
        align-horizontal: right;
    }

    ConfirmScreen #buttons Button {
        margin-left: 2;
    }
    """
    BINDINGS = [("y", "answer(True)", "Yes"), ("n,escape", "answer(False)", "No")]

    def __init__(self, question: str, yes: str = "Yes") -> None:
        super().__init__()
        self.question, self.yes = question, yes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            with Horizontal(id="buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button("Keep it (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # a stray Enter keeps the hold

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class HoldsScreen(Screen):
    CSS_PATH = "holds.tcss"
    BINDINGS = [
        Binding("e", "extend", "+24 h"),
        Binding("r", "release", "Release"),
        Binding("ctrl+r", "refresh", "Refresh"),
        Binding("escape", "back", "Back"),
    ]

    view: reactive[str] = reactive("active")

    @dataclass
    class Loaded(JobDone):
        rows: list[dict]

    @dataclass
    class Changed(JobDone):
        """A hold was extended or released: say so and reload."""

        words: str

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, dict] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Tabs(*(Tab(label, id=key) for key, label in TABS), id="views")
        yield DataTable(id="holds", cursor_type="row", zebra_stripes=True)
        yield Static("", id="contact")
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)
        self.set_interval(REFRESH_SECONDS, self.action_refresh)
        self.query_one(DataTable).focus()

    @on(Tabs.TabActivated, "#views")
    def tab_chosen(self, event: Tabs.TabActivated) -> None:
        self.view = event.tab.id or "active"

    def watch_view(self) -> None:
        self.load_rows(self.view)

    def action_refresh(self) -> None:
        self.load_rows(self.view)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def load_rows(self, view: str) -> None:
        run_db(self, lambda: self.Loaded(hold_service.hold_rows(view)), group="holds-load")

    @on(Loaded)
    def show_rows(self, event: Loaded) -> None:
        rows = event.rows
        table = self.query_one(DataTable)
        table.clear()
        self.rows = {str(r["hold"]): r for r in rows}
        for r in rows:
            cells = (r["hold"], r["stock_no"], r["title"], r["for"], r["phone"], r["until"])
            table.add_row(*cells, r["state"], key=str(r["hold"]))
        self.query_one("#status", Static).update(f"{len(rows)} hold{'s' * (len(rows) != 1)}")
        self.show_contact(self.selected())

    @on(DataTable.RowHighlighted, "#holds")
    def row_moved(self) -> None:
        self.show_contact(self.selected())

    def selected(self) -> dict | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0 or table.cursor_row >= table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self.rows.get(key)

    def show_contact(self, row: dict | None) -> None:
        """Who to call and how: the reminder call needs no other screen."""
        words = ""
        if row is not None:
            contact = " · ".join(x for x in (row["phone"], row["email"]) if x) or "no contact"
            who = row["for"] if row["customer"] else f"channel {row['channel']}"
            note = f" · {row['reason']}" if row["reason"] else ""
            words = f"{who} ({contact}) · hold #{row['hold']} · {row['stock_no']}{note}"
        self.query_one("#contact", Static).update(words)

    def action_extend(self) -> None:
        row = self.selected()
        if row is not None:
            self.change(row["hold"], hold_service.extend_hold, "extended by 24 h")

    def action_release(self) -> None:
        row = self.selected()
        if row is None:
            return
        question = f"Release hold #{row['hold']} on {row['stock_no']} for {row['for']}?"

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(row["hold"], hold_service.release_hold, "released")

        self.app.push_screen(ConfirmScreen(question, yes="Release"), answered)

    def change(self, hold_id: int, service: Callable, done: str) -> None:
        """Run one hold service; a refusal shows as a toast, the hold stays as it was."""
        session = self.app.session

        def job() -> HoldsScreen.Changed:
            service(hold_id, staff=staff_row(session))
            return self.Changed(f"Hold #{hold_id} {done}.")

        run_db(self, job, group="holds-change", exclusive=False)

    @on(Changed)
    def changed(self, event: Changed) -> None:
        self.notify(event.words)
        self.action_refresh()


def start_hold_sweeper(app: App, every: float = REFRESH_SECONDS) -> None:
    """Record expired holds now and every minute while the app runs (call once, in on_mount).
    A busy database is said in a toast; the next minute tries again."""

    def sweep_once() -> None:
        hold_service.sweep_expired_holds()

    def launch() -> None:
        run_db(app, sweep_once, group="hold-sweep")

    launch()
    app.set_interval(every, launch)
