"""The scan screen under a simulated scanner: keys posted back to back, as a scanner types."""

from __future__ import annotations

import asyncio

from scan_helpers import add_rings, ledger_count, random_junk, where
from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.widgets import DataTable, Static

from jeweltui.db import open_database
from jeweltui.screens.scan import ScanScreen
from jeweltui.screens.widgets.scan_input import ScanInput

TERMINATOR_KEYS = {"enter": "\r", "ctrl+j": "\n", "tab": "\t"}


class ScanApp(App):
    """The smallest app around the real screen and the real shop database."""

    def __init__(self, db_path, mode: str = "move") -> None:
        super().__init__()
        self.db_path, self.mode_at_start = db_path, mode
        self.staff_code = None
        self.bells = 0
        self.looked_up: list = []

    def on_mount(self) -> None:
        open_database(self.db_path)
        self.push_screen(ScanScreen(mode=self.mode_at_start))

    def bell(self) -> None:
        self.bells += 1

    def on_scan_screen_looked_up(self, message: ScanScreen.LookedUp) -> None:
        self.looked_up.append(message.target)


def scanner_types(app: App, code: str, terminator: str = "enter") -> None:
    """Every key of one scan posted at once, no await in between: a scanner's burst."""
    for char in code:
        app.post_message(events.Key(_character_to_key(char), char))
    app.post_message(events.Key(terminator, TERMINATOR_KEYS[terminator]))


async def settle(pilot, screen: ScanScreen, resolved: int) -> None:
    """Wait until the screen has answered `resolved` scans and its queue is empty."""
    for _ in range(3000):
        await pilot.pause(0.01)
        if screen.resolved >= resolved and screen.idle:
            break
    await pilot.pause()


def batch_column(app: App, column: int = 0) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(table.get_row_at(n)[column]) for n in range(table.row_count)]


def status(app: App, line: str = "#status") -> str:
    return str(app.screen.query_one(line, Static).render())


async def test_two_hundred_fast_scans_land_in_order(shop, db_path):
    codes = add_rings(shop["owner"], 200)
    app = ScanApp(db_path)
    async with app.run_test() as pilot:
        screen = app.screen
        await pilot.pause()
        terminators = list(TERMINATOR_KEYS)
        for n, code in enumerate(codes):
            scanner_types(app, code, terminators[n % 3])
            if n % 25 == 24:
                await asyncio.sleep(0.005)  # the next burst comes while these resolve
        await settle(pilot, screen, 200)
        assert batch_column(app) == codes
        assert screen.peak_backlog > 1  # scans queued while earlier ones were resolving
        assert isinstance(app.focused, ScanInput) and app.focused.value == ""
        assert app.bells == 0


async def test_fifty_with_one_unknown_commit_together_on_done(shop, db_path):
    codes = add_rings(shop["owner"], 49)
    app = ScanApp(db_path)
    async with app.run_test() as pilot:
        screen = app.screen
        scans = ["L-CASE-B", *codes[:20], "R-NOSUCH", *codes[20:]]
        for code in scans:
            scanner_types(app, code)
        await settle(pilot, screen, len(scans))
        assert app.bells == 1
        assert status(app, "#refused") == "✗ R-NOSUCH: unknown code R-NOSUCH"
        assert len(batch_column(app)) == 49
        before = ledger_count()
        await pilot.press("f10")
        await settle(pilot, screen, len(scans))
        assert ledger_count() == before + 49
        assert {where(code) for code in codes} == {"L-CASE-B"}
        assert batch_column(app) == [] and "moved 49 to Case B" in status(app)
        assert status(app, "#refused") == ""


async def test_deleting_a_mistaken_row_leaves_that_piece_where_it_was(shop, db_path):
    app = ScanApp(db_path)
    async with app.run_test() as pilot:
        screen = app.screen
        for code in ("L-SAFE", "R-000001", "R-000002", "R-000003"):
            scanner_types(app, code)
        await settle(pilot, screen, 4)
        await pilot.press("up")  # the cursor sits on the last scan; up to R-000002
        await pilot.press("delete")
        await settle(pilot, screen, 4)
        assert batch_column(app) == ["R-000001", "R-000003"]
        scanner_types(app, "L-SAFE")  # the location again: commit
        await settle(pilot, screen, 5)
        assert [where(f"R-00000{n}") for n in (1, 2, 3)] == ["L-SAFE", "L-CASE-A", "L-SAFE"]
        assert isinstance(app.focused, ScanInput)


async def test_escape_twice_abandons_and_nothing_moves(shop, db_path):
    app = ScanApp(db_path)
    async with app.run_test() as pilot:
        screen = app.screen
        for code in ("L-SAFE", "R-000001"):
            scanner_types(app, code)
        await settle(pilot, screen, 2)
        before = ledger_count()
        await pilot.press("escape")
        await settle(pilot, screen, 2)
        assert batch_column(app) == ["R-000001"]  # one Escape only warns
        await pilot.press("escape")
        await settle(pilot, screen, 2)
        assert batch_column(app) == []
        scanner_types(app, "L-SAFE")
        await settle(pilot, screen, 3)
        assert ledger_count() == before and where("R-000001") == "L-CASE-A"
        assert app.screen is screen


async def test_lookup_mode_names_what_was_scanned(shop, db_path):
    app = ScanApp(db_path)
    async with app.run_test() as pilot:
        screen = app.screen
        await pilot.press("f11")
        scanner_types(app, "*r-000001*", "ctrl+j")
        scanner_types(app, "L-SAFE", "tab")
        await settle(pilot, screen, 2)
        assert [t.code for t in app.looked_up] == ["R-000001", "L-SAFE"]
        assert "In Case A" in status(app) or "L-SAFE" in status(app)
        assert batch_column(app) == [] and ledger_count() > 0


async def test_hundreds_of_random_scans_leave_the_app_running(shop, db_path):
    app = ScanApp(db_path)
    junk = [text[:80] for text in random_junk(300, seed=11)]
    async with app.run_test() as pilot:
        screen = app.screen
        before = ledger_count()
        for text in junk:
            scanner_types(app, text)
        await settle(pilot, screen, 1)
        for _ in range(300):
            if screen.idle:
                break
            await pilot.pause(0.01)
        assert app.is_running and app.screen is screen
        assert batch_column(app) == [] and ledger_count() == before
        assert app.bells == screen.resolved > 0  # every answered scan was refused
        scanner_types(app, "L-SAFE")  # and it still scans
        await settle(pilot, screen, screen.resolved + 1)
        assert "destination Safe" in status(app)


async def test_a_title_with_brackets_is_shown_as_typed(shop, db_path):
    from jeweltui.services import pieces

    odd = pieces.create_piece(
        {"title": "Ring [b]14K[/b] [/]", "sku": "RNG-ODD-1", "category": "ring"},
        location="L-SAFE",
        staff=shop["owner"],
    )
    app = ScanApp(db_path)
    async with app.run_test() as pilot:
        scanner_types(app, odd.stock_no)
        await settle(pilot, app.screen, 1)
        assert batch_column(app, 1) == ["Ring [b]14K[/b] [/]"]
