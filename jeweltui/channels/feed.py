"""The sellable view a channel publishes: in-stock pieces, sorted by stock number, each
with quantity 1 when available (for that channel) and 0 when not (held, reserved); then
every quantity item in the channel's currency, sorted by SKU, with the units the channel
may offer (channel_rules.available_qty, worked out for all items in one query).

Which pieces appear: those at the channel's locations (default: every sellable location),
plus any the channel's own rules make available elsewhere. Sold and retired pieces and
pieces at the bench, the safe or out on memo are left out. Items always appear, with 0
when none may be offered, so a channel stops selling what ran out.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from datetime import datetime

from peewee import JOIN, SQL, Case, fn

from jeweltui import clock
from jeweltui.channels.base import ExportRow, ExportSettings
from jeweltui.channels.safety import neutralise
from jeweltui.models import Item, Location, Piece, PieceCode, StockLevel, Stone, Vendor
from jeweltui.models.channels import Channel, ChannelExclusion, ChannelSafetyStock
from jeweltui.services import availability, channel_rules

BARCODE_KINDS = ("ean", "upc", "gtin")
BATCH = 2000


def availability_condition(at: datetime, channel: str | None):
    """available_condition() for this channel when the rules module takes a channel."""
    params = inspect.signature(availability.available_condition).parameters
    if channel and "channel" in params:
        return availability.available_condition(at, channel=channel)
    return availability.available_condition(at)


def adjusted_price(cents: int, settings: ExportSettings) -> int:
    """Channel mark-up and rounding, in integer cents (half up)."""
    cents = (cents * settings.price_percent + 50) // 100
    if settings.rounding == "whole":
        return (cents + 50) // 100 * 100
    if settings.rounding == "x99":
        return cents // 100 * 100 + 99
    return cents


def image_urls(path_text: str, base: str) -> tuple[str, ...]:
    """'a.jpg; b.jpg' -> full URLs. A path that is a URL already is kept."""
    if "," not in path_text and ";" not in path_text:  # one image or none: most pieces
        path = path_text.strip()
        return (neutralise(path if "://" in path else base + path),) if path else ()
    parts = [p.strip() for p in path_text.replace(",", ";").split(";") if p.strip()]
    return tuple(neutralise(p if "://" in p else base + p) for p in parts)


def _query(settings: ExportSettings, channel: str | None, at: datetime):
    ok = availability_condition(at, channel)
    where = (Piece.status == "in_stock") & (Piece.currency == settings.currency)
    if settings.locations:
        where &= Location.code.in_(settings.locations)
    else:
        where &= (Location.sellable == True) | ok  # noqa: E712
    return (
        Piece.select(
            Piece.id,
            Piece.stock_no,
            Piece.sku,
            Piece.category,
            Piece.title,
            Piece.description,
            Piece.metal,
            Piece.karat,
            Piece.colour,
            Piece.ring_size,
            Piece.metal_mg,
            Piece.retail_cents,
            Piece.currency,
            Vendor.name,
            Piece.vendor_style,
            Piece.image_path,
            Location.code,
            Case(None, [(ok, 1)], 0),
        )
        .join(Location)
        .switch(Piece)
        .join(Vendor, JOIN.LEFT_OUTER)
        .where(where)
        .order_by(Piece.stock_no)
    )


def count_rows(settings: ExportSettings, channel: str | None = None) -> int:
    items = Item.select().where(Item.currency == settings.currency).count()
    return _query(settings, channel, clock.now()).count() + items


def _barcodes() -> dict[int, str]:
    query = (
        PieceCode.select(PieceCode.piece, PieceCode.code)
        .where(PieceCode.kind.in_(BARCODE_KINDS))
        .order_by(PieceCode.code.desc())  # several: the smallest code wins, every time
        .tuples()
    )
    return dict(query)


def _stones() -> dict[int, tuple[str, str]]:
    """Each piece's stones: (types, 'Stones: 0.50ct diamond round G VS1, GIA 1234567; …')."""
    from jeweltui.services.stones import stone_line

    found: dict[int, list] = {}
    for stone in Stone.select().order_by(Stone.piece, Stone.position):
        found.setdefault(stone.piece_id, []).append(stone)
    return {
        pid: (
            ", ".join(dict.fromkeys(s.type for s in stones)),
            "Stones: " + "; ".join(stone_line(s) for s in stones) + ".",
        )
        for pid, stones in found.items()
    }


def feed_rows(
    settings: ExportSettings, channel: str | None = None, at: datetime | None = None
) -> Iterator[ExportRow]:
    """Every row of a channel's file: the pieces, then the quantity items."""
    yield from piece_rows(settings, channel, at)
    yield from item_rows(settings, channel)


