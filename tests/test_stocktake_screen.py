"""The stocktake screen in the real app, fed raw key events at scanner speed."""

from __future__ import annotations

import pytest
from count_helpers import build_case_shop
from textual import events
from textual.keys import _character_to_key
from textual.widgets import Static

from jeweltui.models.stocktake import StockCount
from jeweltui.screens.app import make_app
from jeweltui.screens.stocktake import StocktakeScreen
from jeweltui.services.pieces import find_piece


@pytest.fixture
def case_shop(shop):
    return build_case_shop(shop)


def scanner_types(app, code: str) -> None:
    """Every key of one scan posted at once, no await in between: a scanner's burst."""
    for char in code:
        app.post_message(events.Key(_character_to_key(char), char))
    app.post_message(events.Key("enter", "\r"))


async def settle(pilot, screen: StocktakeScreen, resolved: int) -> None:
    for _ in range(3000):
        await pilot.pause(0.01)
        if screen.resolved >= resolved and screen.idle:
            break
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def text(app, widget_id: str) -> str:
    return str(app.screen.query_one(widget_id, Static).render())


SCANS = ["L-CASE-A", "R-000001", "r-000002", "old-4471", "R-000006"]
SCANS += ["STUD-5MM"] * 8 + ["chain-45"] * 4


async def test_a_case_counted_at_scanner_speed_resumes_and_finishes_by_keyboard(case_shop, db_path):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f11")
        screen = app.screen
        assert isinstance(screen, StocktakeScreen)
        await settle(pilot, screen, 1)  # the resume job: no count open yet
        for code in SCANS:
            scanner_types(app, code)
        await settle(pilot, screen, 1 + len(SCANS))
        assert text(app, "#count-figures") == (
            "Found 3   Missing 2   Unexpected 1   Quantities 2 (1 off)"
        )
        scanner_types(app, "R-000005")
        await settle(pilot, screen, 2 + len(SCANS))
        await pilot.press("delete")  # a mistaken scan, taken back
        await settle(pilot, screen, 3 + len(SCANS))
        assert "Missing 2" in text(app, "#count-figures")

    # Closed half way: the next session finds the count with its scans.
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f11")
        screen = app.screen
        await settle(pilot, screen, 1)
        assert text(app, "#count-status").startswith("Count #1 · L-CASE-A · 16 scans")
        assert "Missing 2   Unexpected 1" in text(app, "#count-figures")
        await pilot.press("f10")
        await pilot.pause()
        # R-000004 lost, R-000005 moved to the safe, R-000006 found, studs lost; then yes.
        await pilot.press("1", "4")
        await pilot.press(*"l-safe", "enter")
        await pilot.press("1", "1")
        await pilot.press("y")
        await settle(pilot, screen, 1)
        assert "finished · accuracy 50.00 %" in text(app, "#count-status")
    count = StockCount.get_by_id(1)
    assert (count.status, count.accuracy_bp) == ("finished", 5000)
    assert find_piece("R-000004").status == "retired"
    assert find_piece("R-000005").location.code == "L-SAFE"
    assert find_piece("R-000006").location.code == "L-CASE-A"


async def test_an_unknown_scan_is_said_and_counts_nothing(case_shop, db_path):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f11")
        screen = app.screen
        await settle(pilot, screen, 1)
        for code in ("L-CASE-A", "R-999999", "R-000001"):
            scanner_types(app, code)
        await settle(pilot, screen, 4)
        assert text(app, "#count-last") == "R-000001 Solitaire ring 1"
        assert screen.tally.scans == 1
        await pilot.press("f10", "escape")  # changed its mind: nothing written
        await settle(pilot, screen, 4)
    assert StockCount.get_by_id(1).status == "open"
