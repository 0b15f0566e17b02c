"""Receiving preview: a vendor's file, row by row, with every bad row by line number.

Nothing is received until the file is clean (F5), unless the user explicitly receives
only the good rows (F6). Planning and receiving run in thread workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from jeweltui.money import format_money
from jeweltui.screens.workers import JobDone, run_db
from jeweltui.services.receiving import (
    ReceiveResult,
    ReceivingPlan,
    label_command,
    plan_receiving,
    receive,
)
from jeweltui.services.staff import staff_row


class ReceivingScreen(Screen):
    CSS_PATH = "vendors_receiving.tcss"
    BINDINGS = [
        Binding("f5", "receive", "Receive all"),
        Binding("f6", "receive_good", "Receive good rows only"),
        Binding("escape", "back", "Back"),
    ]

    @dataclass
    class Planned(JobDone):
        """The file read and checked, row by row; nothing received yet."""

        plan: ReceivingPlan

    @dataclass
    class Received(JobDone):
        result: ReceiveResult

    def __init__(
        self,
        path: str | Path,
        vendor: str,
        *,
        location: str = "L-SAFE",
        markup: str | None = None,
        price_column: str | None = None,
        mapping: str = "default",
    ) -> None:
        super().__init__()
        self.path, self.vendor, self.location = Path(path), vendor, location
        self.options = {"markup": markup, "price_column": price_column, "mapping_name": mapping}
        self.plan: ReceivingPlan | None = None
        self.result: ReceiveResult | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Reading {self.path.name}…", id="summary")
        yield DataTable(id="rows", cursor_type="row", zebra_stripes=True)
        yield Static("Bad rows", id="problems-title")
        yield DataTable(id="problems", cursor_type="row")
        yield Static("", id="status", classes="status-line")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#rows", DataTable).add_columns("Line", "SKU", "Title", "Cost", "Retail")
        self.query_one("#problems", DataTable).add_columns("Line", "Why")
        path, vendor, options = self.path, self.vendor, self.options
        run_db(self, lambda: self.Planned(plan_receiving(path, vendor, **options)), group="plan")

    @on(Planned)
    def show_plan(self, event: Planned) -> None:
        plan = self.plan = event.plan
        rows = self.query_one("#rows", DataTable)
        rows.clear()
        for p in plan.pieces:
            f = p.fields
            rows.add_row(
                str(p.line),
                f["sku"],
                f["title"],
                format_money(f["cost_cents"], f["currency"]),
                format_money(f["retail_cents"], f["currency"]),
            )
        problems = self.query_one("#problems", DataTable)
        problems.clear()
        for problem in plan.problems:
            problems.add_row(str(problem.line), problem.reason)
        problems.display = bool(plan.problems)
        self.query_one("#problems-title").display = bool(plan.problems)
        words = f"{len(plan.pieces)} good row(s)"
        if plan.problems:
            words += f", {len(plan.problems)} bad: fix the file, or F6 to receive only the good"
        self.query_one("#summary", Static).update(words)

    def action_receive(self) -> None:
        if self.plan is None:
            return
        if self.plan.problems:
            self.notify(
                f"{len(self.plan.problems)} bad row(s): nothing received.", severity="error"
            )
            return
        self._receive(good_rows_only=False)

    def action_receive_good(self) -> None:
        if self.plan is not None:
            self._receive(good_rows_only=True)

    def _receive(self, *, good_rows_only: bool) -> None:
        plan, session = self.plan, self.app.session
        self.plan = None  # one receipt per preview: a second key press does nothing

        location = self.location

        def job() -> ReceivingScreen.Received:
            staff = staff_row(session)
            done = receive(plan, location=location, staff=staff, good_rows_only=good_rows_only)
            return self.Received(done)

        run_db(self, job, group="receive", exclusive=False)

    @on(Received)
    def received(self, event: Received) -> None:
        result = self.result = event.result
        numbers = [p.stock_no for p in result.pieces]
        self.query_one("#status", Static).update(
            f"Received {len(numbers)} piece(s). Tags queued: {label_command(numbers)}"
        )
        self.notify(f"Received {len(numbers)} piece(s).")

    def action_back(self) -> None:
        self.dismiss(self.result)
