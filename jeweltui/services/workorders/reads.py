"""Reading work orders: the board, lists, overdue jobs and one job's full record."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from peewee import JOIN

from jeweltui import clock
from jeweltui.models import Customer, Piece, Staff, Vendor
from jeweltui.models.workorders import (
    CLOSED_STATUSES,
    WorkOrder,
    WorkOrderEvent,
)
from jeweltui.money import format_money
from jeweltui.services.workorders.flow import BOARD_ORDER, is_open


def days_in_stage(job: WorkOrder, at: datetime | None = None) -> int:
    return max(0, ((at or clock.now()) - job.status_since).days)


def is_overdue(job: WorkOrder, at: datetime | None = None) -> bool:
    return is_open(job) and job.promised_at is not None and job.promised_at < (at or clock.now())


def ticket_words(job: WorkOrder) -> str:
    return f"{job.item_no} of {job.items_in_ticket}"


def _jobs():
    return (
        WorkOrder.select(WorkOrder, Customer, Piece, Staff, Vendor)
        .join(Customer, JOIN.LEFT_OUTER)
        .switch(WorkOrder)
        .join(Piece, JOIN.LEFT_OUTER)
        .switch(WorkOrder)
        .join(Staff, JOIN.LEFT_OUTER, on=WorkOrder.assignee == Staff.id)
        .switch(WorkOrder)
        .join(Vendor, JOIN.LEFT_OUTER)
    )


def _open_jobs():
    return _jobs().where(WorkOrder.status.not_in(CLOSED_STATUSES))


def list_work_orders(
    *, status: str = "", include_closed: bool = False, who: str = ""
) -> list[WorkOrder]:
    """Jobs by code; open ones unless include_closed; who = a staff badge or vendor code."""
    query = _jobs() if include_closed or status else _open_jobs()
    if status:
        query = query.where(WorkOrder.status == status)
    if who:
        wanted = who.strip().upper()
        query = query.where((Staff.code == wanted) | (Vendor.code == wanted))
    return list(query.order_by(WorkOrder.code))


@dataclass(frozen=True)
class BoardRow:
    code: str
    ticket: str
    kind: str
    status: str
    days: int
    rush: bool
    overdue: bool
    promised: str
    who: str
    item: str


def board(*, at: datetime | None = None, who: str = "") -> list[BoardRow]:
    """Open jobs by status (flow order), RUSH first, then by promised date."""
    moment = at or clock.now()
    rows = []
    for job in list_work_orders(who=who):
        rows.append(
            BoardRow(
                code=job.code,
                ticket=ticket_words(job),
                kind=job.kind,
                status=job.status,
                days=days_in_stage(job, moment),
                rush=job.rush,
                overdue=is_overdue(job, moment),
                promised=clock.format_local(job.promised_at) if job.promised_at else "",
                who=_who(job),
                item=_item_words(job),
            )
        )
    rows.sort(key=lambda r: (BOARD_ORDER.index(r.status), not r.rush, r.promised == "", r.code))
    return rows


def overdue(at: datetime | None = None) -> list[WorkOrder]:
    """Open jobs past their promised time, by the injected clock."""
    moment = at or clock.now()
    jobs = _open_jobs().where(WorkOrder.promised_at < moment).order_by(WorkOrder.promised_at)
    return list(jobs)


def _who(job: WorkOrder) -> str:
    if job.status == "at_vendor" and job.vendor_id:
        return job.vendor.name
    if job.assignee_id:
        return job.assignee.name
    return job.vendor.name if job.vendor_id else ""


def _item_words(job: WorkOrder) -> str:
    return job.piece.stock_no if job.piece_id else job.item_description[:40]


def timeline(job: WorkOrder) -> list[WorkOrderEvent]:
    return list(
        WorkOrderEvent.select(WorkOrderEvent, Staff)
        .join(Staff, JOIN.LEFT_OUTER)
        .where(WorkOrderEvent.work_order == job)
        .order_by(WorkOrderEvent.id)
    )


def _money(cents: int | None, currency: str) -> str:
    return "" if cents is None else format_money(cents, currency)


def work_order_record(job: WorkOrder, at: datetime | None = None) -> dict[str, Any]:
    """Everything about a job, ready to print or to dump as JSON."""
    return {
        "code": job.code,
        "ticket": job.ticket_no,
        "item": ticket_words(job),
        "kind": job.kind,
        "status": job.status,
        "days_in_stage": days_in_stage(job, at),
        "overdue": is_overdue(job, at),
        "rush": job.rush,
        "piece": job.piece.stock_no if job.piece_id else "",
        "description": job.item_description,
        "metal": job.metal,
        "purity": job.purity,
        "weight_mg": job.weight_mg,
        "stones": stone_words(job),
        "condition": job.condition_notes,
        "declared_value": _money(job.declared_value_cents, job.currency),
        "photos": json.loads(job.photos or "[]"),
        "customer": job.customer.name if job.customer_id else "",
        "contact_phone": job.contact_phone,
        "contact_email": job.contact_email,
        "job": job.job,
        "estimate": _money(job.estimate_cents, job.currency),
        "final": _money(job.final_cents, job.currency),
        "deposit": _money(job.deposit_cents, job.currency),
        "intake": clock.format_local(job.intake_at),
        "promised": clock.format_local(job.promised_at) if job.promised_at else "",
        "assignee": job.assignee.code if job.assignee_id else "",
        "vendor": job.vendor.code if job.vendor_id else "",
        "bench": job.bench_location.code if job.bench_location_id else "",
        "return_location": job.return_location.code if job.return_location_id else "",
        "timeline": [
            {
                "at": clock.format_local(e.at),
                "from": e.from_status,
                "to": e.to_status,
                "staff": e.staff.code if e.staff_id else "",
                "reason": e.reason,
            }
            for e in timeline(job)
        ],
    }


def stone_words(job: WorkOrder) -> str:
    """'3 round white stones': counted, never identified at intake."""
    if not job.stone_count:
        return "no stones" if job.stone_count == 0 else ""
    parts = [str(job.stone_count), job.stone_shape, job.stone_colour]
    noun = "stone" if job.stone_count == 1 else "stones"
    return " ".join(p for p in parts if p) + f" {noun}"
