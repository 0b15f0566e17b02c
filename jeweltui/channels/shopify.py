"""Shopify: product CSV (current 57-column template and the older Handle/Body (HTML) one)
and the inventory CSV. One-of-one pieces: tracker `shopify`, quantity 1 or 0, `deny`."""

from __future__ import annotations

from collections.abc import Iterable

from jeweltui.channels import fields
from jeweltui.channels.base import CsvExporter, ExportRow, ExportSettings
from jeweltui.channels.safety import html_paragraphs, neutralise, plain_text


def option(row: ExportRow) -> tuple[str, str]:
    """A ring's size is its one option; other pieces use Shopify's 'Default Title'."""
    if row.ring_size:
        return "Ring size", neutralise(row.ring_size)
    return "Title", "Default Title"


def seo_description(row: ExportRow) -> str:
    return neutralise(plain_text(row.description)[:320])


class ShopifyProductTemplate(CsvExporter):
    """What both product templates share: the first image on the variant row, the rest on
    rows of their own carrying only the handle."""

    @staticmethod
    def first_image(row: ExportRow, title: str) -> tuple[str, str, str]:
        return (row.images[0], "1", title) if row.images else ("", "", "")

    def extra_rows(self, row: ExportRow, settings: ExportSettings) -> Iterable[tuple[str, ...]]:
        if len(row.images) < 2:
            return ()
        handle, alt = row.handle, neutralise(row.title)
        return [
            (handle, url, str(position), alt)
            for position, url in enumerate(row.images[1:], start=2)
        ]


class ShopifyProducts(ShopifyProductTemplate):
    name = "shopify-products"
    label = "Shopify product CSV, current admin template (57 columns)"
    header_name = "shopify_products"
    key_column = "SKU"
    title_column = "Title"
    qty_column = "Inventory quantity"
    constants = {
        "Published on online store": "TRUE",
        "Status": "active",
        "Charge tax": "TRUE",
        "Inventory tracker": "shopify",
        "Continue selling when out of stock": "deny",
        "Weight unit for display": "g",
        "Requires shipping": "TRUE",
        "Fulfillment service": "manual",
        "Gift card": "FALSE",
        "Google Shopping / Condition": "new",
    }
    price_column = "Price"

    value_columns = (
        "Title",
        "URL handle",
        "Description",
        "Vendor",
        "Product category",
        "Type",
        "Tags",
        "SKU",
        "Barcode",
        "Option1 name",
        "Option1 value",
        "Price",
        "Inventory quantity",
        "Weight value (grams)",
        "SEO title",
        "SEO description",
        "Google Shopping / Google product category",
        "Google Shopping / Manufacturer part number (MPN)",
        "Product image URL",
        "Image position",
        "Image alt text",
    )
    extra_columns = ("URL handle", "Product image URL", "Image position", "Image alt text")

    def values(self, row: ExportRow, settings: ExportSettings) -> tuple[str, ...]:
        option_name, option_value = option(row)
        title = neutralise(row.title)
        category = fields.category_path(row.category)
        return (
            title,
            row.handle,
            html_paragraphs(row.description),
            neutralise(row.vendor or settings.brand),
            category,
            fields.category_name(row.category),
            neutralise(fields.tags(row)),
            neutralise(row.stock_no),
            neutralise(row.barcode),
            option_name,
            option_value,
            fields.price(row),
            str(row.qty),
            fields.grams(row.metal_mg),
            title,
            seo_description(row),
            category,
            neutralise(row.vendor_style),
            *self.first_image(row, title),
        )


class ShopifyProductsLegacy(ShopifyProductTemplate):
    name = "shopify-products-legacy"
    label = "Shopify product CSV, older template (Handle, Body (HTML), Variant …)"
    header_name = "shopify_products_legacy"
    key_column = "Variant SKU"
    title_column = "Title"
    qty_column = "Variant Inventory Qty"
    constants = {
        "Published": "TRUE",
        "Variant Inventory Tracker": "shopify",
        "Variant Inventory Policy": "deny",
        "Variant Fulfillment Service": "manual",
        "Variant Requires Shipping": "TRUE",
        "Variant Taxable": "TRUE",
        "Gift Card": "FALSE",
        "Google Shopping / Condition": "new",
        "Variant Weight Unit": "g",
        "Status": "active",
    }
    price_column = "Variant Price"

    value_columns = (
        "Handle",
        "Title",
        "Body (HTML)",
        "Vendor",
        "Product Category",
        "Type",
        "Tags",
        "Option1 Name",
        "Option1 Value",
        "Variant SKU",
        "Variant Grams",
        "Variant Inventory Qty",
        "Variant Price",
        "Variant Barcode",
        "SEO Title",
        "SEO Description",
        "Google Shopping / Google Product Category",
        "Google Shopping / MPN",
        "Image Src",
        "Image Position",
        "Image Alt Text",
    )
    extra_columns = ("Handle", "Image Src", "Image Position", "Image Alt Text")

    def values(self, row: ExportRow, settings: ExportSettings) -> tuple[str, ...]:
        option_name, option_value = option(row)
        title = neutralise(row.title)
        category = fields.category_path(row.category)
        return (
            row.handle,
            title,
            html_paragraphs(row.description),
            neutralise(row.vendor or settings.brand),
            category,
            fields.category_name(row.category),
            neutralise(fields.tags(row)),
            option_name,
            option_value,
            neutralise(row.stock_no),
            fields.whole_grams(row.metal_mg),
            str(row.qty),
            fields.price(row),
            neutralise(row.barcode),
            title,
            seo_description(row),
            category,
            neutralise(row.vendor_style),
            *self.first_image(row, title),
        )


class ShopifyInventory(CsvExporter):
    """Sets 'On hand (new)' for one Shopify location; read-only columns stay empty."""

    name = "shopify-inventory"
    label = "Shopify inventory CSV (19 columns), one row per piece for one Shopify location"
    header_name = "shopify_inventory"
    key_column = "SKU"
    title_column = "Title"
    qty_column = "On hand (new)"
    price_column = ""

    value_columns = (
        "Handle",
        "Title",
        "Option1 Name",
        "Option1 Value",
        "SKU",
        "Location",
        "On hand (new)",
    )

    def values(self, row: ExportRow, settings: ExportSettings) -> tuple[str, ...]:
        option_name, option_value = option(row)
        return (
            row.handle,
            neutralise(row.title),
            option_name,
            option_value,
            neutralise(row.stock_no),
            neutralise(settings.channel_location),
            str(row.qty),
        )
