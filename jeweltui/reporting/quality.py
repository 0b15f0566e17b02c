"""How well the shop keeps its book: oversells, count accuracy, work-order turnaround."""

from __future__ import annotations

from collections import defaultdict

from jeweltui import clock
from jeweltui.models import Location
from jeweltui.models.orders import Incident
from jeweltui.models.stocktake import StockCount, StockCountLocation
from jeweltui.models.workorders import WorkOrder, WorkOrderEvent
from jeweltui.reporting.base import Period, Report, median, ratio
from jeweltui.services.incidents import CAUSE_WORDS


def oversells(period: Period) -> Report:
    """Incidents detected in the period by root cause, and how long they took to fix."""
    by_cause: dict[str, list] = defaultdict(list)
    incidents = Incident.select().where(
        (Incident.detected_at >= period.start) & (Incident.detected_at <= period.end)
    )
    for incident in incidents:
        by_cause[incident.cause].append(incident)
    rows, all_hours = [], []
    for cause in sorted(by_cause):
        group = by_cause[cause]
        hours = [
            (i.resolved_at - i.detected_at).total_seconds() / 3600
            for i in group
            if i.resolved_at is not None
        ]
        all_hours += hours
        rows.append(
            {
                "cause": CAUSE_WORDS.get(cause, cause),
                "incidents": len(group),
                "resolved": len(hours),
                "open": len(group) - len(hours),
                "median_hours_to_fix": median(hours),
            }
        )
    return Report(
        "oversells",
        "Oversell incidents by root cause",
        "incidents detected in the period, grouped by cause; time to fix = resolved at"
        " − detected at, in hours, median over the resolved ones",
        ["cause", "incidents", "resolved", "open", "median_hours_to_fix"],
        rows,
        {
            "incidents": sum(r["incidents"] for r in rows),
            "median_hours_to_fix": median(all_hours),
        },
    )


def accuracy(period: Period) -> Report:
    """Inventory accuracy of every count finished in the period, oldest first."""
    codes = dict(Location.select(Location.id, Location.code).tuples())
    scopes: dict[int, list[str]] = defaultdict(list)
    for count_id, location_id in StockCountLocation.select(
        StockCountLocation.count, StockCountLocation.location
    ).tuples():
        scopes[count_id].append(codes[location_id])
    counts = StockCount.select().where(
        (StockCount.status == "finished")
        & (StockCount.finished_at >= period.start)
        & (StockCount.finished_at <= period.end)
    )
    rows = [
        {
            "count": c.id,
            "date": clock.format_day(c.finished_at),
            "locations": "all" if c.whole_shop else " ".join(sorted(scopes[c.id])),
            "lines": c.lines,
            "matched": c.matched,
            "accuracy": ratio(c.matched, c.lines) if c.lines else 1.0,
        }
        for c in counts.order_by(StockCount.finished_at)
    ]
    lines, matched = sum(r["lines"] for r in rows), sum(r["matched"] for r in rows)
    return Report(
        "accuracy",
        "Inventory accuracy from counts",
        "accuracy of a count = matched lines / lines (see `count`: lines = expected pieces"
        " + unexpected pieces + quantity lines; matched = found pieces + quantity lines"
        " where counted = booked); over the period = Σ matched / Σ lines",
        ["count", "date", "locations", "lines", "matched", "accuracy"],
        rows,
        {"counts": len(rows), "accuracy": ratio(matched, lines)},
    )


STAGES = (
    ("intake_to_ready", None, "ready"),
    ("ready_to_out", "ready", "out"),
    ("intake_to_out", None, "out"),
)
# A job leaves the shop's hands when the customer picks it up or a stock piece is done.
OUT = ("picked_up", "done")


def turnaround(period: Period) -> Report:
    """Median days per job type: intake → ready → picked up (or done, for stock pieces)."""
    jobs = WorkOrder.select().where(
        (WorkOrder.intake_at >= period.start) & (WorkOrder.intake_at <= period.end)
    )
    firsts: dict[int, dict[str, object]] = defaultdict(dict)
    events = WorkOrderEvent.select().where(WorkOrderEvent.work_order.in_(jobs.select(WorkOrder.id)))
    for event in events.order_by(WorkOrderEvent.id):
        step = "out" if event.to_status in OUT else event.to_status
        firsts[event.work_order_id].setdefault(step, event.at)
    spans: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for job in jobs:
        seen = {None: job.intake_at, **firsts[job.id]}
        for stage, begin, end in STAGES:
            if begin in seen and end in seen:
                spans[job.kind][stage].append((seen[end] - seen[begin]).total_seconds() / 86400)
    rows = [
        {
            "kind": kind,
            "jobs": jobs.where(WorkOrder.kind == kind).count(),
            **{stage: median(spans[kind][stage]) for stage, *_ in STAGES},
        }
        for kind in sorted(spans)
    ]
    return Report(
        "turnaround",
        "Work-order turnaround (median days)",
        "for jobs taken in during the period, by job type: median days from intake to the"
        " first 'ready', from 'ready' to picked up (or done, for a stock piece), and"
        " from intake to picked up/done; jobs that have not reached a stage are left out"
        " of that stage",
        ["kind", "jobs", *(stage for stage, *_ in STAGES)],
        rows,
        {},
    )
