"""The scan screen: move mode (a batch of pieces to one location) and lookup mode.

Scans arrive as ScanInput.Scanned messages, faster than the database answers. Every
scan counts and order matters, so they go into the screen's ScanQueue: one ordered
consumer, never a worker per scan. Deleting a row, Done and abandoning are jobs in the
same queue, so they happen after the scans before them. Each job's Outcome comes back
as a message, in order.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from rich.text import Text  # plain cells: a title with [brackets] is not markup
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Static

from jeweltui.screens.widgets.scan_input import ScanInput
from jeweltui.screens.workers import JobDone, Scan, ScanQueue
from jeweltui.services.staff import staff_row

COLUMNS = ("Stock no", "Title", "Now in", "Goes to", "Warnings")
ESCAPE_AGAIN_SECONDS = 3.0


# The jobs of the scan queue besides Scan (a scan in move mode).
@dataclass(frozen=True)
class LookUp:
    """A scan in lookup mode: say what the code names and open it."""

    code: str


@dataclass(frozen=True)
class RemoveRow:
    stock_no: str


@dataclass(frozen=True)
class Commit:
    """Done: move the batch."""


@dataclass(frozen=True)
class Abandon:
    """Drop the batch; nothing moves."""


ScanJob = Scan | LookUp | RemoveRow | Commit | Abandon


@dataclass
class Outcome(JobDone):
    """What one queued job did, in plain values for the screen to show."""

    job: ScanJob
    code: str = ""
    message: str = ""
    ok: bool = True
    added: tuple[str, ...] | None = None  # a new batch row
    rows: list[tuple[str, ...]] | None = None  # the whole batch, when every row changed
    removed: str = ""
    destination: str = ""
    pieces: int = 0
    target: Any = None  # lookup mode: the ScanTarget

    @property
    def answers_a_scan(self) -> bool:
        return isinstance(self.job, Scan | LookUp)


class ScanScreen(Screen):
    """Scan a location and pieces to move them, or scan anything to look it up."""

    CSS_PATH = "scan.tcss"
    AUTO_FOCUS = "#scan"
    BINDINGS = [
        Binding("f11", "toggle_mode", "Move/Lookup"),
        Binding("f10", "done", "Done"),
        Binding("delete", "remove_row", "Remove row", priority=True),
        Binding("escape", "abandon", "Abandon"),
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
    ]

    mode: reactive[str] = reactive("move")

    class LookedUp(Message):
        """Lookup mode found what a code names (a ScanTarget)."""

        def __init__(self, target: Any) -> None:
            super().__init__()
            self.target = target

    def __init__(self, reason: str = "move", mode: str = "move", **kwargs) -> None:
        super().__init__(**kwargs)
        self.reason = reason
        self.set_reactive(ScanScreen.mode, mode)
        self.queue: ScanQueue[ScanJob] = ScanQueue(self, self._run_safely, group="scan-queue")
        self._batch = None  # the MoveBatch: touched only by the queue's worker
        self._escape_at = 0.0
        self._destination, self._pieces = "", 0  # shown in the mode line
        self.resolved = 0  # scans answered, in order: tests and the status line count them

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="mode", markup=False)
        yield ScanInput(id="scan")
        table = DataTable(id="batch", cursor_type="row", zebra_stripes=True)
        table.can_focus = False  # focus stays on the scan bar; arrows move the cursor
        yield table
        yield Static(
            id="refused", markup=False
        )  # the last refused code stays in view until dealt with
        with Horizontal(id="actions"):
            yield Static(id="status", markup=False)
            done = Button("Done (F10)", id="done", variant="primary")
            done.can_focus = False  # a focused button would take the scanner's Enter
            yield done
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)
        self._show_mode()

    @property
    def idle(self) -> bool:
        """No scan or command waiting or being resolved."""
        return self.queue.idle

    @property
    def peak_backlog(self) -> int:
        return self.queue.peak_backlog

    def focus_scan(self) -> None:
        self.query_one(ScanInput).focus()

    # Scans and commands in: all through one queue.

    @on(ScanInput.Scanned)
    def scanned(self, event: ScanInput.Scanned) -> None:
        event.stop()
        self.queue.put(LookUp(event.code) if self.mode == "lookup" else Scan(event.code))

    def _run_safely(self, job: ScanJob) -> Outcome:
        from jeweltui.errors import JewelError

        try:
            return self._run(job)
        except JewelError as error:
            return Outcome(job, message=error.message, ok=False)
        except Exception as error:  # noqa: BLE001 - a scan must never stop the scan station
            return Outcome(job, message=f"could not handle that scan ({error})", ok=False)

    # In the worker thread: the database side.

    def _run(self, job: ScanJob) -> Outcome:
        if isinstance(job, LookUp):
            return self._look_up(job)
        batch = self._current_batch()
        match job:
            case Scan():
                return self._scan_into(batch, job)
            case RemoveRow(stock_no):
                removed = batch.remove(stock_no)
                return Outcome(job, removed=stock_no if removed else "", pieces=len(batch))
            case Commit():
                return self._commit(batch, job)
            case Abandon():
                dropped = batch.abandon()
                return Outcome(job, message=f"Abandoned {dropped} scans; nothing moved.")

    def _current_batch(self):
        if self._batch is None:
            from jeweltui.errors import JewelError
            from jeweltui.scanning import MoveBatch

            try:
                staff = staff_row(self.app.session)
            except JewelError:
                staff = None  # a badge scan can still name who moves
            self._batch = MoveBatch(staff=staff, reason=self.reason)
        return self._batch

    def _scan_into(self, batch, job: Scan) -> Outcome:
        result = batch.add(job.code)
        outcome = Outcome(
            job, code=result.code, message=result.message, ok=result.ok, pieces=len(batch)
        )
        outcome.destination = batch.location.name if batch.location else ""
        if result.kind == "added":
            outcome.added = _row_cells(batch, result.row)
        elif result.kind in ("location", "committed"):
            outcome.rows = [_row_cells(batch, row) for row in batch.rows]
        return outcome

    def _commit(self, batch, job: Commit) -> Outcome:
        from jeweltui.errors import JewelError
        from jeweltui.scanning import commit_words

        if not batch.rows:
            return Outcome(job, message="Nothing scanned to move yet.")
        try:
            words = commit_words(batch.commit())
        except JewelError as error:
            # The batch stays, re-read: the rows now show why (a piece sold meanwhile).
            outcome = Outcome(job, message=f"Nothing moved: {error.message}", ok=False)
            outcome.rows = [_row_cells(batch, row) for row in batch.rows]
            outcome.pieces = len(batch)
            outcome.destination = batch.location.name if batch.location else ""
            return outcome
        return Outcome(job, message=words, rows=[], pieces=0)

    def _look_up(self, job: LookUp) -> Outcome:
        from jeweltui.scanning import PIECE, classify
        from jeweltui.services.availability import describe_state

        target = classify(job.code)
        if not target.ok:
            return Outcome(job, code=target.code, message=target.error, ok=False)
        words = target.describe()
        if target.kind == PIECE:
            words += f": {describe_state(target.obj)}"
        return Outcome(job, code=target.code, message=words, target=target)

    # Back on the screen: show what happened, in the order the jobs were queued.

    @on(Outcome)
    def _show(self, outcome: Outcome) -> None:
        if outcome.answers_a_scan:
            self.resolved += 1
        table = self.query_one(DataTable)
        if outcome.rows is not None:
            table.clear()
            for cells in outcome.rows:
                table.add_row(*map(Text, cells), key=cells[0])
        if outcome.added is not None:
            table.add_row(*map(Text, outcome.added), key=outcome.added[0])
            table.move_cursor(row=table.row_count - 1)
        if outcome.removed:
            table.remove_row(outcome.removed)
        if isinstance(outcome.job, Abandon):
            table.clear()
        if outcome.target is not None:
            self.post_message(self.LookedUp(outcome.target))  # the app opens what it names
        self._status(outcome)

    def _status(self, outcome: Outcome) -> None:
        status, refused = self.query_one("#status", Static), self.query_one("#refused", Static)
        if not outcome.ok:
            shown = f"{outcome.code}: {outcome.message}" if outcome.code else outcome.message
            refused.update(f"✗ {shown}")
            self.notify(outcome.message, title="Scan refused", severity="error", markup=False)
            self.app.bell()
        elif outcome.message:
            status.update(outcome.message)
        if outcome.ok and isinstance(outcome.job, Commit | Abandon):
            refused.update("")
        if not isinstance(outcome.job, LookUp):
            self._destination, self._pieces = outcome.destination, outcome.pieces
            self._show_mode()

    def _show_mode(self) -> None:
        label = self.query_one("#mode", Static)
        if self.mode == "lookup":
            label.update("LOOKUP: scan a piece, location or work order to see it  (F11: move)")
            return
        where = self._destination or "scan a location"
        label.update(f"MOVE → {where}   {self._pieces} pieces in this batch  (F11: lookup)")

    # Keys and buttons.

    def watch_mode(self) -> None:
        if self.is_mounted:
            self._show_mode()

    def action_toggle_mode(self) -> None:
        self.mode = "lookup" if self.mode == "move" else "move"

    def action_done(self) -> None:
        self.queue.put(Commit())

    @on(Button.Pressed, "#done")
    def done_pressed(self) -> None:
        self.action_done()
        self.focus_scan()

    def action_remove_row(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            self.queue.put(RemoveRow(key))

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, table.cursor_row + step))

    def action_abandon(self) -> None:
        rows = self.query_one(DataTable).row_count
        if not rows:
            if len(self.app.screen_stack) > 1:
                self.dismiss()
            return
        now = time.monotonic()
        if now - self._escape_at <= ESCAPE_AGAIN_SECONDS:
            self._escape_at = 0.0
            self.queue.put(Abandon())
            return
        self._escape_at = now
        self.notify(
            f"Press Escape again to abandon {rows} scanned pieces; nothing will move.",
            title="Abandon this batch?",
            severity="warning",
        )


def _row_cells(batch, row) -> tuple[str, ...]:
    to = batch.location.name if batch.location else "(pending)"
    return (row.stock_no, row.piece.title, row.here.name, to, "; ".join(row.warnings))
