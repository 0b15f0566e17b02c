"""Channel rules: what the webshop may offer. Excluded categories and pieces, sellable
locations only, safety stock and the hidden last unit; the word answer and the SQL list
filter agree for random shops."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jeweltui import clock
from jeweltui.db import open_database
from jeweltui.errors import InvalidInput, UnknownCode
from jeweltui.models import LOCATION_KINDS, Hold, Location, Movement, Piece
from jeweltui.models.channels import Channel, ChannelExclusion
from jeweltui.services import availability, channel_rules, items, moves, pieces
from jeweltui.services.availability import available, available_condition
from jeweltui.services.channel_rules import available_qty, offer_qty
from jeweltui.services.locations import create_location
from jeweltui.services.staff import ensure_owner


def fresh(piece: Piece) -> Piece:
    return Piece.get_by_id(piece.id)


def listed(channel: str | None) -> set[str]:
    query = Piece.select(Piece.stock_no).join(Location).where(available_condition(channel=channel))
    return {p.stock_no for p in query}


@pytest.fixture
def watch(shop):
    return pieces.create_piece(
        {"title": "Steel diver", "sku": "WAT-DIV-01", "category": "watch", "retail_cents": "900"},
        location="L-CASE-B",
        staff=shop["owner"],
    )


def test_an_excluded_category_is_off_that_channel_only(shop, watch):
    owner = shop["owner"]
    channel_rules.create_channel("shopify", "Webshop", staff=owner, exclude_categories=["watch"])
    verdict = available(watch, "shopify")
    assert not verdict and verdict.reason == "W-000001 is excluded from shopify (category watch)"
    assert available(watch) and available(watch, "store")
    assert "W-000001" not in listed("shopify") and "W-000001" in listed(None)
    assert "R-000001" in listed("shopify")


def test_one_piece_can_be_kept_off_a_channel_and_let_back_on(shop):
    owner, ring = shop["owner"], shop["rings"][1]
    channel_rules.create_channel("shopify", "Webshop", staff=owner)
    channel_rules.exclude("shopify", staff=owner, piece=ring, reason="photo pending")
    channel_rules.exclude("shopify", staff=owner, piece=ring)  # twice is still once
    assert ChannelExclusion.select().count() == 1
    assert available(ring, "shopify").reason == "R-000002 is excluded from shopify (this piece)"
    assert listed("shopify") == {"R-000001", "R-000003"}
    assert channel_rules.include("shopify", staff=owner, piece=ring) == 1
    assert available(ring, "shopify")


def test_a_channel_sells_only_from_sellable_locations_unless_told(shop):
    owner, ring = shop["owner"], shop["rings"][0]
    channel_rules.create_channel("shopify", "Webshop", staff=owner)
    channel_rules.create_channel("b2b", "Trade", staff=owner, sellable_only=False)
    moves.move_pieces([ring.stock_no], "L-SAFE", staff=owner)
    assert available(fresh(ring), "shopify").reason == (
        "R-000001 is in Safe, which is not a sellable location"
    )
    assert available(fresh(ring), "b2b")
    assert "R-000001" in listed("b2b") and "R-000001" not in listed("shopify")
    moves.move_pieces([ring.stock_no], "L-BENCH", staff=owner)
    assert available(fresh(ring), "b2b").reason == "R-000001 is away: in Repair bench"
    assert "R-000001" not in listed("b2b")


def test_an_unconfigured_channel_follows_the_plain_rule(shop):
    assert available(shop["rings"][0], "ebay")
    assert listed("ebay") == listed(None)
    with pytest.raises(UnknownCode, match="No channel 'ebay'"):
        channel_rules.find_channel("ebay")


def test_bad_channel_input_is_refused_and_nothing_is_written(shop):
    owner = shop["owner"]
    before = Movement.select().count()
    with pytest.raises(InvalidInput, match="not a channel code"):
        channel_rules.create_channel("web shop!", "Webshop", staff=owner)
    with pytest.raises(InvalidInput, match="counter itself"):
        channel_rules.create_channel("store", "Store", staff=owner)
    with pytest.raises(InvalidInput, match="cannot be negative"):
        channel_rules.create_channel("shopify", "Webshop", staff=owner, safety={"chain": -1})
    channel_rules.create_channel("shopify", "Webshop", staff=owner)
    with pytest.raises(InvalidInput, match="exists already"):
        channel_rules.create_channel("Shopify", "Webshop again", staff=owner)
    assert Channel.select().count() == 1
    assert Movement.select().count() == before + 1


def test_the_counter_and_the_channels_share_the_list_of_kinds_that_are_away():
    assert availability.AWAY_KINDS == channel_rules.AWAY_KINDS


# --- quantity items: the rule table -----------------------------------------------------

CASES = [
    # on hand, safety stock, hide last unit, min qty → offered
    (0, 0, False, 0, 0),
    (5, 0, False, 0, 5),
    (1, 0, True, 0, 0),
    (2, 0, True, 0, 1),
    (5, 0, True, 0, 4),
    (5, 2, False, 0, 3),
    (2, 2, False, 0, 0),
    (1, 3, False, 0, 0),
    (5, 2, True, 0, 3),  # the safety stock already keeps the last unit back
    (5, 0, False, 6, 0),
    (6, 0, False, 6, 6),
    (8, 2, True, 6, 6),
    (7, 2, True, 6, 0),
]


@pytest.mark.parametrize(("on_hand", "kept", "hide", "min_qty", "offered"), CASES)
def test_channel_quantity_for_a_table_of_cases(shop, on_hand, kept, hide, min_qty, offered):
    owner = shop["owner"]
    assert offer_qty(on_hand, kept_back=kept, hide_last_unit=hide, min_qty=min_qty) == offered
    item = items.create_item(
        {"sku": "CHN-BOX-45", "title": "Box chain 45 cm", "category": "chain"}, staff=owner
    )
    if on_hand:
        items.adjust_quantity("CHN-BOX-45", "L-CASE-A", on_hand, staff=owner, reason="count")
    channel_rules.create_channel(
        "shopify",
        "Webshop",
        staff=owner,
        hide_last_unit=hide,
        min_qty=min_qty,
        safety={"chain": kept} if kept else {},
    )
    qty, reason = available_qty(item, "shopify")
    assert qty == offered
    assert bool(reason) == (offered == 0)
    assert available_qty(item, None).qty == on_hand


def test_only_units_at_sellable_locations_count_and_the_reasons_are_in_words(shop):
    owner = shop["owner"]
    item = items.create_item(
        {"sku": "EAR-STD-4", "title": "Studs 4 mm", "category": "earrings"}, staff=owner
    )
    items.adjust_quantity("EAR-STD-4", "L-SAFE", 10, staff=owner, reason="count")
    channel_rules.create_channel("shopify", "Webshop", staff=owner, safety={"earrings": 2})
    channel_rules.create_channel("b2b", "Trade", staff=owner, sellable_only=False)
    assert tuple(available_qty(item, "shopify")) == (0, "no EAR-STD-4 at sellable locations")
    assert available_qty(item, "b2b").qty == 10
    items.adjust_quantity("EAR-STD-4", "L-CASE-A", 2, staff=owner, reason="count")
    assert available_qty(item, "shopify").reason == (
        "2 EAR-STD-4 in stock, 2 kept back from shopify (safety stock for earrings)"
    )
    items.adjust_quantity("EAR-STD-4", "L-CASE-B", 3, staff=owner, reason="count")
    assert tuple(available_qty(item, "shopify")) == (3, "")
    channel_rules.exclude("shopify", staff=owner, category="earrings")
    assert available_qty(item, "shopify").reason == (
        "EAR-STD-4 is excluded from shopify (category earrings)"
    )


def test_hide_last_unit_says_why_nothing_is_offered(shop):
    owner = shop["owner"]
    item = items.create_item(
        {"sku": "CHN-ROL-50", "title": "Rolo 50", "category": "chain"}, staff=owner
    )
    items.adjust_quantity("CHN-ROL-50", "L-CASE-A", 1, staff=owner, reason="count")
    channel_rules.create_channel("shopify", "Webshop", staff=owner, hide_last_unit=True)
    assert available_qty(item, "shopify").reason == (
        "1 CHN-ROL-50 in stock: the last unit is kept back from shopify"
    )


# --- the word answer and the SQL filter agree, for random shops --------------------------

NOW = datetime(2026, 12, 12, 17, 30, tzinfo=UTC)
CATEGORIES = ("ring", "watch", "pendant")

shop_pieces = st.lists(
    st.fixed_dictionaries(
        {
            "category": st.sampled_from(CATEGORIES),
            "location": st.integers(0, 3),
            "hold_ends_in": st.one_of(st.none(), st.sampled_from([-1, 0, 1, 3600])),
            "excluded": st.booleans(),
            "status": st.sampled_from(["in_stock", "in_stock", "sold", "retired"]),
        }
    ),
    min_size=1,
    max_size=6,
)
channel_setups = st.fixed_dictionaries(
    {"sellable_only": st.booleans(), "excluded_categories": st.sets(st.sampled_from(CATEGORIES))}
)
location_kinds = st.lists(
    st.tuples(st.sampled_from(LOCATION_KINDS), st.booleans()), min_size=4, max_size=4
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kinds=location_kinds, setup=channel_setups, specs=shop_pieces)
def test_available_agrees_with_its_sql_twin_for_every_channel(kinds, setup, specs):
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(Path(folder) / "shop.db", create=True)
        clock.set_clock(lambda: NOW)
        try:
            made = _build(kinds, setup, specs)
            for channel in (None, "store", "web", "unknown"):
                words = {p.stock_no for p in made if available(fresh(p), channel)}
                assert words == listed(channel), channel
        finally:
            clock.set_clock(None)
            database.close()


def _build(kinds, setup, specs) -> list[Piece]:
    owner = ensure_owner()
    locations = [
        create_location(
            {"code": f"L-{n}", "name": f"Place {n}", "kind": kind, "sellable": sellable},
            staff=owner,
        )
        for n, (kind, sellable) in enumerate(kinds)
    ]
    channel_rules.create_channel(
        "web",
        "Web",
        staff=owner,
        sellable_only=setup["sellable_only"],
        exclude_categories=setup["excluded_categories"],
    )
    made = []
    for spec in specs:
        piece = pieces.create_piece(
            {"title": "x", "sku": "ABC-1", "category": spec["category"]},
            location=locations[spec["location"]].code,
            staff=owner,
        )
        Piece.update(status=spec["status"]).where(Piece.id == piece.id).execute()
        if spec["hold_ends_in"] is not None:
            Hold.create(
                piece=piece,
                channel="web",
                kind="reservation",
                placed_at=NOW - timedelta(hours=1),
                expires_at=NOW + timedelta(seconds=spec["hold_ends_in"]),
            )
        if spec["excluded"]:
            channel_rules.exclude("web", staff=owner, piece=piece)
        made.append(piece)
    return made
