"""The home screen's picture of the shop: stock by location and category, holds ending
today, overdue work orders. Read-only, safe in a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from peewee import JOIN, fn

from jeweltui import clock
from jeweltui.models import (
    Customer,
    Hold,
    Piece,
)
from jeweltui.services.locations import location_counts
from jeweltui.services.stocktake import due_counts
from jeweltui.services.workorders import overdue


@dataclass
class HomeSummary:
    by_location: list[dict[str, Any]] = field(default_factory=list)
    by_category: list[tuple[str, int]] = field(default_factory=list)
    holds_today: list[dict[str, Any]] = field(default_factory=list)
    overdue_work_orders: int = 0
    last_export: str | None = None  # filled by the caller from the channel runs; None: none yet
    in_stock: int = 0
    counts_due: list[str] = field(default_factory=list)  # locations due a cycle count


def category_counts() -> list[tuple[str, int]]:
    rows = (
        Piece.select(Piece.category, fn.COUNT(Piece.id))
        .where(Piece.status == "in_stock")
        .group_by(Piece.category)
        .order_by(fn.COUNT(Piece.id).desc())
        .tuples()
    )
    return list(rows)


def holds_expiring_today() -> list[dict[str, Any]]:
    """Open holds that run out before midnight (local time), soonest first."""
    now = clock.now()
    rows = (
        Hold.select(Hold, Piece, Customer)
        .join(Piece)
        .switch(Hold)
        .join(Customer, JOIN.LEFT_OUTER)
        .where(
            Hold.closed_at.is_null()
            & (Hold.expires_at > now)
            & (Hold.expires_at < clock.day_bounds(clock.today())[1])
        )
        .order_by(Hold.expires_at)
    )
    return [
        {
            "stock_no": h.piece.stock_no,
            "title": h.piece.title,
            "who": h.customer.name if h.customer_id else h.channel,
            "until": clock.format_hour(h.expires_at),
        }
        for h in rows
    ]


def home_summary() -> HomeSummary:
    by_location = [row for row in location_counts() if row["pieces"]]
    by_category = category_counts()
    return HomeSummary(
        by_location=by_location,
        by_category=by_category,
        holds_today=holds_expiring_today(),
        overdue_work_orders=len(overdue()),
        in_stock=sum(n for _, n in by_category),
        counts_due=[row["location"] for row in due_counts() if row["due"]],
    )
