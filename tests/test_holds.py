"""Holds and reservations on a real shop file, with a frozen clock: a promise to a customer
cuts availability at once, ends on the second, and the sweep only records it."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta

import pytest

from jeweltui.errors import InvalidInput, NotAvailable
from jeweltui.models import Hold, Location, Movement, Piece, Sale, Setting
from jeweltui.services import channel_rules, holds, moves, sales
from jeweltui.services.availability import available, available_condition
from jeweltui.services.pieces import find_piece

TEN_AM = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def fresh(piece: Piece) -> Piece:
    return Piece.get_by_id(piece.id)


def sellable_in_list(piece: Piece, channel: str | None = None) -> bool:
    query = Piece.select().join(Location).where(available_condition(channel=channel))
    return query.where(Piece.id == piece.id).exists()


def counts() -> tuple[int, int]:
    return Hold.select().count(), Movement.select().count()


def test_a_hold_blocks_a_sale_to_others_and_sells_to_its_customer(shop):
    ring, maria, owner = shop["rings"][0], shop["customer"], shop["owner"]
    hold = holds.place_hold(ring, staff=owner, customer=maria, reason="deposit paid")
    with pytest.raises(NotAvailable, match="on hold for Maria Rossi"):
        sales.sell_pieces([ring.stock_no], staff=owner)
    sale = holds.convert_hold_to_sale(hold.id, owner, price="1,100.00", payment_method="card")
    assert fresh(ring).status == "sold"
    assert sale.customer_id == maria.id and sale.payment_method == "card"
    assert [line.price_cents for line in sale.lines] == [110000]
    assert Hold.get_by_id(hold.id).closed_reason == "sold"
    actions = [m.action for m in Movement.select().where(Movement.piece == ring)]
    assert actions[-3:] == ["hold", "sell", "hold_sold"]


def test_expiry_is_exact_to_the_second_without_a_sweep(shop, frozen_clock):
    frozen_clock.current = TEN_AM
    ring = shop["rings"][0]
    holds.place_hold(ring, staff=shop["owner"], customer=shop["customer"], hours=2)
    frozen_clock.current = TEN_AM + timedelta(hours=1, minutes=59)
    assert not available(fresh(ring)) and not sellable_in_list(ring)
    frozen_clock.current = TEN_AM + timedelta(hours=2) - timedelta(seconds=1)
    assert not available(fresh(ring)) and not sellable_in_list(ring)
    frozen_clock.current = TEN_AM + timedelta(hours=2)
    assert available(fresh(ring)) and sellable_in_list(ring)
    frozen_clock.current = TEN_AM + timedelta(hours=2, minutes=1)
    assert available(fresh(ring)) and sellable_in_list(ring)
    assert Movement.select().where(Movement.action == "expire").count() == 0


def test_the_sweep_writes_one_ledger_row_per_expired_hold_once(shop, frozen_clock):
    frozen_clock.current = TEN_AM
    first, second, third = shop["rings"]
    for ring, hours in ((first, 2), (second, 2), (third, 5)):
        holds.place_hold(ring, staff=shop["owner"], customer=shop["customer"], hours=hours)
    frozen_clock.current = TEN_AM + timedelta(hours=2, minutes=5)
    assert holds.sweep_expired_holds() == 2
    expired = Movement.select().where(Movement.action == "expire")
    assert sorted(m.piece_id for m in expired) == [first.id, second.id]
    assert holds.sweep_expired_holds() == 0
    assert expired.count() == 2
    closed = Hold.select().where(Hold.closed_reason == "expired")
    assert {h.closed_at for h in closed} == {TEN_AM + timedelta(hours=2)}
    assert [h.piece_id for h in holds.open_holds()] == [third.id]


def test_a_second_hold_on_a_held_piece_is_refused_and_nothing_is_written(shop):
    ring, owner = shop["rings"][0], shop["owner"]
    holds.place_hold(ring, staff=owner, customer=shop["customer"])
    before = counts()
    with pytest.raises(NotAvailable) as refused:
        holds.place_hold(ring, staff=owner, channel="shopify")
    assert "R-000001 is on hold for Maria Rossi until" in str(refused.value)
    assert "never held twice" in str(refused.value)
    assert counts() == before


def test_a_hold_ending_in_the_past_is_refused_and_nothing_is_written(shop, frozen_clock):
    before = counts()
    with pytest.raises(InvalidInput, match="in the past"):
        holds.place_hold(
            shop["rings"][0],
            staff=shop["owner"],
            customer=shop["customer"],
            until=frozen_clock.current - timedelta(minutes=1),
        )
    with pytest.raises(InvalidInput, match="more than 0 hours"):
        holds.place_hold(shop["rings"][0], staff=shop["owner"], customer=shop["customer"], hours=0)
    assert counts() == before


def test_a_piece_on_the_bench_cannot_be_held_and_says_where_it_is(shop):
    ring = shop["rings"][0]
    moves.move_pieces([ring.stock_no], "L-BENCH", staff=shop["owner"])
    with pytest.raises(NotAvailable, match="R-000001 is away: in Repair bench"):
        holds.place_hold(fresh(ring), staff=shop["owner"], customer=shop["customer"])


def test_a_sold_piece_cannot_be_held(shop):
    ring = shop["rings"][0]
    sales.sell_pieces([ring.stock_no], staff=shop["owner"])
    with pytest.raises(NotAvailable, match="already sold"):
        holds.place_hold(fresh(ring), staff=shop["owner"], customer=shop["customer"])


def test_the_default_length_comes_from_the_shop_setting(shop, frozen_clock):
    hold = holds.place_hold(shop["rings"][0], staff=shop["owner"], customer=shop["customer"])
    assert hold.expires_at == frozen_clock.current + timedelta(hours=48)
    Setting.create(key="hold_default_hours", value="6")
    hold = holds.place_hold(shop["rings"][1], staff=shop["owner"], customer=shop["customer"])
    assert hold.expires_at == frozen_clock.current + timedelta(hours=6)


@pytest.fixture
def rome_time():
    """The shop's local zone is Rome (UTC+1 in December)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Rome"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ")
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_until_is_read_in_local_time_and_a_bare_date_means_closing_time(
    shop, frozen_clock, rome_time
):
    owner, customer = shop["owner"], shop["customer"]
    first = holds.place_hold(
        shop["rings"][0], staff=owner, customer=customer, until="2026-12-12 17:00"
    )
    assert first.expires_at == datetime(2026, 12, 12, 16, 0, tzinfo=UTC)
    second = holds.place_hold(shop["rings"][1], staff=owner, customer=customer, until="2026-12-12")
    assert second.expires_at == datetime(2026, 12, 12, 17, 0, tzinfo=UTC)  # 18:00 in Rome
    with pytest.raises(InvalidInput, match="2026-12-12 18:00"):
        holds.place_hold(shop["rings"][2], staff=owner, customer=customer, until="next friday")
    assert available(shop["rings"][2])


