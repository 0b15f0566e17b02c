"""The work-order board: open jobs by status, days in the current stage, RUSH and overdue.

'n' takes in a new job (the intake form); 'p' writes the selected job's three printouts
(bench ticket, claim check, envelope label) beside the database; 'a' advances the selected
job (a small dialog asks the next status, why, and where a stock piece goes back to when
the job ends). All database work runs through run_db; results come back as messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Select, Static

from jeweltui.screens.workers import JobDone, run_db
from jeweltui.services import workorders as svc
from jeweltui.services.staff import staff_row

COLUMNS = ("Status", "Code", "Item", "Kind", "Days", "Flags", "Promised", "Who", "Piece / item")


@dataclass(frozen=True)
class StatusChange:
    status: str
    reason: str
    to_location: str


class AdvanceDialog(ModalScreen[StatusChange | None]):
    """Next status (the usual one preselected), why, and where a finished stock piece goes."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    AdvanceDialog { align: center middle; }
    AdvanceDialog #advance {
        width: 64; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    AdvanceDialog Select, AdvanceDialog Input { margin-bottom: 1; }
    AdvanceDialog .hint { color: $text-muted; }
    """

    def __init__(self, code: str, options: list[str], default: str, stock_piece: bool) -> None:
        super().__init__()
        self.code, self.options, self.default = code, options, default
        self.stock_piece = stock_piece

    def compose(self) -> ComposeResult:
        with Vertical(id="advance"):
            yield Label(f"Move {self.code} to:")
            yield Select(
                [(svc.words(s), s) for s in self.options],
                value=self.default,
                allow_blank=False,
                id="next-status",
            )
            yield Input(placeholder="Why (required for on hold / cancelled)", id="reason")
            yield Input(
                placeholder="Back to location when the job ends, e.g. L-CASE-A",
                id="to-location",
                disabled=not self.stock_piece,
            )
            yield Label("Enter: save   Esc: cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted)
    def save(self) -> None:
        self.dismiss(
            StatusChange(
                status=str(self.query_one("#next-status", Select).value),
                reason=self.query_one("#reason", Input).value,
                to_location=self.query_one("#to-location", Input).value,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


class WorkOrdersScreen(Screen):
    CSS_PATH = "workorders.tcss"
    BINDINGS = [
        Binding("n", "intake", "New job"),
        Binding("a", "advance", "Advance"),
        Binding("p", "print_papers", "Print"),
        Binding("r", "refresh", "Refresh"),
        Binding("f", "focus_filter", "Bench/vendor"),
        Binding("escape", "focus_board", "Board", show=False),
    ]

    @dataclass
    class Loaded(JobDone):
        rows: list[svc.BoardRow]

    @dataclass
    class NextSteps(JobDone):
        """What the selected job may move to: the advance dialog opens with these."""

        code: str
        options: list[str]
        default: str
        stock_piece: bool

    @dataclass
    class Said(JobDone):
        """A job's outcome in words: a status change, or the paths of its printouts."""

        words: str
        title: str = ""
        reload: bool = False

    def __init__(self) -> None:
        super().__init__()
        self.select_next: str | None = None  # a new job's code: the cursor goes to it

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter: staff badge or vendor code (Enter)", id="who")
        yield DataTable(id="board", cursor_type="row", zebra_stripes=True)
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)
        self.query_one(DataTable).focus()
        self.load_board()

    def action_refresh(self) -> None:
        self.load_board()

    def action_focus_filter(self) -> None:
        self.query_one("#who", Input).focus()

    def action_focus_board(self) -> None:
        self.query_one(DataTable).focus()

    @on(Input.Submitted, "#who")
    def filter_changed(self) -> None:
        self.load_board()
        self.query_one(DataTable).focus()

    def load_board(self) -> None:
        who = self.query_one("#who", Input).value
        run_db(self, lambda: self.Loaded(svc.board(who=who)), group="board")

    @on(Loaded)
    def show_rows(self, event: Loaded) -> None:
        rows = event.rows
        table = self.query_one(DataTable)
        selected, self.select_next = self.select_next or self.selected_code(), None
        table.clear()
        alarm = self.app.theme_variables.get("error", "red")
        for row in rows:
            style = f"bold {alarm}" if row.overdue else ""
            flags = " ".join(w for w, on_ in (("RUSH", row.rush), ("OVERDUE", row.overdue)) if on_)
            cells = (svc.words(row.status), row.code, row.ticket, row.kind, str(row.days), flags,
                     row.promised, row.who, row.item)  # fmt: skip
            table.add_row(*(Text(c, style=style) for c in cells), key=row.code)
        if selected and selected in {r.code for r in rows}:
            table.move_cursor(row=table.get_row_index(selected))
        late = sum(r.overdue for r in rows)
        self.query_one("#status", Static).update(f"{len(rows)} open jobs, {late} overdue")

    def selected_code(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_advance(self) -> None:
        code = self.selected_code()
        if code is None:
            self.notify("No open job selected.", severity="warning")
            return
        self.ask_next_status(code)

    def ask_next_status(self, code: str) -> None:
        """The job's next steps, read fresh: the board may be older than the database."""

        def job() -> WorkOrdersScreen.NextSteps:
            order = svc.find_work_order(code)
            options = svc.allowed_next(order)
            default = (svc.default_next(order) or options[0]) if options else ""
            return self.NextSteps(code, options, default, order.piece_id is not None)

        run_db(self, job, group="advance")

    @on(NextSteps)
    def show_next_steps(self, event: NextSteps) -> None:
        if not event.options:
            self.notify(f"{event.code} is closed.", severity="warning")
            return
        dialog = AdvanceDialog(event.code, event.options, event.default, event.stock_piece)
        self.app.push_screen(dialog, lambda change: self.apply_change(event.code, change))

    def apply_change(self, code: str, change: StatusChange | None) -> None:
        if change is None:
            return
        session = self.app.session

        def job() -> WorkOrdersScreen.Said:
            order = svc.change_status(
                code,
                change.status,
                staff=staff_row(session),
                reason=change.reason,
                to_location=change.to_location,
            )
            return self.Said(f"{order.code}: {svc.words(order.status)}", reload=True)

        run_db(self, job, group="advance", exclusive=False)

    @on(Said)
    def say(self, event: Said) -> None:
        self.notify(event.words, title=event.title, markup=False)
        if event.reload:
            self.load_board()

    def action_intake(self) -> None:
        from jeweltui.screens.workorder_intake import IntakeFormScreen

        self.app.push_screen(IntakeFormScreen(), self.taken_in)

    def taken_in(self, codes: list[str] | None) -> None:
        if not codes:
            return  # cancelled: nothing was written
        self.notify(f"Taken in: {', '.join(codes)}", title="New job")
        self.select_next = codes[0]
        self.load_board()

    def action_print_papers(self) -> None:
        """Bench ticket, claim check and envelope label of the selected job, into a folder."""
        code = self.selected_code()
        if code is None:
            self.notify("No job selected.", severity="warning")
            return
        folder = self.app.session.db_path.parent / "printouts"  # beside the shop's file

        def job() -> WorkOrdersScreen.Said:
            paths = write_papers(code, folder)
            return self.Said("\n".join(map(str, paths)), title="Printouts written")

        run_db(self, job, group="print")


def write_papers(code: str, folder: Path) -> list[Path]:
    from jeweltui import workorder_docs

    return workorder_docs.write_papers(svc.find_work_order(code), folder)
