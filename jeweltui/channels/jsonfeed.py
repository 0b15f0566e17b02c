"""A plain JSON feed for scripts and custom sites: one object, pieces sorted by stock number,
one piece per line so a diff of two files reads well. No timestamp inside."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from jeweltui.channels import fields
from jeweltui.channels.base import NEWLINE, Exporter, ExportRow, ExportSettings, Listing


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


class JsonFeed(Exporter):
    name = "json"
    label = 'JSON: {"currency": …, "pieces": [one object per piece]}'
    suffix = ".json"

    def write(self, rows: Iterable[ExportRow], out: TextIO, settings: ExportSettings) -> None:
        dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
        out.write('{"currency": ' + dumps(settings.currency) + ', "pieces": [')
        separator = NEWLINE
        for row in rows:
            out.write(separator + dumps(record(row, settings)))
            separator = "," + NEWLINE
        out.write(NEWLINE + "]}" + NEWLINE)

    def listings(self, path: Path) -> dict[str, Listing]:
        data = json.loads(Path(path).read_text("utf-8"))
        return {p["stock_no"]: Listing(p["title"], p["qty"], p["price"]) for p in data["pieces"]}