def test_extend_moves_the_end_and_release_frees_the_piece(shop, frozen_clock):
    ring, owner = shop["rings"][0], shop["owner"]
    hold = holds.place_hold(ring, staff=owner, customer=shop["customer"], hours=2)
    extended = holds.extend_hold(hold.id, staff=owner)
    assert extended.expires_at == frozen_clock.current + timedelta(hours=26)
    frozen_clock.advance(hours=3)
    assert not available(fresh(ring))
    holds.release_hold(hold.id, staff=owner)
    assert available(fresh(ring))
    with pytest.raises(InvalidInput, match="closed already"):
        holds.release_hold(hold.id, staff=owner)
    actions = [m.action for m in Movement.select().where(Movement.piece == ring)]
    assert actions[-3:] == ["hold", "extend", "release"]


def test_an_expired_hold_cannot_be_extended_or_sold_from(shop, frozen_clock):
    hold = holds.place_hold(shop["rings"][0], staff=shop["owner"], customer=shop["customer"])
    frozen_clock.advance(hours=48)
    with pytest.raises(NotAvailable, match="expired"):
        holds.extend_hold(hold.id, staff=shop["owner"])
    with pytest.raises(NotAvailable, match="expired"):
        holds.convert_hold_to_sale(hold.id, shop["owner"])
    assert Sale.select().count() == 0