def piece_rows(
    settings: ExportSettings, channel: str | None = None, at: datetime | None = None
) -> Iterator[ExportRow]:
    """The pieces, streamed in stock-number order; one moment decides every hold's expiry."""
    moment = at or clock.now()
    barcodes = _barcodes()
    stones = _stones()
    no_stones = ("", "")
    query = _query(settings, channel, moment)
    plain_price = settings.price_percent == 100 and settings.rounding == "cent"
    image_base, url_base = settings.image_base, settings.url_base
    make = ExportRow
    # The raw cursor: these columns need no conversion, and 100k rows feel the difference.
    for record in query.model._meta.database.execute(query):
        (pid, stock_no, sku, category, title, description, metal, karat, colour, ring_size,
         metal_mg, retail, currency, vendor, vendor_style, image_path, location, ok) = record  # fmt: skip
        stone_types, stone_text = stones.get(pid, no_stones)
        yield make(
            stock_no,
            sku,
            category,
            title,
            f"{description}\n\n{stone_text}".strip() if stone_text else description,
            metal,
            karat,
            colour,
            ring_size,
            metal_mg,
            retail if plain_price else adjusted_price(retail, settings),
            currency,
            vendor or "",
            vendor_style,
            barcodes.get(pid, ""),
            image_urls(image_path, image_base) if image_path else (),
            neutralise(url_base + stock_no.lower()) if url_base else "",
            1 if ok else 0,
            location,
            False,
            stone_types,
        )


# --- quantity items ---------------------------------------------------------------------


def _item_query(settings: ExportSettings, rules: Channel | None):
    """Every item in the currency with what available_qty() needs, in one query: units at
    the locations the channel sells from, its safety stock, whether it is excluded."""
    where = channel_rules.location_condition(rules)
    if settings.locations:  # the channel's own locations narrow what it may count
        where &= Location.code.in_(settings.locations)
    on_hand = (
        StockLevel.select(StockLevel.item, fn.SUM(StockLevel.qty).alias("units"))
        .join(Location)
        .where(where)
        .group_by(StockLevel.item)
    )
    kept = excluded = SQL("0")
    if rules is not None:
        kept = ChannelSafetyStock.select(ChannelSafetyStock.qty).where(
            (ChannelSafetyStock.channel == rules.id)
            & (ChannelSafetyStock.category == Item.category)
        )
        excluded = fn.EXISTS(
            ChannelExclusion.select(SQL("1")).where(
                (ChannelExclusion.channel == rules.id)
                & (
                    (ChannelExclusion.item == Item.id)
                    | (
                        (ChannelExclusion.category != "")
                        & (ChannelExclusion.category == Item.category)
                    )
                )
            )
        )
    return (
        Item.select(
            Item.sku,
            Item.category,
            Item.title,
            Item.metal,
            Item.karat,
            Item.retail_cents,
            Item.currency,
            Vendor.name,
            fn.COALESCE(on_hand.c.units, 0),
            fn.COALESCE(kept, 0),
            excluded,
        )
        .join_from(Item, Vendor, JOIN.LEFT_OUTER)
        .join_from(Item, on_hand, JOIN.LEFT_OUTER, on=(on_hand.c.item_id == Item.id))
        .where(Item.currency == settings.currency)
        .order_by(Item.sku)
    )


def channel_qty(rules: Channel | None, units: int, kept: int, excluded: bool) -> int:
    """available_qty()'s number from the query's columns (its rules, via offer_qty)."""
    if rules is None:
        return units
    if excluded:
        return 0
    return channel_rules.offer_qty(
        units, kept_back=kept, hide_last_unit=rules.hide_last_unit, min_qty=rules.min_qty
    )


def item_rows(settings: ExportSettings, channel: str | None = None) -> Iterator[ExportRow]:
    """Quantity items after the pieces, by SKU: a shop has few, so plain tuples will do."""
    rules = channel_rules.configured_channel(channel)
    query = _item_query(settings, rules)
    plain_price = settings.price_percent == 100 and settings.rounding == "cent"
    for record in query.tuples():
        sku, category, title, metal, karat, retail, currency, vendor, units, kept, excluded = record
        yield ExportRow(
            *(sku, sku, category, title, "", metal, karat, "", "", None),
            retail if plain_price else adjusted_price(retail, settings),
            *(currency, vendor or "", "", "", ()),
            neutralise(settings.url_base + sku.lower()) if settings.url_base else "",
            channel_qty(rules, units, kept, bool(excluded)),
            "",
            True,
        )
