"""The holds screen on a real shop file: see the customer's phone, release with a confirmation."""

from __future__ import annotations

from textual.widgets import DataTable, Static
from tui_helpers import shop_app

from jeweltui.models import Hold
from jeweltui.screens.holds import ConfirmScreen, HoldsScreen
from jeweltui.services import holds


async def _wait_rows(pilot, screen: HoldsScreen, count: int) -> DataTable:
    table = screen.query_one(DataTable)
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if table.row_count == count:
            break
    return table


async def test_release_key_and_confirm_release_the_hold_in_the_database(shop, db_path):
    hold = holds.place_hold(shop["rings"][0], staff=shop["owner"], customer=shop["customer"])
    holds.place_hold(shop["rings"][1], staff=shop["owner"], customer=shop["customer"], hours=96)
    async with shop_app(db_path, HoldsScreen()) as pilot:
        app = pilot.app
        screen = app.screen
        assert isinstance(screen, HoldsScreen)
        table = await _wait_rows(pilot, screen, 2)
        assert table.get_row_at(0)[1] == "R-000001"
        contact = str(screen.query_one("#contact", Static).render())
        assert "Maria Rossi" in contact and "+39 055 123" in contact
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await _wait_rows(pilot, screen, 1)
        assert Hold.get_by_id(hold.id).closed_reason == "released"
        assert table.get_row_at(0)[1] == "R-000002"


async def test_saying_no_keeps_the_hold_and_e_extends_it(shop, db_path):
    hold = holds.place_hold(shop["rings"][0], staff=shop["owner"], customer=shop["customer"])
    async with shop_app(db_path, HoldsScreen()) as pilot:
        app = pilot.app
        screen = app.screen
        await _wait_rows(pilot, screen, 1)
        await pilot.press("r", "n")
        assert app.screen is screen
        assert Hold.get_by_id(hold.id).closed_at is None
        await pilot.press("e")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        extended = Hold.get_by_id(hold.id)
        assert (extended.expires_at - hold.expires_at).total_seconds() == 24 * 3600


async def test_the_released_tab_lists_released_holds(shop, db_path):
    hold = holds.place_hold(shop["rings"][0], staff=shop["owner"], customer=shop["customer"])
    holds.release_hold(hold.id, staff=shop["owner"])
    async with shop_app(db_path, HoldsScreen()) as pilot:
        app = pilot.app
        screen = app.screen
        await _wait_rows(pilot, screen, 0)
        screen.query_one("#views").active = "released"
        table = await _wait_rows(pilot, screen, 1)
        assert table.get_row_at(0)[6] == "released"
