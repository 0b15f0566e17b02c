"""The stock on a past date: rebuilt from the ledger, it equals what the shop saw then."""

from __future__ import annotations

import json
import tempfile
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jeweltui import clock
from jeweltui.cli import main
from jeweltui.db import open_database
from jeweltui.errors import JewelError
from jeweltui.models import Piece
from jeweltui.services import customers, holds, locations, moves, pieces, returns, sales, staff
from jeweltui.services.history_at import parse_moment, piece_at, stock_at
from jeweltui.services.pieces import find_piece
from tests.conftest import FrozenClock

LOCATIONS = ("L-CASE-A", "L-CASE-B", "L-SAFE")


def snapshot() -> dict[int, dict]:
    """What the shop's own tables say right now: the truth a later rebuild must match."""
    return {
        p.id: {"location_id": p.location_id, "status": p.status}
        for p in Piece.select(Piece.id, Piece.location, Piece.status)
    }


def test_a_ring_on_3_may_is_where_it_was_at_its_price_with_its_hold(frozen_clock, shop):
    owner, ring, customer = shop["owner"], shop["rings"][0], shop["customer"]
    frozen_clock.advance(hours=1)
    hold = holds.place_hold(ring, staff=owner, customer=customer, hours=48)
    frozen_clock.advance(hours=1)
    then = clock.now()
    frozen_clock.advance(hours=1)
    holds.extend_hold(hold.id, staff=owner, hours=24)
    holds.release_hold(hold.id, staff=owner)
    moves.move_pieces([ring.stock_no], "L-SAFE", staff=owner)
    pieces.edit_piece(
        find_piece(ring.stock_no), {"retail_cents": "1,450.00"}, staff=owner, reason="repriced"
    )
    sales.sell_pieces([ring.stock_no], staff=owner)

    past = piece_at(find_piece(ring.stock_no), then).record()
    assert past["location"] == "L-CASE-A"
    assert past["status"] == "in_stock"
    assert past["retail_cents"] == 129900
    assert [h["customer"] for h in past["holds"]] == ["Maria Rossi"]
    # Its end as it stood then: 48 hours after it was placed, before the extension.
    assert (
        past["holds"][0]["until"] == (then - timedelta(hours=1) + timedelta(hours=48)).isoformat()
    )
    now = piece_at(find_piece(ring.stock_no), clock.now()).record()
    assert (now["location"], now["status"], now["retail_cents"], now["holds"]) == (
        "L-SAFE",
        "sold",
        145000,
        [],
    )


def test_a_piece_received_later_did_not_exist_yet(frozen_clock, shop):
    then = clock.now()
    frozen_clock.advance(hours=1)
    late = pieces.create_piece(
        {"title": "Late ring", "sku": "RNG-LATE-1", "category": "ring"},
        location="L-CASE-B",
        staff=shop["owner"],
    )
    assert not piece_at(late, then).existed
    assert late.id not in stock_at(then)


def test_the_cli_shows_a_piece_and_the_stock_at_a_past_moment(frozen_clock, shop, db_path):
    owner, rings = shop["owner"], shop["rings"]
    frozen_clock.advance(hours=2)
    then = clock.local(clock.now()).strftime("%Y-%m-%dT%H:%M")
    frozen_clock.advance(hours=1)
    moves.move_pieces([rings[0].stock_no], "L-SAFE", staff=owner)
    sales.sell_pieces([rings[1].stock_no], staff=owner)

    runner = CliRunner()
    shown = runner.invoke(main, ["--db", str(db_path), "piece", "show", "R-000001", "--at", then])
    assert shown.exit_code == 0, shown.output
    assert "Where: L-CASE-A (Case A)" in shown.output and "Status: in stock" in shown.output
    listed = runner.invoke(
        main, ["--db", str(db_path), "stock", "--at", then, "--location", "L-CASE-A", "--json"]
    )
    assert listed.exit_code == 0, listed.output
    assert [r["stock_no"] for r in json.loads(listed.output)] == [r.stock_no for r in rings]
    today = runner.invoke(
        main, ["--db", str(db_path), "stock", "--at", "2099-01-01", "--location", "L-CASE-A"]
    )
    assert "R-000003" in today.output and "R-000001" not in today.output
    bad = runner.invoke(main, ["--db", str(db_path), "stock", "--at", "3 May"])
    assert bad.exit_code == 1 and "is not a date" in bad.output


