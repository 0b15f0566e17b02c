"""The app's side of the catalog under Pilot at 80×24: the piece screen's stones table
(add, edit, remove with a confirmation)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from textual.widgets import DataTable, Input

from jeweltui.cli import main
from jeweltui.screens.app import make_app
from jeweltui.screens.piece_detail import PieceDetailScreen
from jeweltui.screens.stone_form import StoneFormScreen
from jeweltui.services.pieces import find_piece
from tests.tui_helpers import settle, type_text

SIZE = (80, 24)


def cli(db_path: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db_path), *args], env={"JEWELTUI_STAFF": ""})
    assert result.exit_code == 0, result.output
    return result.output


async def type_into(pilot, screen, field: str, text: str) -> None:
    box = screen.query_one(f"#{field}", Input)
    box.focus()
    await pilot.press("ctrl+u")
    await type_text(pilot, text)


async def test_the_piece_screen_adds_edits_and_removes_stone_rows(shop, db_path):
    ring = shop["rings"][1].stock_no
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(PieceDetailScreen(ring))
        await settle(pilot)
        detail = app.screen
        await pilot.press("s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, StoneFormScreen)
        await type_into(pilot, form, "type", "diamond")
        await type_into(pilot, form, "carat", "1/2 ct")
        await type_into(pilot, form, "clarity", "VS1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is detail
        table = detail.query_one("#stones", DataTable)
        assert [str(c) for c in table.get_row_at(0)][:4] == ["1", "diamond", "", "0.50"]
        table.focus()
        await pilot.press("ctrl+e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, StoneFormScreen)
        await type_into(pilot, form, "clarity", "VS2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [str(c) for c in table.get_row_at(0)][6] == "VS2"
        table.focus()
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("escape")  # the confirmation: no, nothing removed
        await settle(pilot)
        assert table.row_count == 1
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert table.row_count == 0
    from jeweltui.models import Movement

    piece = find_piece(ring)
    actions = [m.action for m in Movement.select().where(Movement.piece == piece.id)]
    assert actions[-3:] == ["stone_add", "stone_edit", "stone_remove"]
