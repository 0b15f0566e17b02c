"""Shopify: product CSV (current 57-column template and the older Handle/Body (HTML) one)
and the inventory CSV. One-of-one pieces: tracker `shopify`, quantity 1 or 0, `deny`."""

from __future__ import annotations

from collections.abc import Iterator

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


class ShopifyProducts(CsvExporter):
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

    def lines(self, row: ExportRow, settings: ExportSettings) -> Iterator[dict[str, str]]:
        option_name, option_value = option(row)
        title = neutralise(row.title)
        first = {
            "Title": title,
            "URL handle": row.handle,
            "Description": html_paragraphs(row.description),
            "Vendor": neutralise(fields.brand(row, settings)),
            "Product category": fields.category_path(row.category),
            "Type": fields.category_name(row.category),
            "Tags": neutralise(fields.tags(row)),
            "SKU": neutralise(row.stock_no),
            "Barcode": neutralise(row.barcode),
            "Option1 name": option_name,
            "Option1 value": option_value,
            "Price": fields.price(row),
            "Inventory quantity": str(row.qty),
            "Weight value (grams)": fields.grams(row.metal_mg),
            "SEO title": title,
            "SEO description": seo_description(row),
            "Google Shopping / Google product category": fields.category_path(row.category),
            "Google Shopping / Manufacturer part number (MPN)": neutralise(row.vendor_style),
        }
        yield from self.with_images(row, first)

    def with_images(self, row: ExportRow, first: dict[str, str]) -> Iterator[dict[str, str]]:
        """Images after the first go on their own rows, carrying only the handle."""
        alt = neutralise(row.title)
        for position, url in enumerate(row.images, start=1):
            cells = first if position == 1 else {"URL handle": row.handle}
            cells.update({"Product image URL": url, "Image position": str(position)})
            cells["Image alt text"] = alt
            yield cells
        if not row.images:
            yield first


class ShopifyProductsLegacy(CsvExporter):
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

    def lines(self, row: ExportRow, settings: ExportSettings) -> Iterator[dict[str, str]]:
        option_name, option_value = option(row)
        title = neutralise(row.title)
        first = {
            "Handle": row.handle,
            "Title": title,
            "Body (HTML)": html_paragraphs(row.description),
            "Vendor": neutralise(fields.brand(row, settings)),
            "Product Category": fields.category_path(row.category),
            "Type": fields.category_name(row.category),
            "Tags": neutralise(fields.tags(row)),
            "Option1 Name": option_name,
            "Option1 Value": option_value,
            "Variant SKU": neutralise(row.stock_no),
            "Variant Grams": fields.whole_grams(row.metal_mg),
            "Variant Inventory Qty": str(row.qty),
            "Variant Price": fields.price(row),
            "Variant Barcode": neutralise(row.barcode),
            "SEO Title": title,
            "SEO Description": seo_description(row),
            "Google Shopping / Google Product Category": fields.category_path(row.category),
            "Google Shopping / MPN": neutralise(row.vendor_style),
        }
        for position, url in enumerate(row.images, start=1):
            cells = first if position == 1 else {"Handle": row.handle}
            cells.update({"Image Src": url, "Image Position": str(position)})
            cells["Image Alt Text"] = title
            yield cells
        if not row.images:
            yield first


class ShopifyInventory(CsvExporter):
    """Sets 'On hand (new)' for one Shopify location; read-only columns stay empty."""

    name = "shopify-inventory"
    label = "Shopify inventory CSV (19 columns), one row per piece for one Shopify location"
    header_name = "shopify_inventory"
    key_column = "SKU"
    title_column = "Title"
    qty_column = "On hand (new)"
    price_column = ""

    def lines(self, row: ExportRow, settings: ExportSettings) -> Iterator[dict[str, str]]:
        option_name, option_value = option(row)
        yield {
            "Handle": row.handle,
            "Title": neutralise(row.title),
            "Option1 Name": option_name,
            "Option1 Value": option_value,
            "SKU": neutralise(row.stock_no),
            "Location": neutralise(settings.channel_location),
            "On hand (new)": str(row.qty),
        }
