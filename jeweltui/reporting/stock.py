"""What the stock is worth and how long it has been sitting."""

from __future__ import annotations

from peewee import JOIN

from jeweltui.models import Item, Location, Piece, StockLevel, Vendor
from jeweltui.reporting.base import Period, Report

AGING_BUCKETS = (("0-90", 0, 90), ("91-180", 91, 180), ("181-365", 181, 365), (">365", 366, None))


def value(period: Period) -> Report:
    """Stock value now, by category, metal, location and ownership."""
    totals: dict[tuple[str, str, str], list[int]] = {}

    def add(by: str, key: str, ownership: str, units: int, cost: int, retail: int) -> None:
        row = totals.setdefault((by, key or "(none)", ownership), [0, 0, 0])
        row[0] += units
        row[1] += cost * units
        row[2] += retail * units

    pieces = (
        Piece.select(Piece, Location).join(Location).where(Piece.status == "in_stock").iterator()
    )
    for p in pieces:
        for by, key in (
            ("category", p.category),
            ("metal", p.metal),
            ("location", p.location.code),
            ("ownership", p.ownership),
        ):
            add(by, key, p.ownership, 1, p.cost_cents, p.retail_cents)
    levels = (
        StockLevel.select(StockLevel, Item, Location)
        .join(Item)
        .switch(StockLevel)
        .join(Location)
        .where(StockLevel.qty > 0)
    )
    for level in levels:
        item = level.item
        for by, key in (
            ("category", item.category),
            ("metal", item.metal),
            ("location", level.location.code),
            ("ownership", "owned"),
        ):
            add(by, key, "owned", level.qty, item.cost_cents, item.retail_cents)
    rows = [
        {
            "by": by,
            "key": key,
            "ownership": ownership,
            "units": units,
            "cost_cents": cost,
            "retail_cents": retail,
        }
        for (by, key, ownership), (units, cost, retail) in sorted(totals.items())
    ]
    owned = [r for r in rows if r["by"] == "ownership" and r["ownership"] == "owned"]
    others = [r for r in rows if r["by"] == "ownership" and r["ownership"] != "owned"]
    return Report(
        "value",
        "Stock value at cost and at retail",
        "value = Σ units × cost (or retail) of pieces in stock and quantity items on hand;"
        " memo and consignment pieces are listed under their own ownership, never as owned",
        ["by", "key", "ownership", "units", "cost_cents", "retail_cents"],
        rows,
        {
            "owned_cost_cents": sum(r["cost_cents"] for r in owned),
            "owned_retail_cents": sum(r["retail_cents"] for r in owned),
            "memo_consignment_cost_cents": sum(r["cost_cents"] for r in others),
            "memo_consignment_retail_cents": sum(r["retail_cents"] for r in others),
        },
    )


def bucket_of(days: int) -> str:
    for name, low, high in AGING_BUCKETS:
        if days >= low and (high is None or days <= high):
            return name
    return AGING_BUCKETS[0][0]


def aging(period: Period) -> Report:
    """Days in stock of every piece in stock at the period's end, bucketed."""
    counts: dict[tuple[str, str], dict[str, int]] = {}
    pieces = (
        Piece.select(Piece, Vendor)
        .join(Vendor, JOIN.LEFT_OUTER)
        .where((Piece.status == "in_stock") & (Piece.created_at <= period.end))
    )
    all_days = []
    for p in pieces.iterator():
        days = (period.end - p.created_at).days
        all_days.append(days)
        bucket = bucket_of(days)
        vendor = p.vendor.code if p.vendor_id else "(none)"
        for by, key in (("category", p.category), ("vendor", vendor)):
            row = counts.setdefault((by, key), {name: 0 for name, *_ in AGING_BUCKETS})
            row[bucket] += 1
    rows = [
        {"by": by, "key": key, **buckets, "pieces": sum(buckets.values())}
        for (by, key), buckets in sorted(counts.items())
    ]
    summary = {name: sum(1 for d in all_days if bucket_of(d) == name) for name, *_ in AGING_BUCKETS}
    return Report(
        "aging",
        "Aging: days in stock",
        "days in stock = whole days from the day a piece was received to the period's end;"
        " buckets 0–90, 91–180, 181–365 and > 365 days",
        ["by", "key", *(name for name, *_ in AGING_BUCKETS), "pieces"],
        rows,
        summary,
    )
