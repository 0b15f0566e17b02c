"""WooCommerce product CSV (the built-in importer's default columns). Pieces are simple
products sold individually, quantity items simple products with stock; backorders are set
to 0 explicitly, as WooCommerce keeps an old value otherwise."""

from __future__ import annotations

from functools import lru_cache

from jeweltui.channels import fields
from jeweltui.channels.base import CsvExporter, ExportRow, ExportSettings
from jeweltui.channels.safety import html_paragraphs, neutralise, plain_text


@lru_cache(maxsize=256)
def shop_category(category: str) -> str:
    """WooCommerce's category tree starts at 'Jewelry': 'Jewelry > Rings'."""
    return fields.category_path(category).replace("Apparel & Accessories > ", "")


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
        "Allow customer reviews?": "0",
        "Position": "0",
    }
    price_column = "Regular price"

    value_columns = (
        "SKU",
        "GTIN, UPC, EAN, or ISBN",
        "Name",
        "Short description",
        "Description",
        "In stock?",
        "Stock",
        "Sold individually?",
        "Regular price",
        "Categories",
        "Tags",
        "Images",
    )

    def values(self, row: ExportRow, settings: ExportSettings) -> tuple[str, ...]:
        qty = row.qty
        return (
            neutralise(row.stock_no),
            neutralise(row.barcode),
            neutralise(row.title),
            neutralise(plain_text(row.description)[:160]),
            html_paragraphs(row.description),
            "1" if qty > 0 else "0",
            str(qty),
            "0" if row.is_item else "1",  # a piece is one of one; units of an item are not
            fields.price(row),
            shop_category(row.category),
            neutralise(fields.tags(row)),
            ", ".join(row.images),
        )
