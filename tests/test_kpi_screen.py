"""The KPI dashboard: its figures on a small shop, and its picture at 100×30 and 80×24.

Regenerate after an intended change: python -m pytest tests/test_kpi_screen.py --snapshot-update
"""

from __future__ import annotations

import time

import pytest
from textual.widgets import Static

from jeweltui.screens.app import make_app
from jeweltui.screens.kpis import KpiScreen
from jeweltui.services import items, sales, stocktake
from tests.tui_helpers import settle


@pytest.fixture
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def kpi_shop(utc, frozen_clock, shop):
    """Three rings at 480.00 cost, one sold; 10 studs at 2.00; Case A counted: 1 stud lost."""
    owner = shop["owner"]
    frozen_clock.advance(days=3)
    sales.sell_pieces([shop["rings"][2].stock_no], staff=owner)
    items.create_item(
        {"sku": "STUD", "title": "Studs", "category": "earrings", "cost": "2"}, staff=owner
    )
    items.adjust_quantity("STUD", "L-CASE-A", 10, staff=owner, reason="received")
    count = stocktake.start_count(["L-CASE-A"], staff=owner)
    for ring in shop["rings"][:2]:
        stocktake.scan(count.id, ring.stock_no)
    stocktake.scan(count.id, "STUD", qty=9)
    stocktake.finish_count(count.id, {"STUD@L-CASE-A": "lost"}, staff=owner)
    return shop


async def open_kpis(pilot) -> None:
    await settle(pilot)
    await pilot.press("k")
    await settle(pilot)


async def test_the_dashboard_shows_the_shop_figures(kpi_shop, db_path):
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_kpis(pilot)
        assert isinstance(app.screen, KpiScreen)
        tile = {s.id: str(s.render()) for s in app.screen.query(".kpi").results(Static)}
        # two rings at 480.00 and 9 studs at 2.00 = 978.00; sold 1 of 3 offered;
        # the count: 2 rings found, studs 9 of 10 → 2 of 3 lines right.
        assert tile["value"] == "€978.00"
        assert tile["sell"] == "33.3 %"
        assert tile["accuracy"] == "66.7 %"
        assert app.screen.figures.weekly_sold[-1] == 1
        await pilot.press("escape")
        assert not isinstance(app.screen, KpiScreen)


def test_kpi_dashboard_snapshot_100x30(kpi_shop, db_path, snap_compare):
    assert snap_compare(make_app(db_path), terminal_size=(100, 30), run_before=open_kpis)


def test_kpi_dashboard_snapshot_80x24(kpi_shop, db_path, snap_compare):
    assert snap_compare(make_app(db_path), terminal_size=(80, 24), run_before=open_kpis)
