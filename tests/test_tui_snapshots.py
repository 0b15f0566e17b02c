"""Snapshots of the main screens at 80×24 on a fixed shop at a fixed time.

Regenerate after an intended change: python -m pytest tests/test_tui_snapshots.py --snapshot-update
"""

from __future__ import annotations

import time

import pytest
from textual.widgets import Input

from jeweltui.screens.app import make_app
from jeweltui.services import holds
from jeweltui.services.moves import move_pieces
from tests.tui_helpers import settle

SIZE = (80, 24)


@pytest.fixture
def utc(monkeypatch):
    """Local time is UTC here, so the times on screen do not depend on the machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def still_shop(utc, frozen_clock, shop):
    """The small shop at 09:00: one ring on hold until noon, one moved to the safe."""
    rings = shop["rings"]
    holds.place_hold(rings[0], staff=shop["owner"], customer=shop["customer"], hours=3)
    frozen_clock.advance(minutes=5)
    move_pieces([rings[1].stock_no], "L-SAFE", staff=shop["owner"], reason="night safe")
    return shop


async def steady(pilot) -> None:
    await settle(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False  # a blinking cursor would make the pictures differ
    await pilot.pause()


def test_home_snapshot(still_shop, db_path, snap_compare):
    assert snap_compare(make_app(db_path), terminal_size=SIZE, run_before=steady)


def test_pieces_browser_snapshot(still_shop, db_path, snap_compare):
    async def open_pieces(pilot):
        await settle(pilot)
        await pilot.press("f2")
        await steady(pilot)

    assert snap_compare(make_app(db_path), terminal_size=SIZE, run_before=open_pieces)


def test_piece_detail_snapshot(still_shop, db_path, snap_compare):
    async def open_first_ring(pilot):
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("down", "enter")
        await steady(pilot)

    assert snap_compare(make_app(db_path), terminal_size=SIZE, run_before=open_first_ring)
