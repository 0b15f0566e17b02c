"""The receiving preview screen on a real shop file: bad rows by line, nothing until asked."""

from __future__ import annotations

import csv

from textual.widgets import DataTable
from tui_helpers import settle, shop_app

from jeweltui.models import Piece
from jeweltui.screens.vendors_receiving import ReceivingScreen
from jeweltui.services.vendors import create_vendor


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
    async with shop_app(db_path, screen) as pilot:
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
