"""A plain JSON feed for scripts and custom sites: one object, pieces sorted by stock number,
one piece per line so a diff of two files reads well. No timestamp inside."""

from __future__ import annotations

import json
from collections.abc import Iterable
from json.encoder import encode_basestring as encode_string
from pathlib import Path
from typing import TextIO

from jeweltui.channels import fields
from jeweltui.channels.base import (
    NEWLINE,
    WRITE_BATCH,
    Exporter,
    ExportRow,
    ExportSettings,
    Listing,
)


def record(row: ExportRow, settings: ExportSettings) -> dict:
    return {
        "stock_no": row.stock_no,
        "sku": row.sku,
        "handle": row.handle,
        "title": row.title,
        "description": row.description,
        "category": row.category,
        "metal": row.metal,
        "karat": row.karat,
        "colour": row.colour,
        "ring_size": row.ring_size,
        "metal_mg": row.metal_mg,
        "price": fields.price(row),
        "price_cents": row.price_cents,
        "currency": row.currency,
        "brand": fields.brand(row, settings),
        "barcode": row.barcode,
        "images": list(row.images),
        "link": row.link,
        "available": row.available,
        "qty": row.qty,
    }


def _number(value: int | None) -> str:
    return "null" if value is None else str(value)


def record_text(row: ExportRow, settings: ExportSettings) -> str:
    """record() as json.dumps(sort_keys=True, ensure_ascii=False) writes it, built directly:
    the keys are fixed, so only the values need encoding (the same C string encoder)."""
    text = encode_string
    images = "[" + ", ".join(map(text, row.images)) + "]"
    return (
        f'{{"available": {"true" if row.qty > 0 else "false"}, '
        f'"barcode": {text(row.barcode)}, '
        f'"brand": {text(row.vendor or settings.brand)}, '
        f'"category": {text(row.category)}, '
        f'"colour": {text(row.colour)}, '
        f'"currency": {text(row.currency)}, '
        f'"description": {text(row.description)}, '
        f'"handle": {text(row.handle)}, '
        f'"images": {images}, '
        f'"karat": {_number(row.karat)}, '
        f'"link": {text(row.link)}, '
        f'"metal": {text(row.metal)}, '
        f'"metal_mg": {_number(row.metal_mg)}, '
        f'"price": {text(fields.price(row))}, '
        f'"price_cents": {row.price_cents}, '
        f'"qty": {row.qty}, '
        f'"ring_size": {text(row.ring_size)}, '
        f'"sku": {text(row.sku)}, '
        f'"stock_no": {text(row.stock_no)}, '
        f'"title": {text(row.title)}}}'
    )


class JsonFeed(Exporter):
    name = "json"
    label = 'JSON: {"currency": …, "pieces": [one object per piece]}'
    suffix = ".json"

    def write(self, rows: Iterable[ExportRow], out: TextIO, settings: ExportSettings) -> None:
        out.write('{"currency": ' + encode_string(settings.currency) + ', "pieces": [')
        separator, batch = NEWLINE, []
        for row in rows:
            batch.append(separator + record_text(row, settings))
            separator = "," + NEWLINE
            if len(batch) >= WRITE_BATCH:
                out.write("".join(batch))
                batch.clear()
        out.write("".join(batch) + NEWLINE + "]}" + NEWLINE)

    def listings(self, path: Path) -> dict[str, Listing]:
        data = json.loads(Path(path).read_text("utf-8"))
        return {p["stock_no"]: Listing(p["title"], p["qty"], p["price"]) for p in data["pieces"]}
