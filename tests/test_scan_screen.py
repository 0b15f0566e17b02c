"""The scan screen under a simulated scanner: keys posted back to back, as a scanner types."""

from __future__ import annotations

import asyncio

from scan_helpers import add_rings, ledger_count, random_junk, where
from textual.screen import Screen
from textual.widgets import DataTable, Static
from tui_helpers import TERMINATOR_KEYS, count_bells, scanner_types, shop_app, wait_until

from jeweltui.screens.piece_detail import PieceDetailScreen
from jeweltui.screens.pieces import PiecesScreen
from jeweltui.screens.scan import ScanScreen
from jeweltui.screens.widgets.scan_input import ScanInput


async def settle(pilot, screen: ScanScreen, resolved: int) -> None:
    """Wait until the screen has answered `resolved` scans and its queue is empty."""
    await wait_until(pilot, lambda: screen.resolved >= resolved and screen.idle)


async def settle_burst(pilot, screen: ScanScreen) -> None:
    """Until a burst of unknown length is answered: idle, and no new answer for a while."""
    last, quiet = -1, 0

    def quiet_now() -> bool:
        nonlocal last, quiet
        quiet = quiet + 1 if screen.idle and screen.resolved == last else 0
        last = screen.resolved
        return quiet >= 100 and last > 0

    await wait_until(pilot, quiet_now)


def batch_column(screen: Screen, column: int = 0) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(n)[column]) for n in range(table.row_count)]


def status(screen: Screen, line: str = "#status") -> str:
    return str(screen.query_one(line, Static).render())


async def test_two_hundred_fast_scans_land_in_order(shop, db_path):
    codes = add_rings(shop["owner"], 200)
    async with shop_app(db_path, ScanScreen()) as pilot:
        app, bells = pilot.app, count_bells(pilot)
        screen = app.screen
        await pilot.pause()
        terminators = list(TERMINATOR_KEYS)
        for n, code in enumerate(codes):
            scanner_types(app, code, terminators[n % 3])
            if n % 25 == 24:
                await asyncio.sleep(0.005)  # the next burst comes while these resolve
        await settle(pilot, screen, 200)
        assert batch_column(screen) == codes
        assert screen.peak_backlog > 1  # scans queued while earlier ones were resolving
        assert isinstance(app.focused, ScanInput) and app.focused.value == ""
        assert len(bells) == 0


async def test_fifty_with_one_unknown_commit_together_on_done(shop, db_path):
    codes = add_rings(shop["owner"], 49)
    async with shop_app(db_path, ScanScreen()) as pilot:
        app, bells = pilot.app, count_bells(pilot)
        screen = app.screen
        scans = ["L-CASE-B", *codes[:20], "R-NOSUCH", *codes[20:]]
        for code in scans:
            scanner_types(app, code)
        await settle(pilot, screen, len(scans))
        assert len(bells) == 1
        assert status(screen, "#refused") == "✗ R-NOSUCH: unknown code R-NOSUCH"
        assert len(batch_column(screen)) == 49
        before = ledger_count()
        await pilot.press("f10")
        await settle(pilot, screen, len(scans))
        assert ledger_count() == before + 49
        assert {where(code) for code in codes} == {"L-CASE-B"}
        assert batch_column(screen) == [] and "moved 49 to Case B" in status(screen)
        assert status(screen, "#refused") == ""


async def test_deleting_a_mistaken_row_leaves_that_piece_where_it_was(shop, db_path):
    async with shop_app(db_path, ScanScreen()) as pilot:
        app = pilot.app
        screen = app.screen
        for code in ("L-SAFE", "R-000001", "R-000002", "R-000003"):
            scanner_types(app, code)
        await settle(pilot, screen, 4)
        await pilot.press("up")  # the cursor sits on the last scan; up to R-000002
        await pilot.press("delete")
        await settle(pilot, screen, 4)
        assert batch_column(screen) == ["R-000001", "R-000003"]
        scanner_types(app, "L-SAFE")  # the location again: commit
        await settle(pilot, screen, 5)
        assert [where(f"R-00000{n}") for n in (1, 2, 3)] == ["L-SAFE", "L-CASE-A", "L-SAFE"]
        assert isinstance(app.focused, ScanInput)


async def test_escape_twice_abandons_and_nothing_moves(shop, db_path):
    async with shop_app(db_path, ScanScreen()) as pilot:
        app = pilot.app
        screen = app.screen
        for code in ("L-SAFE", "R-000001"):
            scanner_types(app, code)
        await settle(pilot, screen, 2)
        before = ledger_count()
        await pilot.press("escape")
        await settle(pilot, screen, 2)
        assert batch_column(screen) == ["R-000001"]  # one Escape only warns
        await pilot.press("escape")
        await settle(pilot, screen, 2)
        assert batch_column(screen) == []
        scanner_types(app, "L-SAFE")
        await settle(pilot, screen, 3)
        assert ledger_count() == before and where("R-000001") == "L-CASE-A"
        assert app.screen is screen


async def test_lookup_mode_names_what_was_scanned_and_opens_it(shop, db_path):
    messages: list = []
    async with shop_app(db_path, ScanScreen(), messages=messages) as pilot:
        app = pilot.app
        screen = app.screen
        await pilot.press("f11")
        scanner_types(app, "*r-000001*", "ctrl+j")
        scanner_types(app, "L-SAFE", "tab")
        await settle(pilot, screen, 2)
        looked_up = [m.target.code for m in messages if isinstance(m, ScanScreen.LookedUp)]
        assert looked_up == ["R-000001", "L-SAFE"]
        assert "In Case A" in status(screen) or "L-SAFE" in status(screen)
        assert batch_column(screen) == [] and ledger_count() > 0
        # The app opened each: the piece, then the location's pieces over it.
        detail, pieces = app.screen_stack[-2:]
        assert isinstance(detail, PieceDetailScreen) and detail.stock_no == "R-000001"
        assert isinstance(pieces, PiecesScreen) and pieces.filters.location == "L-SAFE"


async def test_hundreds_of_random_scans_leave_the_app_running(shop, db_path):
    junk = [text[:80] for text in random_junk(300, seed=11)]
    async with shop_app(db_path, ScanScreen()) as pilot:
        app, bells = pilot.app, count_bells(pilot)
        screen = app.screen
        before = ledger_count()
        for text in junk:
            scanner_types(app, text)
        await settle_burst(pilot, screen)
        assert app.is_running and app.screen is screen
        assert batch_column(screen) == [] and ledger_count() == before
        assert len(bells) == screen.resolved > 0  # every answered scan was refused
        scanner_types(app, "L-SAFE")  # and it still scans
        await settle(pilot, screen, screen.resolved + 1)
        assert "destination Safe" in status(screen)


async def test_a_title_with_brackets_is_shown_as_typed(shop, db_path):
    from jeweltui.services import pieces

    odd = pieces.create_piece(
        {"title": "Ring [b]14K[/b] [/]", "sku": "RNG-ODD-1", "category": "ring"},
        location="L-SAFE",
        staff=shop["owner"],
    )
    async with shop_app(db_path, ScanScreen()) as pilot:
        screen = pilot.app.screen
        scanner_types(pilot.app, odd.stock_no)
        await settle(pilot, screen, 1)
        assert batch_column(screen, 1) == ["Ring [b]14K[/b] [/]"]
