"""The scan screen: move mode (a batch of pieces to one location) and lookup mode.

Scans arrive as ScanInput.Scanned messages, faster than the database answers. Every
scan counts and order matters, so they go into one queue drained by a single thread
worker: one ordered consumer, never a worker per scan. Deleting a row, Done and
abandoning go through the same queue, so they happen after the scans before them.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from rich.text import Text  # plain cells: a title with [brackets] is not markup
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Static

from jeweltui.screens.widgets.scan_input import ScanInput

COLUMNS = ("Stock no", "Title", "Now in", "Goes to", "Warnings")
ESCAPE_AGAIN_SECONDS = 3.0


@dataclass
class Outcome:
    """What one queued job did, in plain values for the screen to show."""

    job: str
    code: str = ""
    message: str = ""
    ok: bool = True
    added: tuple[str, ...] | None = None  # a new batch row
    rows: list[tuple[str, ...]] | None = None  # the whole batch, when every row changed
    removed: str = ""
    destination: str = ""
    pieces: int = 0
    target: Any = None  # lookup mode: the ScanTarget


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
        self._jobs: deque[tuple[Any, ...]] = deque()
        self._lock = threading.Lock()
        self._draining = False
        self._batch = None  # the MoveBatch: touched only by the draining worker
        self._escape_at = 0.0
        self._destination, self._pieces = "", 0  # shown in the mode line
        self.resolved = 0  # scans answered, in order: tests and the status line count them
        self.peak_backlog = 0  # most scans waiting at once: shows scans overtook the database

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
        with self._lock:
            return not self._draining and not self._jobs

    def focus_scan(self) -> None:
        self.query_one(ScanInput).focus()

    # Scans and commands in: all through one queue.

    @on(ScanInput.Scanned)
    def scanned(self, event: ScanInput.Scanned) -> None:
        event.stop()
        self._enqueue(("scan", event.code, self.mode))

    def _enqueue(self, job: tuple[Any, ...]) -> None:
        with self._lock:
            self._jobs.append(job)
            self.peak_backlog = max(self.peak_backlog, len(self._jobs))
            if self._draining:
                return
            self._draining = True
        self._drain()

    @work(thread=True, group="scan-queue")
    def _drain(self) -> None:
        from jeweltui.db import thread_connection

        # This thread's own connection, closed when the queue is empty; the next drain
        # opens anew.
        with thread_connection():
            try:
                while True:
                    with self._lock:
                        if not self._jobs:
                            self._draining = False
                            return
                        job = self._jobs.popleft()
                    self.app.call_from_thread(self._show, self._run_safely(job))
            finally:
                with self._lock:
                    self._draining = False

    def _run_safely(self, job: tuple[Any, ...]) -> Outcome:
        from jeweltui.errors import JewelError

        try:
            return self._run(job)
        except JewelError as error:
            return Outcome(job[0], message=error.message, ok=False)
        except Exception as error:  # noqa: BLE001 - a scan must never stop the scan station
            return Outcome(job[0], message=f"could not handle that scan ({error})", ok=False)

    # In the worker thread: the database side.

    def _run(self, job: tuple[Any, ...]) -> Outcome:
        kind = job[0]
        if kind == "scan" and job[2] == "lookup":
            return self._look_up(job[1])
        batch = self._current_batch()
        if kind == "scan":
            return self._scan_into(batch, job[1])
        if kind == "remove":
            removed = batch.remove(job[1])
            return Outcome("remove", removed=job[1] if removed else "", pieces=len(batch))
        if kind == "commit":
            return self._commit(batch)
        dropped = batch.abandon()
        return Outcome("abandon", message=f"Abandoned {dropped} scans; nothing moved.")

    def _current_batch(self):
        if self._batch is None:
            from jeweltui.errors import JewelError
            from jeweltui.scanning import MoveBatch
            from jeweltui.services.staff import find_staff

            try:
                staff = find_staff(getattr(self.app, "staff_code", None))
            except JewelError:
                staff = None  # a badge scan can still name who moves
            self._batch = MoveBatch(staff=staff, reason=self.reason)
        return self._batch

    def _scan_into(self, batch, code: str) -> Outcome:
        result = batch.add(code)
        outcome = Outcome(
            "scan", code=result.code, message=result.message, ok=result.ok, pieces=len(batch)
        )
        outcome.destination = batch.location.name if batch.location else ""
        if result.kind == "added":
            outcome.added = _row_cells(batch, result.row)
        elif result.kind in ("location", "committed"):
            outcome.rows = [_row_cells(batch, row) for row in batch.rows]
        return outcome

    def _commit(self, batch) -> Outcome:
        from jeweltui.errors import JewelError
        from jeweltui.scanning import commit_words

        if not batch.rows:
            return Outcome("commit", message="Nothing scanned to move yet.")
        try:
            words = commit_words(batch.commit())
        except JewelError as error:
            # The batch stays, re-read: the rows now show why (a piece sold meanwhile).
            outcome = Outcome("commit", message=f"Nothing moved: {error.message}", ok=False)
            outcome.rows = [_row_cells(batch, row) for row in batch.rows]
            outcome.pieces = len(batch)
            outcome.destination = batch.location.name if batch.location else ""
            return outcome
        return Outcome("commit", message=words, rows=[], pieces=0)

    def _look_up(self, code: str) -> Outcome:
        from jeweltui.scanning import PIECE, classify
        from jeweltui.services.availability import describe_state

        target = classify(code)
        if not target.ok:
            return Outcome("scan", code=target.code, message=target.error, ok=False)
        words = target.describe()
        if target.kind == PIECE:
            words += f": {describe_state(target.obj)}"
        return Outcome("lookup", code=target.code, message=words, target=target)

    # Back on the screen: show what happened.

    def _show(self, outcome: Outcome) -> None:
        if outcome.job in ("scan", "lookup"):
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
        if outcome.job == "abandon":
            table.clear()
        if outcome.job == "lookup":
            self._open(outcome)
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
        if outcome.ok and outcome.job in ("commit", "abandon"):
            refused.update("")
        if outcome.job != "lookup":
            self._destination, self._pieces = outcome.destination, outcome.pieces
            self._show_mode()

    def _open(self, outcome: Outcome) -> None:
        self.post_message(self.LookedUp(outcome.target))
        opener = getattr(self.app, "open_code", None)
        if callable(opener):
            opener(outcome.target)
        else:
            self.notify(outcome.message, title="Scanned", markup=False)

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
        self._enqueue(("commit",))

    @on(Button.Pressed, "#done")
    def done_pressed(self) -> None:
        self.action_done()
        self.focus_scan()

    def action_remove_row(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            self._enqueue(("remove", key))

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
            self._enqueue(("abandon",))
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
