"""The app's side of the catalog under Pilot at 80×24: a stone and a photo entered on the
piece form, and the piece screen's stones table (add, edit, remove with a confirmation)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader
from textual.widgets import DataTable, Input

from jeweltui.cli import main
from jeweltui.labels.records import tag_data
from jeweltui.screens.app import make_app
from jeweltui.screens.piece_detail import PieceDetailScreen
from jeweltui.screens.piece_form import PieceFormScreen
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


async def test_a_stone_and_a_photo_entered_on_the_piece_form(shop, db_path, tmp_path):
    photo = tmp_path / "ring.png"
    Image.new("RGB", (40, 40), (200, 160, 40)).save(photo)
    ring = shop["rings"][0].stock_no
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(PieceDetailScreen(ring))
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PieceFormScreen)
        for field, text in (
            ("stone_type", "tanzanite"),
            ("stone_shape", "cushion"),
            ("stone_carat", "4.00ct"),
            ("stone_colour", "violet"),
            ("stone_cert", "GIA 5566778"),
            ("photo", str(photo)),
        ):
            await type_into(pilot, form, field, text)
        await pilot.press("ctrl+s")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, PieceDetailScreen)
        rows = [[str(c) for c in detail.query_one("#stones", DataTable).get_row_at(0)]]
        assert rows[0][:4] == ["1", "tanzanite", "cushion", "4.00"]
        assert type(detail.query_one("#photo")).__module__.startswith("textual_image")
    shown = json.loads(cli(db_path, "piece", "show", ring, "--json"))
    assert shown["stones"][0]["cert_no"] == "GIA 5566778"
    assert shown["tag_summary"] == "14K · 4.00ct"
    assert shown["photos"][0]["original"] == "ring.png"
    assert tag_data(find_piece(ring)).stone_line == "4.00ct tanzanite"
    added = cli(db_path, "wo", "add", "--type", "appraisal", "--piece", ring, "--job", "Insure")
    code = added.split()[0]
    cli(db_path, "wo", "appraise", code, "--value", "9,000.00", "--appraiser", "S-OWNER",
        "--metal", "14K yellow gold")  # fmt: skip
    cli(db_path, "wo", "print", code, "--appraisal", str(tmp_path / "a.pdf"))
    text = " ".join("".join(p.extract_text() for p in PdfReader(tmp_path / "a.pdf").pages).split())
    assert "tanzanite, cushion, 4.00ct, violet, cert GIA 5566778" in text


async def test_a_bad_carat_on_the_form_shows_at_its_field_and_saves_nothing(shop, db_path):
    ring = shop["rings"][0].stock_no
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(PieceDetailScreen(ring))
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        await type_into(pilot, form, "stone_type", "diamond")
        await type_into(pilot, form, "stone_carat", "lots")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "Carat weight 'lots'" in form.field_named("stone_carat").error
    assert json.loads(cli(db_path, "piece", "show", ring, "--json"))["stones"] == []


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
