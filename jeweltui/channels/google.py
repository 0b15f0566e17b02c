"""Google Merchant Center product feed, tab-separated. Column names are the spec's
attribute names; descriptions are plain text (tags removed)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from jeweltui.channels import fields
from jeweltui.channels.base import NEWLINE, Exporter, ExportRow, ExportSettings, Listing
from jeweltui.channels.safety import neutralise, one_line, plain_text

COLUMNS = (
    "id",
    "title",
    "description",
    "link",
    "image_link",
    "availability",
    "price",
    "brand",
    "gtin",
    "mpn",
    "identifier_exists",
    "condition",
    "google_product_category",
    "material",
    "color",
    "size",
)
JEWELRY_CATEGORY = "188"  # Apparel & Accessories > Jewelry


def cell(text: str) -> str:
    return neutralise(one_line(text))


class GoogleMerchant(Exporter):
    name = "google-merchant"
    label = "Google Merchant Center product feed (TSV)"
    suffix = ".tsv"

    def line(self, row: ExportRow, settings: ExportSettings) -> str:
        brand = fields.brand(row, settings)
        has_identifier = bool(row.barcode or (brand and row.vendor_style))
        values = (
            cell(row.stock_no),
            cell(row.title[:150]),
            cell(plain_text(row.description)[:5000] or row.title),
            cell(row.link),
            cell(row.images[0] if row.images else ""),
            "in_stock" if row.available else "out_of_stock",
            f"{fields.price(row)} {row.currency}",
            cell(brand),
            cell(row.barcode),
            cell(row.vendor_style),
            "yes" if has_identifier else "no",
            "new",
            JEWELRY_CATEGORY,
            cell(fields.material(row)),
            cell(row.colour),
            cell(row.ring_size),
        )
        return "\t".join(values) + NEWLINE

    def write(self, rows: Iterable[ExportRow], out: TextIO, settings: ExportSettings) -> None:
        out.write("\t".join(COLUMNS) + NEWLINE)
        for row in rows:
            out.write(self.line(row, settings))

    def listings(self, path: Path) -> dict[str, Listing]:
        with open(path, newline="", encoding="utf-8") as handle:
            records = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            return {
                r["id"]: Listing(
                    r["title"], 1 if r["availability"] == "in_stock" else 0, r["price"].split()[0]
                )
                for r in records
            }
