"""How fast the stock sells: turnover and sell-through over a period, by group."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jeweltui.models import Piece, Sale, SaleLine, Vendor
from jeweltui.reporting.base import Period, Report, ratio
from jeweltui.services.history_at import stock_at

GROUPS = ("category", "vendor", "style")


def _keys(piece: dict[str, Any]) -> Iterable[tuple[str, str]]:
    # A style is what the SKU names: one-of-ones of one design share it.
    return (("category", piece["category"]), ("vendor", piece["vendor"]), ("style", piece["sku"]))


def _pieces() -> dict[int, dict[str, Any]]:
    vendors = dict(Vendor.select(Vendor.id, Vendor.code).tuples())
    rows = Piece.select(
        Piece.id, Piece.category, Piece.vendor, Piece.sku, Piece.cost_cents, Piece.created_at
    )
    return {
        p.id: {
            "category": p.category,
            "vendor": vendors.get(p.vendor_id, "(none)"),
            "sku": p.sku,
            "cost": p.cost_cents,
            "created_at": p.created_at,
        }
        for p in rows.iterator()
    }


def _sold(period: Period) -> list[int]:
    """Pieces whose sale in the period still stands (not cancelled, not returned)."""
    lines = (
        SaleLine.select(SaleLine.piece)
        .join(Sale)
        .where(
            SaleLine.active
            & Sale.cancelled_at.is_null()
            & (Sale.at >= period.start)
            & (Sale.at <= period.end)
        )
    )
    return [line.piece_id for line in lines]


def _in_stock(moment) -> list[int]:
    return [pid for pid, s in stock_at(moment).items() if s.get("status") == "in_stock"]


def _figures(period: Period) -> dict[tuple[str, str], dict[str, int]]:
    pieces = _pieces()
    figures: dict[tuple[str, str], dict[str, int]] = {}

    def add(piece_id: int, name: str, units: int, cost: int) -> None:
        for key in _keys(pieces[piece_id]):
            row = figures.setdefault(
                key,
                {
                    f: 0
                    for f in ("sold", "cogs", "start", "start_cost", "end", "end_cost", "received")
                },
            )
            row[name] += units
            if cost:
                row[{"sold": "cogs", "start": "start_cost", "end": "end_cost"}[name]] += cost

    for piece_id in _sold(period):
        add(piece_id, "sold", 1, pieces[piece_id]["cost"])
    for piece_id in _in_stock(period.start):
        add(piece_id, "start", 1, pieces[piece_id]["cost"])
    for piece_id in _in_stock(period.end):
        add(piece_id, "end", 0, pieces[piece_id]["cost"])
    for piece_id, piece in pieces.items():
        if period.start < piece["created_at"] <= period.end:
            add(piece_id, "received", 1, 0)
    return figures


def turnover(period: Period) -> Report:
    rows = []
    for (by, key), f in sorted(_figures(period).items()):
        average = (f["start_cost"] + f["end_cost"]) / 2
        rows.append(
            {
                "by": by,
                "key": key,
                "sold": f["sold"],
                "cogs_cents": f["cogs"],
                "avg_stock_cost_cents": round(average),
                "turnover": ratio(f["cogs"], average),
            }
        )
    totals = [r for r in rows if r["by"] == "category"]
    cogs = sum(r["cogs_cents"] for r in totals)
    average = sum(r["avg_stock_cost_cents"] for r in totals)
    return Report(
        "turnover",
        "Inventory turnover",
        "turnover = cost of the pieces sold in the period (sales not cancelled or returned)"
        " / average stock at cost, where average = (stock at cost at the start"
        " + stock at cost at the end) / 2, the stock rebuilt from the ledger",
        ["by", "key", "sold", "cogs_cents", "avg_stock_cost_cents", "turnover"],
        rows,
        {"cogs_cents": cogs, "avg_stock_cost_cents": average, "turnover": ratio(cogs, average)},
    )


def sell_through(period: Period) -> Report:
    rows = []
    for (by, key), f in sorted(_figures(period).items()):
        offered = f["start"] + f["received"]
        rows.append(
            {
                "by": by,
                "key": key,
                "in_stock_at_start": f["start"],
                "received": f["received"],
                "sold": f["sold"],
                "sell_through": ratio(f["sold"], offered),
            }
        )
    totals = [r for r in rows if r["by"] == "category"]
    sold = sum(r["sold"] for r in totals)
    offered = sum(r["in_stock_at_start"] + r["received"] for r in totals)
    return Report(
        "sell-through",
        "Sell-through",
        "sell-through = pieces sold in the period / (pieces in stock at its start"
        " + pieces received during it)",
        ["by", "key", "in_stock_at_start", "received", "sold", "sell_through"],
        rows,
        {"sold": sold, "offered": offered, "sell_through": ratio(sold, offered)},
    )
