"""The categories of jewelry a shop keeps, each with its stock number prefix."""

from __future__ import annotations

# Category -> stock number prefix, the way jewelers number stock ("R-000123" is a ring),
# so a count can say which ring is missing.
CATEGORIES: dict[str, str] = {
    "ring": "R",
    "engagement_ring": "ER",
    "wedding_band": "WB",
    "earrings": "E",
    "pendant": "P",
    "necklace": "N",
    "bracelet": "B",
    "watch": "W",
    "brooch": "BR",
    "other": "J",
}
