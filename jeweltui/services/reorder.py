"""Reorder suggestions for quantity-tracked basics, grouped by vendor.

Sales velocity comes from real sales over the last N weeks: units on item sale lines of
sales not cancelled, less the units returned.
  daily          = units sold in the window / (weeks × 7)
  reorder point  = max(item's reorder point, ceil(daily × lead time + safety stock))
  suggest        = ceil(daily × (lead time + cover days) + safety stock) − on hand,
                   when on hand ≤ reorder point, else 0
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any

from peewee import fn

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput
from jeweltui.models import Item, Staff, StockLevel
from jeweltui.models.vendors import ReorderRule
from jeweltui.services import ledger
from jeweltui.services.items import find_item

DEFAULT_WEEKS = 8
DEFAULT_LEAD_DAYS = 14
DEFAULT_COVER_DAYS = 28


@dataclass(frozen=True)
class Suggestion:
    vendor: str
    sku: str
    title: str
    on_hand: int
    sold: int
    weeks: int
    daily: float
    lead_time_days: int
    safety_stock: int
    reorder_point: int
    suggest: int


def plan_quantity(
    *,
    sold: int,
    weeks: int,
    lead_days: int,
    safety: int,
    on_hand: int,
    cover_days: int,
    floor_point: int = 0,
) -> tuple[int, int]:
    """(reorder point, suggested quantity): the arithmetic, kept pure so tests can check it."""
    daily = sold / (weeks * 7)
    point = max(floor_point, math.ceil(daily * lead_days + safety - 1e-9))
    if on_hand > point:
        return point, 0
    target = math.ceil(daily * (lead_days + cover_days) + safety - 1e-9)
    # At or under the point, an order must lift stock above it even with no recent sales.
    target = max(target, point + 1)
    return point, max(0, target - on_hand)


def units_sold(sku: str, weeks: int) -> int:
    """Units of one SKU sold in the last `weeks` weeks, net of cancelled sales and returns."""
    from jeweltui.services.quantity import units_sold as sold_since

    return sold_since(find_item(sku), clock.now() - timedelta(weeks=weeks))


def set_rule(
    sku: str,
    *,
    staff: Staff | None,
    safety_stock: int | None = None,
    weeks: int | None = None,
    lead_time_days: int | None = None,
) -> ReorderRule:
    item = find_item(sku)
    if weeks is not None and not 1 <= weeks <= 52:
        raise InvalidInput("The velocity window is 1–52 weeks (8–12 is usual).", field="weeks")
    for name, value in (("safety stock", safety_stock), ("lead time", lead_time_days)):
        if value is not None and value < 0:
            raise InvalidInput(f"The {name} cannot be negative.", field=name.replace(" ", "_"))
    with write_transaction():
        rule, _ = ReorderRule.get_or_create(item=item)
        before = {
            "safety_stock": rule.safety_stock,
            "weeks": rule.weeks,
            "lead": rule.lead_time_days,
        }
        if safety_stock is not None:
            rule.safety_stock = safety_stock
        if weeks is not None:
            rule.weeks = weeks
        if lead_time_days is not None:
            rule.lead_time_days = lead_time_days
        rule.save()
        after = {
            "safety_stock": rule.safety_stock,
            "weeks": rule.weeks,
            "lead": rule.lead_time_days,
        }
        ledger.record(
            "reorder_rule",
            staff=staff,
            reason=item.sku,
            before=before,
            after=after,
            ref=("reorder_rule", rule.id),
        )
    return rule


def suggestions(
    *, cover_days: int = DEFAULT_COVER_DAYS, only_needed: bool = True
) -> list[Suggestion]:
    """One suggestion per item, sorted by vendor then SKU."""
    on_hand = dict(
        StockLevel.select(StockLevel.item, fn.SUM(StockLevel.qty))
        .group_by(StockLevel.item)
        .tuples()
    )
    rules = {r.item_id: r for r in ReorderRule.select()}
    result = []
    for item in Item.select().order_by(Item.sku):
        rule = rules.get(item.id)
        weeks = rule.weeks if rule else DEFAULT_WEEKS
        lead = rule.lead_time_days if rule and rule.lead_time_days is not None else None
        if lead is None:
            lead = item.vendor.lead_time_days if item.vendor_id else DEFAULT_LEAD_DAYS
        safety = rule.safety_stock if rule else 0
        sold = units_sold(item.sku, weeks)
        have = on_hand.get(item.id, 0) or 0
        point, suggest = plan_quantity(
            sold=sold,
            weeks=weeks,
            lead_days=lead,
            safety=safety,
            on_hand=have,
            cover_days=cover_days,
            floor_point=item.reorder_point,
        )
        if only_needed and suggest == 0:
            continue
        result.append(
            Suggestion(
                vendor=item.vendor.code if item.vendor_id else "",
                sku=item.sku,
                title=item.title,
                on_hand=have,
                sold=sold,
                weeks=weeks,
                daily=round(sold / (weeks * 7), 3),
                lead_time_days=lead,
                safety_stock=safety,
                reorder_point=point,
                suggest=suggest,
            )
        )
    return sorted(result, key=lambda s: (s.vendor, s.sku))


def by_vendor(rows: list[Suggestion]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row.vendor or "(no vendor)", []).append(asdict(row))
    return grouped