def test_a_date_alone_means_the_shops_closing_time_that_day():
    closing = clock.local(parse_moment("2026-05-03"))
    assert (closing.day, closing.hour, closing.minute) == (3, 18, 0)


# One step of a random shop history: (what, which piece, which location).
STEP = st.tuples(
    st.sampled_from(["move", "sell", "cancel", "return", "edit", "retire", "receive", "hold"]),
    st.integers(0, 5),
    st.sampled_from(LOCATIONS),
)


def _apply(step, owner, customer) -> None:
    action, index, location = step
    stock = list(Piece.select().order_by(Piece.id))
    piece = stock[index % len(stock)]
    try:
        if action == "move":
            moves.move_pieces([piece.stock_no], location, staff=owner)
        elif action == "sell":
            sales.sell_pieces([piece.stock_no], staff=owner)
        elif action == "cancel":
            line = piece.sale_lines.where(sales.SaleLine.active).first()
            if line:
                sales.cancel_sale(line.sale_id, staff=owner)
        elif action == "return":
            returns.return_piece(piece.stock_no, staff=owner, location=location, reason="too big")
        elif action == "edit":
            pieces.edit_piece(
                piece, {"retail_cents": str(100 + index * 7)}, staff=owner, reason="repriced"
            )
        elif action == "retire":
            pieces.retire_piece(piece, staff=owner, reason="broken")
        elif action == "hold":
            holds.place_hold(piece, staff=owner, customer=customer, hours=1)
        else:
            pieces.create_piece(
                {"title": "New", "sku": f"RNG-NEW-{index}", "category": "ring"},
                location=location,
                staff=owner,
            )
    except JewelError:
        pass  # refused steps (sell a sold piece…) change nothing, as in a real shop


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(before=st.lists(STEP, max_size=12), after=st.lists(STEP, min_size=1, max_size=12))
def test_stock_at_a_past_moment_equals_the_snapshot_taken_then(before, after):
    frozen = FrozenClock()
    clock.set_clock(frozen)
    try:
        with tempfile.TemporaryDirectory() as folder:
            db = open_database(Path(folder) / "shop.db", create=True)
            owner = staff.ensure_owner()
            for code in LOCATIONS:
                locations.create_location({"code": code, "name": code, "kind": "case"}, staff=owner)
            customer = customers.create_customer({"name": "Ada"}, staff=owner)
            for n in range(3):
                pieces.create_piece(
                    {"title": f"Ring {n}", "sku": f"RNG-{n}", "category": "ring"},
                    location="L-CASE-A",
                    staff=owner,
                )
            for step in before:
                frozen.advance(minutes=1)
                _apply(step, owner, customer)
            taken = snapshot()
            moment = clock.now()
            for step in after:
                frozen.advance(minutes=1)
                _apply(step, owner, customer)
            for direction in ("back", "forward"):
                for in_sql in (True, False):
                    assert stock_at(moment, direction=direction, in_sql=in_sql) == taken
            for piece in Piece.select():
                past = piece_at(piece, moment)
                assert past.existed == (piece.id in taken)
                if past.existed:
                    assert past.values["location_id"] == taken[piece.id]["location_id"]
                    assert past.values["status"] == taken[piece.id]["status"]
            db.close()
    finally:
        clock.set_clock(None)


async def test_the_piece_history_has_a_date_field_for_its_past(frozen_clock, shop, db_path):
    from textual.widgets import Static

    from jeweltui.screens.app import make_app
    from jeweltui.screens.piece_detail import PieceDetailScreen
    from tests.tui_helpers import settle, type_text

    owner, ring = shop["owner"], shop["rings"][0]
    frozen_clock.advance(hours=1)
    then = clock.local(clock.now()).strftime("%Y-%m-%d %H:%M")
    frozen_clock.advance(hours=1)
    moves.move_pieces([ring.stock_no], "L-SAFE", staff=owner)
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(PieceDetailScreen(ring.stock_no))
        await settle(pilot)
        await pilot.press("a")
        await type_text(pilot, then)
        await pilot.press("enter")
        await settle(pilot)
        line = str(app.screen.query_one("#as-at", Static).render())
        assert line.startswith("At ") and "in Case A, in stock, €1,299.00." in line
