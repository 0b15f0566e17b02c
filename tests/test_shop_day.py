"""A shop's day through the services: receive, move, hold, sell, cancel — on a real file."""

from __future__ import annotations

import pytest

from jeweltui.errors import AlreadySold, InvalidInput, NotAvailable, UnknownCode
from jeweltui.models import Movement, Piece
from jeweltui.services import holds, ledger, moves, pieces, sales
from jeweltui.services.availability import available, describe_state
from jeweltui.services.pieces import find_piece


def test_a_new_ring_gets_a_category_stock_number_and_is_available(shop):
    ring = shop["rings"][0]
    assert ring.stock_no == "R-000001"
    assert ring.retail_cents == 129900
    assert available(ring).ok
    assert describe_state(ring) == "In Case A, available"


def test_scan_case_b_and_three_rings_they_are_in_case_b(shop):
    codes = [r.stock_no.lower() for r in shop["rings"]]  # scanners send lower case too
    result = moves.move_pieces(codes, "case-b", staff=shop["owner"])
    assert [p.stock_no for p in result.moved] == [r.stock_no for r in shop["rings"]]
    assert {find_piece(c).location.code for c in codes} == {"L-CASE-B"}


def test_a_batch_with_one_unknown_code_moves_nothing(shop):
    codes = [shop["rings"][0].stock_no, "R-999999", shop["rings"][1].stock_no]
    before = Movement.select().count()
    with pytest.raises(UnknownCode, match="R-999999"):
        moves.move_pieces(codes, "L-SAFE", staff=shop["owner"])
    assert {find_piece(r.stock_no).location.code for r in shop["rings"]} == {"L-CASE-A"}
    assert Movement.select().count() == before


def test_a_hold_blocks_others_and_expires_on_the_minute_without_a_sweep(shop, frozen_clock):
    ring = shop["rings"][0]
    holds.place_hold(ring, staff=shop["owner"], customer=shop["customer"], hours=2)
    verdict = available(find_piece(ring.stock_no))
    assert not verdict.ok and "on hold for Maria Rossi" in verdict.reason
    with pytest.raises(NotAvailable, match="on hold for Maria Rossi"):
        sales.sell_pieces([ring.stock_no], staff=shop["owner"])
    frozen_clock.advance(hours=2)  # exactly at expires_at the hold stops blocking
    assert available(find_piece(ring.stock_no)).ok


def test_the_customer_on_hold_can_buy_it_and_the_hold_closes(shop):
    ring, maria = shop["rings"][0], shop["customer"]
    hold = holds.place_hold(ring, staff=shop["owner"], customer=maria)
    sales.sell_pieces([ring.stock_no], staff=shop["owner"], customer=maria)
    assert find_piece(ring.stock_no).status == "sold"
    assert holds.Hold.get_by_id(hold.id).closed_reason == "sold"


def test_sold_once_second_sale_refused_cancel_makes_it_available_at_once(shop):
    ring = shop["rings"][0]
    sale = sales.sell_pieces([ring.stock_no], staff=shop["owner"])
    with pytest.raises(AlreadySold, match="already sold"):
        sales.sell_pieces([ring.stock_no], staff=shop["owner"])
    sales.cancel_sale(sale.id, staff=shop["owner"])
    assert available(find_piece(ring.stock_no)).ok


def test_a_sold_piece_cannot_be_moved_or_relocated_by_edit(shop):
    ring = shop["rings"][0]
    sales.sell_pieces([ring.stock_no], staff=shop["owner"])
    with pytest.raises(NotAvailable, match="sold"):
        moves.move_pieces([ring.stock_no], "L-SAFE", staff=shop["owner"])
    with pytest.raises(NotAvailable, match="location cannot change"):
        pieces.edit_piece(find_piece(ring.stock_no), {"location": "L-SAFE"}, staff=shop["owner"])
    assert find_piece(ring.stock_no).location.code == "L-CASE-A"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"retail_cents": "-10.00"}, "retail_cents", "cannot be negative"),
        ({"retail_cents": "12,99.0x"}, "retail_cents", "not an amount"),
        ({"sku": "ring 14k!"}, "sku", "not valid"),
        ({"category": "spaceship"}, "category", "Unknown category"),
        ({"karat": "15"}, "karat", "Karat '15' is not a gold purity"),
        ({"title": "  "}, "title", "needs a title"),
    ],
)
def test_bad_input_names_the_field_and_creates_nothing(shop, fields, field, message):
    good = {"title": "Hoops", "sku": "EAR-HOOP-14Y", "category": "earrings"}
    before = Piece.select().count(), Movement.select().count()
    with pytest.raises(InvalidInput, match=message) as caught:
        pieces.create_piece({**good, **fields}, location="L-CASE-A", staff=shop["owner"])
    assert caught.value.field == field
    assert (Piece.select().count(), Movement.select().count()) == before


def test_unknown_location_creates_nothing(shop):
    before = Piece.select().count()
    with pytest.raises(UnknownCode, match="No location with code L-NOWHERE"):
        pieces.create_piece(
            {"title": "Hoops", "sku": "EAR-HOOP-14Y", "category": "earrings"},
            location="L-NOWHERE",
            staff=shop["owner"],
        )
    assert Piece.select().count() == before


def test_a_retired_pieces_stock_number_is_never_given_out_again(shop):
    last = shop["rings"][-1]
    pieces.retire_piece(last, staff=shop["owner"], reason="scrapped")
    fresh = pieces.create_piece(
        {"title": "Band", "sku": "RNG-BAND-18W", "category": "ring"},
        location="L-CASE-A",
        staff=shop["owner"],
    )
    assert fresh.stock_no == "R-000004"
    with pytest.raises(InvalidInput, match="taken already"):
        pieces.create_piece(
            {"title": "Band", "sku": "RNG-BAND-18W", "category": "ring"},
            location="L-CASE-A",
            staff=shop["owner"],
            stock_no=last.stock_no,
        )


def test_replaying_the_ledger_rebuilds_location_and_status(shop):
    owner, rings = shop["owner"], shop["rings"]
    moves.move_pieces([rings[0].stock_no, rings[1].stock_no], "L-SAFE", staff=owner)
    sale = sales.sell_pieces([rings[2].stock_no], staff=owner)
    moves.move_pieces([rings[0].stock_no], "L-CASE-B", staff=owner)
    sales.cancel_sale(sale.id, staff=owner)
    sales.sell_pieces([rings[1].stock_no], staff=owner, channel="store")
    replayed = ledger.replay()
    for piece in Piece.select():
        assert replayed[piece.id] == ledger.piece_state(piece)
