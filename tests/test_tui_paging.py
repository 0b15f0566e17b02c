"""The pieces browser over a big stock: keyset pages, a count, sorting without gaps."""

from __future__ import annotations

import os

import pytest
from rich.text import Text
from textual.widgets import Static

from jeweltui.models import Piece
from jeweltui.screens.app import make_app
from jeweltui.screens.pieces import PiecesScreen
from jeweltui.screens.widgets.piece_table import PieceTable
from jeweltui.services.locations import create_location
from tests.tui_helpers import fill_pieces, settle, type_text

FULL = os.environ.get("JEWELTUI_STRESS") == "full"


def status(screen: PiecesScreen) -> str:
    return Text.from_markup(str(screen.query_one("#status", Static).content)).plain


async def page_through(db_path, count: int) -> None:
    fill_pieces(count)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PiecesScreen)
        total = f"{count:,}"
        assert status(screen).startswith(f"1–200 of {total}")
        table = screen.query_one(PieceTable)
        first_page = list(table.stock_numbers)
        assert table.row_count == 200

        table.focus()
        await pilot.press("pagedown")
        await settle(pilot)
        assert status(screen).startswith(f"201–400 of {total}")
        second_page = list(table.stock_numbers)
        assert first_page[-1] < second_page[0]

        await pilot.press("pageup")
        await settle(pilot)
        assert status(screen).startswith(f"1–200 of {total}")
        assert table.stock_numbers == first_page

        # Sorted by price, pages continue exactly where the last one ended (ties included).
        await pilot.press("ctrl+o", "ctrl+o")
        await settle(pilot)
        assert "sorted by price" in status(screen)
        by_price = list(table.stock_numbers)
        await pilot.press("pagedown")
        await settle(pilot)
        by_price += table.stock_numbers
        expected = [
            p.stock_no
            for p in Piece.select(Piece.stock_no)
            .order_by(Piece.retail_cents, Piece.stock_no)
            .limit(400)
        ]
        assert by_price == expected

        # Typing narrows the count as well as the page.
        screen.query_one("#search").focus()
        await type_text(pilot, "style 996 ")
        await settle(pilot)
        matching = Piece.select().where(Piece.title ** "%style 996 %").count()
        assert status(screen).startswith(f"1–{min(200, matching)} of {matching:,}")


@pytest.fixture
def big_shop_case(owner):
    create_location({"code": "L-CASE-A", "name": "Case A"}, staff=owner)


async def test_paging_a_big_stock_shows_where_you_are(big_shop_case, db_path):
    await page_through(db_path, 20_000)


@pytest.mark.slow
@pytest.mark.skipif(not FULL, reason="JEWELTUI_STRESS=full runs the 100k version")
async def test_paging_one_hundred_thousand_pieces(big_shop_case, db_path):
    await page_through(db_path, 100_000)
