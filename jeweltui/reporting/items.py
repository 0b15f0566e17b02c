"""Quantity items (and styles of pieces): weeks of supply, stockouts, forecast error.

Units on hand change only through ledger rows that carry an item's SKU and the
location's new count ('qty' rows, and 'count_adjust' rows of a stocktake); a sale is
a 'qty' row with reason 'sale' that takes units away.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime, timedelta

from peewee import fn

from jeweltui.models import Item, Movement, Piece, Sale, SaleLine, StockLevel
from jeweltui.models.vendors import ReorderRule
from jeweltui.reporting.base import Period, Report, ratio
from jeweltui.services.reorder import DEFAULT_WEEKS

QTY_ACTIONS = ("qty", "count_adjust")


def _qty_changes():
    """(at, sku, location id, units before, units after, reason) in ledger order."""
    rows = (
        Movement.select(Movement.at, Movement.reason, Movement.before, Movement.after)
        .where(Movement.action.in_(QTY_ACTIONS) & Movement.piece.is_null())
        .order_by(Movement.id)
    )
    for at, reason, before, after in rows.tuples().iterator():
        changes = json.loads(after)
        if "sku" in changes and "qty" in changes:
            was = json.loads(before).get("qty", 0)
            yield at, changes["sku"], changes.get("location_id"), was, changes["qty"], reason


def units_sold(start: datetime, end: datetime) -> dict[str, int]:
    """Units of each SKU taken away by sales between two moments."""
    sold: dict[str, int] = defaultdict(int)
    for at, sku, _, was, now, reason in _qty_changes():
        if reason == "sale" and start <= at <= end and now < was:
            sold[sku] += was - now
    return sold


def weeks_of_supply(period: Period) -> Report:
    sold = units_sold(period.start, period.end)
    on_hand = dict(
        StockLevel.select(Item.sku, fn.SUM(StockLevel.qty)).join(Item).group_by(Item.sku).tuples()
    )
    rows = [
        _supply_row("item", sku, on_hand.get(sku, 0), sold.get(sku, 0), period)
        for sku in sorted(set(on_hand) | set(sold))
    ]
    pieces_on_hand = dict(
        Piece.select(Piece.sku, fn.COUNT(Piece.id))
        .where(Piece.status == "in_stock")
        .group_by(Piece.sku)
        .tuples()
    )
    pieces_sold = dict(
        SaleLine.select(Piece.sku, fn.COUNT(SaleLine.id))
        .join(Sale)
        .switch(SaleLine)
        .join(Piece)
        .where(
            SaleLine.active
            & Sale.cancelled_at.is_null()
            & (Sale.at >= period.start)
            & (Sale.at <= period.end)
        )
        .group_by(Piece.sku)
        .tuples()
    )
    for sku in sorted(set(pieces_on_hand) | set(pieces_sold)):
        rows.append(
            _supply_row("style", sku, pieces_on_hand.get(sku, 0), pieces_sold.get(sku, 0), period)
        )
    return Report(
        "weeks-of-supply",
        "Weeks of supply",
        "weeks of supply = units on hand now / (units sold in the period / weeks in the"
        " period); for quantity items (by SKU) and for styles of pieces (by SKU);"
        " empty when nothing sold",
        ["kind", "key", "on_hand", "sold", "weekly", "weeks_of_supply"],
        rows,
        {"weeks_in_period": round(period.weeks, 2)},
    )


def _supply_row(kind: str, key: str, on_hand: int, sold: int, period: Period) -> dict:
    weekly = sold / period.weeks
    return {
        "kind": kind,
        "key": key,
        "on_hand": on_hand,
        "sold": sold,
        "weekly": round(weekly, 3),
        "weeks_of_supply": ratio(on_hand, weekly, 2),
    }


def stockouts(period: Period) -> Report:
    """Share of the period each quantity item had no unit anywhere in the shop."""
    levels: dict[str, dict[int, int]] = defaultdict(dict)  # sku -> location -> units
    zero_since: dict[str, datetime | None] = {}
    zero_time: dict[str, timedelta] = defaultdict(timedelta)
    created = dict(Item.select(Item.sku, Item.created_at).tuples())
    starts = {sku: max(period.start, at) for sku, at in created.items() if at <= period.end}

    def total(sku: str) -> int:
        return sum(levels[sku].values())

    zero_since.update(dict.fromkeys(starts))
    opened: set[str] = set()
    for at, sku, location, _, now, _ in _qty_changes():
        if sku not in starts or at > period.end:
            continue
        if at >= starts[sku] and sku not in opened:
            _open(sku, starts[sku], total(sku), zero_since, opened)
        levels[sku][location] = now
        if sku in opened:
            _step(sku, at, total(sku), zero_since, zero_time)
    rows, zero_all, span_all = [], 0.0, 0.0
    for sku in sorted(starts):
        if sku not in opened:
            _open(sku, starts[sku], total(sku), zero_since, opened)
        if zero_since[sku] is not None:
            zero_time[sku] += period.end - zero_since[sku]
        span = (period.end - starts[sku]).total_seconds() / 86400
        zero = zero_time[sku].total_seconds() / 86400
        zero_all, span_all = zero_all + zero, span_all + span
        rows.append(
            {
                "sku": sku,
                "days": round(span, 2),
                "stockout_days": round(zero, 2),
                "stockout_rate": ratio(zero, span),
            }
        )
    return Report(
        "stockouts",
        "Stockout rate (quantity items)",
        "stockout rate = time in the period during which the item had 0 units on hand in"
        " the whole shop / the period's length (from the item's creation when later);"
        " overall = Σ stockout days / Σ days",
        ["sku", "days", "stockout_days", "stockout_rate"],
        rows,
        {"stockout_rate": ratio(zero_all, span_all)},
    )


def _open(sku, start, units, zero_since, opened) -> None:
    opened.add(sku)
    zero_since[sku] = start if units == 0 else None


def _step(sku, at, units, zero_since, zero_time) -> None:
    if units == 0 and zero_since[sku] is None:
        zero_since[sku] = at
    elif units > 0 and zero_since[sku] is not None:
        zero_time[sku] += at - zero_since[sku]
        zero_since[sku] = None


def forecast_error(period: Period) -> Report:
    """The reorder suggestion's demand forecast, made at the period's start, against sales."""
    rules = {r.item_id: r.weeks for r in ReorderRule.select()}
    actual = units_sold(period.start, period.end)
    rows, abs_error, bias, sold_total = [], 0.0, 0.0, 0
    for item in Item.select().order_by(Item.sku):
        weeks = rules.get(item.id, DEFAULT_WEEKS)
        window = units_sold(period.start - timedelta(weeks=weeks), period.start).get(item.sku, 0)
        forecast = window / (weeks * 7) * period.days
        sold = actual.get(item.sku, 0)
        if not forecast and not sold:
            continue
        abs_error += abs(forecast - sold)
        bias += forecast - sold
        sold_total += sold
        rows.append(
            {
                "sku": item.sku,
                "forecast": round(forecast, 2),
                "actual": sold,
                "error": round(forecast - sold, 2),
                "abs_pct_error": ratio(abs(forecast - sold), sold),
            }
        )
    return Report(
        "forecast-error",
        "Forecast error of reorder suggestions",
        "forecast = the reorder suggestion's daily sales rate at the period's start (units"
        " sold in the item's velocity window before it / window days) × days in the"
        " period; WAPE = Σ |forecast − actual| / Σ actual; bias = Σ (forecast − actual)"
        " / Σ actual",
        ["sku", "forecast", "actual", "error", "abs_pct_error"],
        rows,
        {"wape": ratio(abs_error, sold_total), "bias": ratio(bias, sold_total)},
    )
