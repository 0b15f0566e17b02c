"""Google Merchant Center product feed, tab-separated. Column names are the spec's
attribute names; descriptions are plain text (tags removed)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
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
from jeweltui.channels.safety import FORMULA_STARTS, neutralise, one_line, plain_text

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


def safe_cells(values: tuple[str, ...]) -> list[str]:
    """cell() over a whole row at once: most rows have no tab or line break anywhere, and
    then only the formula check is left, done inline."""
    joined = "".join(values)
    if "\t" in joined or "\n" in joined or "\r" in joined:
        return [cell(value) for value in values]
    return ["'" + value if value[:1] in FORMULA_STARTS else value for value in values]


class GoogleMerchant(Exporter):
    name = "google-merchant"
    label = "Google Merchant Center product feed (TSV)"
    suffix = ".tsv"

    def line(self, row: ExportRow, settings: ExportSettings) -> str:
        brand = row.vendor or settings.brand
        has_identifier = bool(row.barcode or (brand and row.vendor_style))
        title, description, link, image, brand, gtin, mpn, material, colour, size = safe_cells(
            (
                row.title[:150],
                plain_text(row.description)[:5000] or row.title,
                row.link,
                row.images[0] if row.images else "",
                brand,
                row.barcode,
                row.vendor_style,
                fields.material(row),
                row.colour,
                row.ring_size,
            )
        )
        values = (
            cell(row.stock_no),
            title,
            description,
            link,
            image,
            "in_stock" if row.qty > 0 else "out_of_stock",
            f"{fields.price(row)} {row.currency}",
            brand,
            gtin,
            mpn,
            "yes" if has_identifier else "no",
            "new",
            JEWELRY_CATEGORY,
            material,
            colour,
            size,
        )
        return "\t".join(values) + NEWLINE

    def write(self, rows: Iterable[ExportRow], out: TextIO, settings: ExportSettings) -> None:
        out.write("\t".join(COLUMNS) + NEWLINE)
        line, batch = self.line, []
        for row in rows:
            batch.append(line(row, settings))
            if len(batch) >= WRITE_BATCH:
                out.write("".join(batch))
                batch.clear()
        out.write("".join(batch))

    def listings(self, path: Path) -> dict[str, Listing]:
        with open(path, newline="", encoding="utf-8") as handle:
            records = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            return {
                r["id"]: Listing(
                    r["title"], 1 if r["availability"] == "in_stock" else 0, r["price"].split()[0]
                )
                for r in records
            }
