"""A shop with a case to count (not a test module): shared by the stocktake tests."""

from __future__ import annotations

from jeweltui.services import items, pieces


def _ring(owner, n: int, location: str, codes=()):
    return pieces.create_piece(
        {"title": f"Ring {n}", "sku": f"RNG-{n}", "category": "ring", "retail_cents": "100"},
        location=location,
        staff=owner,
        extra_codes=codes,
    )


def build_case_shop(shop):
    """Case A: five rings (R-000003 also carries an old tag), 10 studs, 4 chains.
    Case B: one ring and 3 chains."""
    owner = shop["owner"]
    pieces.add_code(shop["rings"][2], "OLD-4471", "legacy")
    a4, a5 = _ring(owner, 4, "L-CASE-A"), _ring(owner, 5, "L-CASE-A")
    b1 = _ring(owner, 6, "L-CASE-B")
    for sku, title in (("STUD-5MM", "Studs 5 mm"), ("CHAIN-45", "Chain 45 cm")):
        items.create_item({"sku": sku, "title": title, "category": "earrings"}, staff=owner)
    items.adjust_quantity("STUD-5MM", "L-CASE-A", 10, staff=owner, reason="received")
    items.adjust_quantity("CHAIN-45", "L-CASE-A", 4, staff=owner, reason="received")
    items.adjust_quantity("CHAIN-45", "L-CASE-B", 3, staff=owner, reason="received")
    return {**shop, "a4": a4, "a5": a5, "b1": b1}
