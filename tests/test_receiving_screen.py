"""The receiving preview screen on a real shop file: bad rows by line, nothing until asked."""

from __future__ import annotations

import csv

from textual.app import App
from textual.widgets import DataTable

from jeweltui.db import open_database
from jeweltui.models import Piece
from jeweltui.screens.vendors_receiving import ReceivingScreen
from jeweltui.services.vendors import create_vendor


class ReceivingApp(App):
    def __init__(self, db_path, screen) -> None:
        super().__init__()
        self.db_path, self.first = db_path, screen
        self.staff = None

    def on_mount(self) -> None:
        open_database(self.db_path)
        self.push_screen(self.first)


async def settle(pilot) -> None:
    for _ in range(5):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def test_preview_lists_bad_rows_and_receives_only_when_asked(shop, owner, db_path, tmp_path):
    create_vendor({"name": "Goldhaus"}, staff=owner)
    path = tmp_path / "invoice.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Style", "Description", "Category", "Cost"])
        writer.writerows(
            [
                ["A-1", "Band", "wedding_band", "100.00"],
                ["A-2", "Tiara", "tiara", "90.00"],
                ["A-3", "Studs", "earrings", "-5"],
                ["A-4", "Ring", "ring", "200.00"],
            ]
        )
    before = Piece.select().count()
    screen = ReceivingScreen(path, "V-001", markup="2", location="L-SAFE")
    async with ReceivingApp(db_path, screen).run_test() as pilot:
        await settle(pilot)
        problems = screen.query_one("#problems", DataTable)
        assert [problems.get_row_at(i)[0] for i in range(problems.row_count)] == ["3", "4"]
        assert "tiara" in problems.get_row_at(0)[1]
        rows = screen.query_one("#rows", DataTable)
        assert rows.get_row_at(1)[:2] == ["5", "V-001-A-4"]
        await pilot.press("f5")
        await settle(pilot)
        assert Piece.select().count() == before
        await pilot.press("f6")
        await settle(pilot)
        assert Piece.select().count() == before + 2
        assert screen.result is not None and len(screen.result.pieces) == 2
