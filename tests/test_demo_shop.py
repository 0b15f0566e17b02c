"""The demo shop a new user opens first: loaded through the services, with photos."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from jeweltui.demo import demo_piece_count, load_demo
from jeweltui.models import Movement, Piece
from jeweltui.screens.app import make_app
from jeweltui.screens.piece_detail import PieceDetailScreen
from jeweltui.services.pieces import find_piece
from tests.tui_helpers import settle


def test_the_demo_shop_loads_every_piece_with_its_ledger(db):
    count = load_demo()
    assert count == demo_piece_count() == Piece.select().count()
    created = Movement.select().where(Movement.action == "create").count()
    assert created == count  # every piece entered through the service, with its ledger row


async def test_a_demo_watch_shows_its_photo_on_the_piece_screen(db, db_path):
    load_demo()
    watch = find_piece("W-000001")
    assert Path(watch.image_path).is_file()
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(PieceDetailScreen("W-000001"))
        await settle(pilot)
        photo = app.screen.query_one("#photo")
        assert not isinstance(photo, Static), "the photo fell back to text"
