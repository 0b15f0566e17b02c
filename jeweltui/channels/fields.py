"""Values several channel formats share: material words, weights, categories, prices."""

from __future__ import annotations

from functools import lru_cache

from jeweltui.channels.base import ExportRow, ExportSettings
from jeweltui.money import plain_amount

JEWELRY = "Apparel & Accessories > Jewelry"
# Our categories in the product taxonomy Shopify and Google share.
TAXONOMY = {
    "ring": f"{JEWELRY} > Rings",
    "engagement_ring": f"{JEWELRY} > Rings",
    "wedding_band": f"{JEWELRY} > Rings",
    "earrings": f"{JEWELRY} > Earrings",
    "pendant": f"{JEWELRY} > Charms & Pendants",
    "necklace": f"{JEWELRY} > Necklaces",
    "bracelet": f"{JEWELRY} > Bracelets",
    "watch": f"{JEWELRY} > Watches",
    "brooch": f"{JEWELRY} > Brooches & Lapel Pins",
}


def category_path(category: str) -> str:
    return TAXONOMY.get(category, JEWELRY)


@lru_cache(maxsize=256)
def category_name(category: str) -> str:
    """'engagement_ring' -> 'Engagement ring'. A shop has a handful: each built once."""
    return category.replace("_", " ").capitalize()


def material(row: ExportRow) -> str:
    """'14K yellow gold', 'platinum'."""
    return f"{row.karat}K {row.metal}".strip() if row.karat else row.metal


@lru_cache(maxsize=4096)
def grams(mg: int | None) -> str:
    """3250 -> '3.25'; integer arithmetic, so the text never wobbles. Pieces share few
    weights, so each text is built once."""
    if not mg:
        return ""
    whole, rest = divmod(mg, 1000)
    return f"{whole}.{rest:03d}".rstrip("0").rstrip(".")


def whole_grams(mg: int | None) -> str:
    return str((mg + 500) // 1000) if mg else ""


def price(row: ExportRow) -> str:
    """plain_amount(), with the usual case (not negative) done inline: one call a row."""
    cents = row.price_cents
    return f"{cents // 100}.{cents % 100:02d}" if cents >= 0 else plain_amount(cents)


def tags(row: ExportRow) -> str:
    return _tags(row.category, row.karat, row.metal, row.colour, row.stone_types)


@lru_cache(maxsize=4096)
def _tags(category: str, karat: int | None, metal: str, colour: str, stones: str = "") -> str:
    # A shop has few kinds of piece: the same few tag lines, built once each.
    metal_words = f"{karat}K {metal}".strip() if karat else metal
    words = [category_name(category), metal_words, colour, *stones.split(", ")]
    return ", ".join(dict.fromkeys(w for w in words if w))


def brand(row: ExportRow, settings: ExportSettings) -> str:
    return row.vendor or settings.brand
