"""WooCommerce product CSV (the built-in importer's default columns). Pieces are simple
products sold individually; backorders are set to 0 explicitly, as WooCommerce keeps an
old value otherwise."""

from __future__ import annotations

from collections.abc import Iterator

from jeweltui.channels import fields
from jeweltui.channels.base import CsvExporter, ExportRow, ExportSettings
from jeweltui.channels.safety import html_paragraphs, neutralise, plain_text


class WooCommerceProducts(CsvExporter):
    name = "woocommerce"
    label = "WooCommerce product CSV (importer's default 40 columns)"
    header_name = "woocommerce_products"
    key_column = "SKU"
    title_column = "Name"
    qty_column = "Stock"
    constants = {
        "Type": "simple",
        "Published": "1",
        "Is featured?": "0",
        "Visibility in catalog": "visible",
        "Tax status": "taxable",
        "Backorders allowed?": "0",
        "Sold individually?": "1",
        "Allow customer reviews?": "0",
        "Position": "0",
    }
    price_column = "Regular price"

    def lines(self, row: ExportRow, settings: ExportSettings) -> Iterator[dict[str, str]]:
        yield {
            "SKU": neutralise(row.stock_no),
            "GTIN, UPC, EAN, or ISBN": neutralise(row.barcode),
            "Name": neutralise(row.title),
            "Short description": neutralise(plain_text(row.description)[:160]),
            "Description": html_paragraphs(row.description),
            "In stock?": "1" if row.available else "0",
            "Stock": str(row.qty),
            "Regular price": fields.price(row),
            "Categories": fields.category_path(row.category).replace(
                "Apparel & Accessories > ", ""
            ),
            "Tags": neutralise(fields.tags(row)),
            "Images": ", ".join(row.images),
        }
