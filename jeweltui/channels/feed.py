"""The sellable view a channel publishes: in-stock pieces, sorted by stock number, each
with quantity 1 when available (for that channel) and 0 when not (held, reserved).

Which pieces appear: those at the channel's locations (default: every sellable location),
plus any the channel's own rules make available elsewhere. Sold and retired pieces and
pieces at the bench, the safe or out on memo are left out.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from datetime import datetime

from peewee import JOIN, Case

from jeweltui import clock
from jeweltui.channels.base import ExportRow, ExportSettings
from jeweltui.channels.safety import neutralise
from jeweltui.models import Location, Piece, PieceCode, Vendor
from jeweltui.services import availability

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
    return _query(settings, channel, clock.now()).count()


def _barcodes() -> dict[int, str]:
    query = (
        PieceCode.select(PieceCode.piece, PieceCode.code)
        .where(PieceCode.kind.in_(BARCODE_KINDS))
        .order_by(PieceCode.code.desc())  # several: the smallest code wins, every time
        .tuples()
    )
    return dict(query)


def feed_rows(
    settings: ExportSettings, channel: str | None = None, at: datetime | None = None
) -> Iterator[ExportRow]:
    """The rows, streamed in stock-number order; one moment decides every hold's expiry."""
    moment = at or clock.now()
    barcodes = _barcodes()
    query = _query(settings, channel, moment)
    plain_price = settings.price_percent == 100 and settings.rounding == "cent"
    image_base, url_base = settings.image_base, settings.url_base
    make = ExportRow
    # The raw cursor: these columns need no conversion, and 100k rows feel the difference.
    for record in query.model._meta.database.execute(query):
        (pid, stock_no, sku, category, title, description, metal, karat, colour, ring_size,
         metal_mg, retail, currency, vendor, vendor_style, image_path, location, ok) = record  # fmt: skip
        yield make(
            stock_no,
            sku,
            category,
            title,
            description,
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
        )
