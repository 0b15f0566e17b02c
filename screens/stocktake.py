"""The stocktake screen: count a case by scanning, see found / missing / unexpected /
quantities live, and finish with a reason for every difference, all by keyboard.

Scans go into one queue drained by a single thread worker (order matters: a location
scan says where the next pieces are). Each scan is committed as it is made, so after a
crash or closing the app the open count comes back with its scans.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from jeweltui.screens.widgets.scan_input import ScanInput
from jeweltui.screens.workers import JobDone, run_db

KIND_WORDS = {"missing": "Missing", "unexpected": "Unexpected", "quantity": "Quantity"}


@dataclass
class CountView:
    """What the worker read for the screen: the message of the last job and the tally."""

    message: str
    ok: bool = True
    tally: object = None  # services.stocktake.Tally, or None when no count is open


def _staff(app):
    """The signed-in person's row (read in the calling worker thread)."""
    from jeweltui.services.staff import staff_row

    return staff_row(app.session)


class StocktakeScreen(Screen):
    CSS_PATH = "stocktake.tcss"
    AUTO_FOCUS = "#count-scan"
    BINDINGS = [
        Binding("f10", "finish", "Finish count"),
        Binding("delete", "undo", "Undo scan", priority=True),
    ]

    @dataclass
    class Finished(JobDone):
        count: object

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.count_id: int | None = None
        self.tally = None
        self._jobs: deque[tuple[str, str]] = deque()
        self._lock = threading.Lock()
        self._draining = False
        self.resolved = 0  # jobs answered, in order (tests wait on it)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="count-status", markup=False)
        yield ScanInput(id="count-scan", placeholder="Scan a location to start, then pieces…")
        yield Static(id="count-figures", markup=False)
        table = DataTable(id="count-differences", cursor_type="row", zebra_stripes=True)
        table.can_focus = False  # the scanner's Enter belongs to the scan box
        yield table
        yield Static(id="count-last", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Difference", "Code", "Where", "Book", "Shelf")
        self._enqueue("resume", "")

    @property
    def idle(self) -> bool:
        with self._lock:
            return not self._draining and not self._jobs

    # Jobs in: scans, undo, resume, all through one ordered queue.

    @on(ScanInput.Scanned)
    def scanned(self, event: ScanInput.Scanned) -> None:
        event.stop()
        self._enqueue("scan", event.code)

    def action_undo(self) -> None:
        self._enqueue("undo", "")

    def _enqueue(self, kind: str, code: str) -> None:
        with self._lock:
            self._jobs.append((kind, code))
            if self._draining:
                return
            self._draining = True
        self._drain()

    @work(thread=True, group="count-queue")
    def _drain(self) -> None:
        from jeweltui.db import thread_connection

        try:
            with thread_connection():  # this thread's own connection, closed when done
                while True:
                    with self._lock:
                        if not self._jobs:
                            self._draining = False
                            return
                        job = self._jobs.popleft()
                        last = not self._jobs  # tally once a burst of scans is in
                    self.app.call_from_thread(self._show, self._run_safely(job, last))
        finally:
            with self._lock:
                self._draining = False

    def _run_safely(self, job: tuple[str, str], last: bool) -> CountView:
        from jeweltui.errors import JewelError

        try:
            message = self._run(*job)
            ok = True
        except JewelError as error:
            message, ok = error.message, False
        except Exception as error:  # noqa: BLE001 - a bad scan must never stop the count
            message, ok = f"could not handle that scan ({error})", False
        view = CountView(message, ok)
        if last and self.count_id is not None:
            from jeweltui.services.stocktake import tally

            view.tally = tally(self.count_id)
        return view

    def _run(self, kind: str, code: str) -> str:
        from jeweltui.services import stocktake

        if kind == "resume":
            counts = stocktake.open_counts()
            if not counts:
                return "No count open: scan a location's code to start counting it."
            self.count_id = counts[-1].id
            return f"Resumed count #{self.count_id}."
        if kind == "undo":
            if self.count_id is None:
                return "No count open."
            undone = stocktake.undo_last_scan(self.count_id)
            return f"Took back {undone.code}." if undone else "No scan to take back."
        if self.count_id is None:
            from jeweltui.services.locations import find_location

            place = find_location(code)
            self.count_id = stocktake.start_count([place.code], staff=_staff(self.app)).id
            return f"Count #{self.count_id} of {place.code} started: scan everything there."
        return stocktake.scan(self.count_id, code).words

    # Back on the UI thread.

    def _show(self, view: CountView) -> None:
        self.resolved += 1
        last = self.query_one("#count-last", Static)
        last.update(Text(view.message, style="" if view.ok else "bold red"))
        if view.tally is not None:
            self._show_tally(view.tally)

    def _show_tally(self, result) -> None:
        self.tally = result
        self.query_one("#count-status", Static).update(
            f"Count #{result.count_id} · {' '.join(result.locations)} · {result.scans} scans"
            f" · accuracy {result.accuracy * 100:.1f} %"
        )
        off = sum(q["booked"] != q["counted"] for q in result.quantities)
        self.query_one("#count-figures", Static).update(
            f"Found {len(result.found)}   Missing {len(result.missing)}   "
            f"Unexpected {len(result.unexpected)}   Quantities {len(result.quantities)}"
            f" ({off} off)"
        )
        table = self.query_one(DataTable)
        table.clear()
        order = {"unexpected": 0, "quantity": 1, "missing": 2}  # what was just scanned first
        for d in sorted(result.differences, key=lambda d: order[d.kind]):
            code, _, _ = d.key.partition("@")
            table.add_row(KIND_WORDS[d.kind], code, d.location, str(d.booked), str(d.counted))

    # Finishing: a reason for every difference, then one transaction.

    def action_finish(self) -> None:
        if self.tally is None or self.count_id is None or not self.idle:
            self.notify("Nothing to finish yet.", severity="warning")
            return
        from jeweltui.screens.count_reasons import ReasonsScreen

        self.app.push_screen(ReasonsScreen(self.tally.differences), self._finish_with)

    def _finish_with(self, reasons: dict[str, str] | None) -> None:
        if reasons is None:
            return
        count_id, app = self.count_id, self.app

        def finish():
            from jeweltui.services.stocktake import finish_count

            return self.Finished(finish_count(count_id, reasons, staff=_staff(app)))

        run_db(self, finish, group="count-finish")

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        count = event.count
        self.count_id, self.tally = None, None
        self.query_one(DataTable).clear()
        self.query_one("#count-figures", Static).update("")
        self.query_one("#count-status", Static).update(
            f"Count #{count.id} finished · accuracy {count.accuracy_bp / 100:.2f} %"
        )
        self.query_one("#count-last", Static).update("Scan a location's code to count it.")
