"""Per-channel rules: what a webshop or marketplace may offer, and why not.

A channel never sees more than the counter could sell, and less when its rules say so:
stock only at sellable locations (by default), nothing excluded (per piece, item or
category), a safety stock per item category kept back for the shop, the last unit
hidden, and a minimum quantity before an item is listed at all.

This module does not import availability (availability imports it): reasons come back
as plain strings, '' meaning "no objection".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from peewee import JOIN, SQL, fn

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, UnknownCode
from jeweltui.models import Item, Location, Piece, Staff, StockLevel
from jeweltui.models.channels import Channel, ChannelExclusion, ChannelSafetyStock
from jeweltui.services import ledger
from jeweltui.text import clean_line

# Kinds of location nothing can be sold from: the piece is physically elsewhere.
AWAY_KINDS = ("bench", "vendor", "transit")
# A channel code that is the counter itself: no channel rules apply.
COUNTER = "store"


def find_channel(code: str) -> Channel:
    channel = Channel.get_or_none(Channel.code == code.strip().lower())
    if channel is None:
        raise UnknownCode(f"No channel '{code.strip()}'. Add it with 'jeweltui channel add'.")
    return channel


def configured_channel(code: str | None) -> Channel | None:
    """The channel whose rules apply, or None for the counter and unconfigured codes."""
    if not code or code == COUNTER:
        return None
    return Channel.get_or_none(Channel.code == code.strip().lower())


def all_channels() -> list[Channel]:
    return list(Channel.select().order_by(Channel.code))


# --- the rules for one serialized piece -------------------------------------------------


def location_refusal(piece: Piece, location: Location, channel: Channel) -> str:
    if channel.sellable_only and not location.sellable:
        return f"{piece.stock_no} is in {location.name}, which is not a sellable location"
    if location.kind in AWAY_KINDS:
        return f"{piece.stock_no} is away: in {location.name}"
    return ""


def exclusion_refusal(piece: Piece, channel: Channel) -> str:
    """'excluded from shopify (category watch)', or '' when the channel may offer it."""
    rows = ChannelExclusion.select().where(
        (ChannelExclusion.channel == channel)
        & (
            (ChannelExclusion.piece == piece.id)
            | ((ChannelExclusion.category != "") & (ChannelExclusion.category == piece.category))
        )
    )
    for row in rows.order_by(ChannelExclusion.piece.desc(nulls="LAST")):
        target = "this piece" if row.piece_id else f"category {row.category}"
        return f"{piece.stock_no} is excluded from {channel.code} ({target})"
    return ""


def channel_condition(channel: Channel):
    """The same rules as location_refusal + exclusion_refusal, as a peewee condition over
    Piece joined to Location."""
    excluded = ChannelExclusion.select(SQL("1")).where(
        (ChannelExclusion.channel == channel.id)
        & (
            (ChannelExclusion.piece == Piece.id)
            | ((ChannelExclusion.category != "") & (ChannelExclusion.category == Piece.category))
        )
    )
    return location_condition(channel) & ~fn.EXISTS(excluded)


def location_condition(channel: Channel | None):
    """Where a channel may sell from: sellable locations, or anywhere not away."""
    away = Location.kind.in_(AWAY_KINDS)
    if channel is None:
        return Location.sellable == True  # noqa: E712
    if channel.sellable_only:
        return (Location.sellable == True) & ~away  # noqa: E712
    return ~away


# --- quantity items ---------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelQty:
    qty: int
    reason: str = ""

    def __iter__(self):  # (qty, reason) = available_qty(item, channel)
        return iter((self.qty, self.reason))


def counted_qty(item: Item, channel: Channel | None) -> int:
    """Units at locations the channel may sell from (sellable ones unless it says otherwise)."""
    query = StockLevel.select(fn.COALESCE(fn.SUM(StockLevel.qty), 0)).join(Location)
    query = query.where((StockLevel.item == item) & location_condition(channel))
    return int(query.scalar() or 0)


def safety_stock(channel: Channel, category: str) -> int:
    row = ChannelSafetyStock.get_or_none(
        (ChannelSafetyStock.channel == channel) & (ChannelSafetyStock.category == category)
    )
    return row.qty if row else 0


def item_exclusion(item: Item, channel: Channel) -> str:
    row = ChannelExclusion.get_or_none(
        (ChannelExclusion.channel == channel)
        & (
            (ChannelExclusion.item == item.id)
            | ((ChannelExclusion.category != "") & (ChannelExclusion.category == item.category))
        )
    )
    if row is None:
        return ""
    target = "this item" if row.item_id else f"category {row.category}"
    return f"{item.sku} is excluded from {channel.code} ({target})"


def offer_qty(on_hand: int, *, kept_back: int, hide_last_unit: bool, min_qty: int) -> int:
    """What a channel may offer out of on_hand units; the rule table lives here alone."""
    held = max(kept_back, 1 if hide_last_unit else 0)
    offer = max(on_hand - held, 0)
    return offer if offer >= min_qty else 0


def available_qty(item: Item, channel: str | Channel | None = None) -> ChannelQty:
    """Units of a quantity item a channel may offer, with the reason in words when none."""
    ch = channel if isinstance(channel, Channel) else configured_channel(channel)
    on_hand = counted_qty(item, ch)
    where = "at sellable locations" if ch is None or ch.sellable_only else "in the shop"
    if ch is None:
        return ChannelQty(on_hand, "" if on_hand else f"no {item.sku} {where}")
    excluded = item_exclusion(item, ch)
    if excluded:
        return ChannelQty(0, excluded)
    if on_hand == 0:
        return ChannelQty(0, f"no {item.sku} {where}")
    kept = safety_stock(ch, item.category)
    offer = offer_qty(on_hand, kept_back=kept, hide_last_unit=ch.hide_last_unit, min_qty=ch.min_qty)
    if offer:
        return ChannelQty(offer)
    return ChannelQty(0, _why_none(item, ch, on_hand, kept))


def _why_none(item: Item, ch: Channel, on_hand: int, kept: int) -> str:
    left = f"{on_hand} {item.sku} in stock"
    if kept >= on_hand:
        return f"{left}, {kept} kept back from {ch.code} (safety stock for {item.category})"
    if ch.hide_last_unit and on_hand - max(kept, 1) <= 0:
        return f"{left}: the last unit is kept back from {ch.code}"
    offer = on_hand - max(kept, 1 if ch.hide_last_unit else 0)
    return f"{left}, only {offer} to offer; {ch.code} lists from {ch.min_qty}"


# --- managing channels ------------------------------------------------------------------


def _clean_code(code: str) -> str:
    clean = code.strip().lower()
    if not clean or not clean.replace("-", "").replace("_", "").isalnum():
        raise InvalidInput(f"'{code}' is not a channel code (letters, digits, - or _).")
    if clean == COUNTER:
        raise InvalidInput("'store' is the counter itself, not a channel.", field="code")
    return clean


def _count(value: int, label: str) -> int:
    if int(value) < 0:
        raise InvalidInput(f"{label} cannot be negative.", field=label)
    return int(value)


def create_channel(
    code: str,
    name: str,
    *,
    staff: Staff | None,
    hide_last_unit: bool = False,
    min_qty: int = 0,
    sellable_only: bool = True,
    safety: Mapping[str, int] | None = None,
    exclude_categories: Iterable[str] = (),
) -> Channel:
    clean = _clean_code(code)
    if not name.strip():
        raise InvalidInput("A channel needs a name.", field="name")
    safety = {cat.strip().lower(): _count(n, "safety stock") for cat, n in (safety or {}).items()}
    with write_transaction():
        if Channel.select().where(Channel.code == clean).exists():
            raise InvalidInput(f"Channel {clean} exists already.", field="code")
        channel = Channel.create(
            code=clean,
            name=clean_line(name),
            hide_last_unit=hide_last_unit,
            min_qty=_count(min_qty, "min quantity"),
            sellable_only=sellable_only,
            created_at=clock.now(),
        )
        for category, qty in safety.items():
            ChannelSafetyStock.create(channel=channel, category=category, qty=qty)
        for category in dict.fromkeys(c.strip().lower() for c in exclude_categories):
            ChannelExclusion.create(channel=channel, category=category)
        ledger.record(
            "channel_add",
            staff=staff,
            after=channel_summary(channel),
            ref=("channel", channel.id),
        )
    return channel


def set_safety_stock(code: str, category: str, qty: int, *, staff: Staff | None) -> None:
    channel, category = find_channel(code), category.strip().lower()
    with write_transaction():
        ChannelSafetyStock.delete().where(
            (ChannelSafetyStock.channel == channel) & (ChannelSafetyStock.category == category)
        ).execute()
        if _count(qty, "safety stock"):
            ChannelSafetyStock.create(channel=channel, category=category, qty=qty)
        ledger.record(
            "channel_rule",
            staff=staff,
            after={"safety_stock": {category: qty}},
            ref=("channel", channel.id),
        )


def exclude(
    code: str,
    *,
    staff: Staff | None,
    piece: Piece | None = None,
    item: Item | None = None,
    category: str = "",
    reason: str = "",
) -> ChannelExclusion:
    """Keep a piece, an item or a whole category off one channel."""
    channel, category = find_channel(code), category.strip().lower()
    if (piece is not None) + (item is not None) + bool(category) != 1:
        raise InvalidInput("Exclude one piece, one item or one category.")
    with write_transaction():
        existing = _exclusion_query(channel, piece, item, category).first()
        if existing is not None:
            return existing
        row = ChannelExclusion.create(
            channel=channel, piece=piece, item=item, category=category, reason=clean_line(reason)
        )
        ledger.record(
            "channel_exclude",
            staff=staff,
            piece=piece,
            reason=reason,
            after={"channel": channel.code, "category": category, "item": item and item.sku},
            ref=("channel", channel.id),
        )
    return row


def include(
    code: str,
    *,
    staff: Staff | None,
    piece: Piece | None = None,
    item: Item | None = None,
    category: str = "",
) -> int:
    """Undo an exclusion; returns how many were lifted (0 when there was none)."""
    channel, category = find_channel(code), category.strip().lower()
    with write_transaction():
        ids = [r.id for r in _exclusion_query(channel, piece, item, category)]
        if ids:
            ChannelExclusion.delete().where(ChannelExclusion.id.in_(ids)).execute()
            ledger.record(
                "channel_include",
                staff=staff,
                piece=piece,
                after={"channel": channel.code, "category": category, "item": item and item.sku},
                ref=("channel", channel.id),
            )
    return len(ids)


def _exclusion_query(channel: Channel, piece, item, category: str):
    query = ChannelExclusion.select().where(ChannelExclusion.channel == channel)
    if piece is not None:
        return query.where(ChannelExclusion.piece == piece)
    if item is not None:
        return query.where(ChannelExclusion.item == item)
    return query.where(ChannelExclusion.category == category)


def channel_summary(channel: Channel) -> dict:
    safety = {
        r.category: r.qty
        for r in ChannelSafetyStock.select()
        .where(ChannelSafetyStock.channel == channel)
        .order_by(ChannelSafetyStock.category)
    }
    excluded = (
        ChannelExclusion.select(ChannelExclusion, Piece, Item)
        .join_from(ChannelExclusion, Piece, JOIN.LEFT_OUTER)
        .join_from(ChannelExclusion, Item, JOIN.LEFT_OUTER)
        .where(ChannelExclusion.channel == channel)
    )
    return {
        "code": channel.code,
        "name": channel.name,
        "hide_last_unit": channel.hide_last_unit,
        "min_qty": channel.min_qty,
        "sellable_only": channel.sellable_only,
        "safety_stock": safety,
        "excluded_categories": sorted(r.category for r in excluded if r.category),
        "excluded_pieces": sorted(r.piece.stock_no for r in excluded if r.piece_id),
        "excluded_items": sorted(r.item.sku for r in excluded if r.item_id),
    }


def channel_rows() -> list[dict]:
    return [channel_summary(c) for c in all_channels()]
