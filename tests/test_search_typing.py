"""Search as you type: a burst of keys makes one query, and a stale query is stopped."""

from __future__ import annotations

import threading
import time

from textual.widgets import Input

from jeweltui.db import Interruptible, open_database
from jeweltui.models import database_proxy
from jeweltui.screens import pieces as pieces_screen
from jeweltui.screens.app import make_app
from jeweltui.screens.pieces import PiecesScreen
from jeweltui.screens.widgets.piece_table import PieceTable
from tests.tui_helpers import settle

SLOW_QUERY = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000)"
    " SELECT count(*) FROM n"
)


async def test_a_burst_of_keys_makes_one_query_for_the_text_typed(shop, db_path, monkeypatch):
    asked: list[str] = []
    real_page = pieces_screen.piece_page

    def counting_page(flt, *args, **kwargs):
        asked.append(flt.text)
        return real_page(flt, *args, **kwargs)

    monkeypatch.setattr(pieces_screen, "piece_page", counting_page)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PiecesScreen)
        asked.clear()
        search = screen.query_one("#search", Input)
        for key in "solitaire ring 2":  # a burst, as a scanner or a quick typist sends it
            search.insert_text_at_cursor(key)
        await settle(pilot)
        assert asked == ["solitaire ring 2"]
        assert screen.query_one(PieceTable).stock_numbers == [shop["rings"][1].stock_no]


def test_a_stale_query_is_interrupted_and_answers_nothing(db_path):
    open_database(db_path, create=True)
    running = Interruptible()
    answers: list = []

    def worker() -> None:
        open_database(db_path)  # the worker's own connection, as a screen's worker has
        answers.append(running.run(lambda: database_proxy.obj.execute_sql(SLOW_QUERY).fetchone()))

    thread = threading.Thread(target=worker)
    thread.start()
    time.sleep(0.3)  # the count is under way
    started = time.monotonic()
    running.interrupt()
    thread.join(30)
    assert not thread.is_alive() and answers == [None]
    assert time.monotonic() - started < 30  # stopped, not finished: 10^8 rows take minutes
