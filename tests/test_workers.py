"""The one worker discipline, on the real app: results come back as typed messages, in
order for a ScanQueue; a failure is said (toast and status line) and never ends the app."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static
from tui_helpers import settle, shop_app, wait_until

from jeweltui.screens.workers import JobDone, Scan, ScanQueue, run_db
from jeweltui.services.pieces import find_piece


class Probe(Screen):
    """A screen that takes scans and answers each with the piece's title."""

    @dataclass
    class Titled(JobDone):
        title: str

    def __init__(self) -> None:
        super().__init__()
        self.titles: list[str] = []
        self.scans: ScanQueue[Scan] = ScanQueue(self, self.title_of)

    def compose(self) -> ComposeResult:
        yield Static("", id="status")

    def title_of(self, job: Scan) -> Titled:
        if job.code == "BUG":
            raise RuntimeError("a bug in a handler")
        return self.Titled(find_piece(job.code).title)  # in the worker, its own connection

    @on(Titled)
    def titled(self, event: Titled) -> None:
        self.titles.append(event.title)


def toasts(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_scan_queue_answers_in_order_and_outlives_errors_and_bugs(shop, db_path):
    probe = Probe()
    async with shop_app(db_path, probe) as pilot:
        for code in ("R-000001", "R-NOSUCH", "R-000002", "BUG", "R-000003"):
            probe.scans.put(Scan(code))
        await wait_until(pilot, lambda: len(probe.titles) == 3 and probe.scans.idle)
        await settle(pilot)
        assert probe.titles == [f"Solitaire ring {n}" for n in (1, 2, 3)]
        said = toasts(pilot.app)
        assert "No piece with code R-NOSUCH." in said
        assert "Something went wrong: RuntimeError('a bug in a handler')" in said
        assert pilot.app.is_running and pilot.app.screen is probe
        # The last failure is on the screen's status line too, as plain words.
        status = str(probe.query_one("#status", Static).render())
        assert status == "Something went wrong: RuntimeError('a bug in a handler')"


async def test_a_superseded_job_is_dropped_and_the_newest_is_shown(shop, db_path):
    probe = Probe()
    release_first = threading.Event()

    def slow_first() -> Probe.Titled:
        release_first.wait(timeout=30)
        return probe.Titled("stale")

    async with shop_app(db_path, probe) as pilot:
        run_db(probe, slow_first, group="search")
        run_db(probe, lambda: probe.Titled(find_piece("R-000002").title), group="search")
        await wait_until(pilot, lambda: probe.titles != [])
        release_first.set()
        await settle(pilot)
        assert probe.titles == ["Solitaire ring 2"]
