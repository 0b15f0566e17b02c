"""The handful of figures the KPI screen shows, with the series its plots draw."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from jeweltui import clock
from jeweltui.models import Sale, SaleLine
from jeweltui.reporting.base import Period
from jeweltui.reporting.items import stockouts
from jeweltui.reporting.quality import accuracy, oversells
from jeweltui.reporting.selling import sell_through
from jeweltui.reporting.stock import aging, value

WEEKS_SHOWN = 12


@dataclass
class Dashboard:
    owned_cost_cents: int = 0
    owned_retail_cents: int = 0
    memo_cost_cents: int = 0
    sell_through: float | None = None
    accuracy: float | None = None
    stockout_rate: float | None = None
    oversells: int = 0
    median_hours_to_fix: float | None = None
    weekly_sold: list[int] = field(default_factory=list)  # oldest week first
    aging: dict[str, int] = field(default_factory=dict)
    accuracy_history: list[float] = field(default_factory=list)


def weekly_pieces_sold(weeks: int = WEEKS_SHOWN) -> list[int]:
    """Pieces sold (sales still standing) in each of the last `weeks` weeks, oldest first."""
    now = clock.now()
    start = now - timedelta(weeks=weeks)
    counts = [0] * weeks
    lines = (
        SaleLine.select(Sale.at)
        .join(Sale)
        .where(SaleLine.active & Sale.cancelled_at.is_null() & (Sale.at > start))
        .tuples()
    )
    for (at,) in lines:
        index = min(weeks - 1, int((at - start) / timedelta(weeks=1)))
        counts[index] += 1
    return counts


def dashboard(days: int = 90) -> Dashboard:
    """The KPIs over the last `days` days (value and aging: as of now)."""
    now = clock.now()
    period = Period(now - timedelta(days=days), now)
    worth = value(period).summary
    counts = accuracy(period)
    incidents = oversells(period).summary
    return Dashboard(
        owned_cost_cents=worth["owned_cost_cents"],
        owned_retail_cents=worth["owned_retail_cents"],
        memo_cost_cents=worth["memo_consignment_cost_cents"],
        sell_through=sell_through(period).summary["sell_through"],
        accuracy=counts.summary["accuracy"],
        stockout_rate=stockouts(period).summary["stockout_rate"],
        oversells=incidents["incidents"],
        median_hours_to_fix=incidents["median_hours_to_fix"],
        weekly_sold=weekly_pieces_sold(),
        aging=aging(period).summary,
        accuracy_history=[row["accuracy"] * 100 for row in counts.rows],
    )