def test_a_new_hold_after_an_unswept_expiry_records_the_expiry_first(shop, frozen_clock):
    ring = shop["rings"][0]
    old = holds.place_hold(ring, staff=shop["owner"], customer=shop["customer"], hours=1)
    frozen_clock.advance(hours=1)
    new = holds.place_hold(fresh(ring), staff=shop["owner"], channel="shopify")
    assert Hold.get_by_id(old.id).closed_reason == "expired"
    assert new.kind == "reservation"
    actions = [m.action for m in Movement.select().where(Movement.piece == ring)]
    assert actions[-2:] == ["expire", "reservation"]


def test_a_reservation_blocks_everyone_and_becomes_the_channels_sale(shop):
    ring, owner = shop["rings"][0], shop["owner"]
    channel_rules.create_channel("shopify", "Webshop", staff=owner)
    held = holds.place_reservation(fresh(ring), "shopify", 24, "#1001", staff=owner)
    verdict = available(fresh(ring))
    assert verdict.reason.startswith("R-000001 is reserved by the shopify channel until")
    assert holds.find_reservation("shopify", "#1001").id == held.id
    sale = holds.convert_hold_to_sale(held.id, owner)
    assert (sale.channel, sale.external_ref, sale.customer_id) == ("shopify", "#1001", None)
    assert Hold.get_by_id(held.id).closed_reason == "sold"


def test_a_hold_says_which_channel_exports_it_leaves(shop):
    owner = shop["owner"]
    channel_rules.create_channel("shopify", "Webshop", staff=owner)
    channel_rules.create_channel("etsy", "Etsy", staff=owner, exclude_categories=["ring"])
    hold = holds.place_hold(shop["rings"][0], staff=owner, customer=shop["customer"])
    assert hold.notices == ["R-000001 is off the Webshop (shopify) export from now"]
    assert not sellable_in_list(shop["rings"][0], "shopify")


def test_holds_ending_today_come_with_the_customers_phone(shop, frozen_clock):
    owner, maria = shop["owner"], shop["customer"]
    holds.place_hold(shop["rings"][0], staff=owner, customer=maria, hours=3)
    holds.place_hold(shop["rings"][1], staff=owner, customer=maria, hours=30)
    today = frozen_clock.current.astimezone().date()
    rows = holds.holds_expiring_on(today)
    assert [(r["stock_no"], r["for"], r["phone"]) for r in rows] == [
        ("R-000001", "Maria Rossi", "+39 055 123")
    ]
    assert [r["stock_no"] for r in holds.holds_expiring_on(today + timedelta(days=1))] == [
        "R-000002"
    ]
    assert holds.holds_expiring_on(date(2020, 1, 1)) == []


def test_the_views_sort_holds_into_active_expired_and_released(shop, frozen_clock):
    owner, maria = shop["owner"], shop["customer"]
    first, second, third = shop["rings"]
    holds.place_hold(first, staff=owner, customer=maria, hours=1)
    released = holds.place_hold(second, staff=owner, customer=maria, hours=5)
    holds.place_hold(third, staff=owner, customer=maria, hours=5)
    holds.release_hold(released.id, staff=owner)
    frozen_clock.advance(hours=2)
    assert [r["stock_no"] for r in holds.hold_rows("active")] == ["R-000003"]
    assert [r["stock_no"] for r in holds.hold_rows("expired")] == ["R-000001"]
    assert [r["state"] for r in holds.hold_rows("released")] == ["released"]
    assert len(holds.hold_rows("all")) == 3
    with pytest.raises(InvalidInput, match="Unknown list"):
        holds.hold_rows("nonsense")


def test_find_hold_by_number_or_by_the_pieces_code(shop):
    hold = holds.place_hold(shop["rings"][0], staff=shop["owner"], customer=shop["customer"])
    assert holds.find_hold(str(hold.id)).id == hold.id
    assert holds.find_hold(f"#{hold.id}").id == hold.id
    assert holds.find_hold("r-000001").id == hold.id
    with pytest.raises(Exception, match="R-000002 has no open hold"):
        holds.find_hold("R-000002")
    assert find_piece("R-000001").id == hold.piece_id
