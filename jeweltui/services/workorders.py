"""Work orders: intake at the counter, the status flow at the bench, completion and appraisals.

A stock piece in an open job sits on a bench (or vendor) location and is unavailable
everywhere (availability.open_work_order); when the job ends it goes back to a location
the user names. Every change is one transaction with a WorkOrderEvent and a ledger row.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from peewee import JOIN

from jeweltui import clock
from jeweltui.codes import normalise_code
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, NotAvailable, UnknownCode
from jeweltui.models import Customer, Location, Piece, Staff, Vendor
from jeweltui.models.workorders import (
    CLOSED_STATUSES,
    WORK_KINDS,
    WORK_STATUSES,
    Appraisal,
    WorkOrder,
    WorkOrderEvent,
)
from jeweltui.money import format_money
from jeweltui.services import ledger
from jeweltui.services.availability import open_work_order
from jeweltui.services.lookup import find_location, find_piece
from jeweltui.services.moves import move_pieces
from jeweltui.services.people import create_location
from jeweltui.services.sequences import take_next

WORKING = ("at_bench", "at_vendor", "quality_check", "ready")
# Where each status may go next (on_hold and cancelled are added for every open status).
FLOW: dict[str, tuple[str, ...]] = {
    "received": ("estimate_needed", "awaiting_approval", "at_bench", "at_vendor"),
    "estimate_needed": ("awaiting_approval",),
    "awaiting_approval": ("at_bench", "at_vendor"),
    "at_bench": ("at_vendor", "quality_check"),
    "at_vendor": ("at_bench", "quality_check"),
    "quality_check": ("ready", "at_bench", "at_vendor"),
    "ready": ("picked_up", "done"),
    "on_hold": ("received", "estimate_needed", "awaiting_approval", *WORKING),
}
# The board lists open jobs in the order of the flow (on hold last).
BOARD_ORDER = tuple(s for s in WORK_STATUSES if s not in CLOSED_STATUSES)
NEEDS_REASON = ("on_hold", "cancelled")
_WO_TYPED = re.compile(r"^(?:WO-?)?(\d{1,9})$")


def words(status: str) -> str:
    return status.replace("_", " ")


def is_open(job: WorkOrder) -> bool:
    return job.status not in CLOSED_STATUSES


def allowed_next(job: WorkOrder) -> list[str]:
    """The statuses this job may move to now, in flow order."""
    if not is_open(job):
        return []
    nexts = [s for s in FLOW.get(job.status, ()) if _fits_item(job, s)]
    if job.status != "on_hold":
        nexts.append("on_hold")
    return [*nexts, "cancelled"]


def _fits_item(job: WorkOrder, status: str) -> bool:
    """A customer's item is picked up; a stock piece is done and goes back to stock."""
    if status == "picked_up":
        return job.piece_id is None
    if status == "done":
        return job.piece_id is not None
    return True


def default_next(job: WorkOrder) -> str | None:
    """The usual next step, for the board's advance key."""
    if job.status == "on_hold":
        last = last_status_before_hold(job)
        return last if last in FLOW["on_hold"] else "received"
    options = [s for s in allowed_next(job) if s not in NEEDS_REASON]
    return options[0] if options else None


def last_status_before_hold(job: WorkOrder) -> str:
    event = (
        WorkOrderEvent.select()
        .where((WorkOrderEvent.work_order == job) & (WorkOrderEvent.to_status == "on_hold"))
        .order_by(WorkOrderEvent.id.desc())
        .first()
    )
    return event.from_status if event else "received"


def find_work_order(raw: str) -> WorkOrder:
    """A job by its code as scanned ('*wo-000042*') or typed ('wo42', '42')."""
    code = normalise_code(raw)
    typed = _WO_TYPED.match(code)
    if typed:
        code = f"WO-{int(typed[1]):06d}"
    job = WorkOrder.get_or_none(WorkOrder.code == code)
    if job is None:
        raise UnknownCode(f"No work order {code}.")
    return job


# --- intake -------------------------------------------------------------------------


@dataclass
class JobInput:
    """One item of a ticket: a stock piece (piece code) or a customer's own item."""

    kind: str
    job: str
    piece: str = ""
    item_description: str = ""
    metal: str = ""
    purity: str = ""
    weight_mg: int | None = None
    stone_count: int | None = None
    stone_shape: str = ""
    stone_colour: str = ""
    condition_notes: str = ""
    declared_value_cents: int | None = None
    photos: list[str] = field(default_factory=list)
    estimate_cents: int | None = None
    deposit_cents: int = 0


@dataclass
class TicketInput:
    """What is said once for the whole bag: who, how to reach them, when, who works on it."""

    customer: Customer | None = None
    contact_phone: str = ""
    contact_email: str = ""
    promised_at: datetime | None = None
    rush: bool = False
    assignee: Staff | None = None
    vendor: Vendor | None = None
    bench: str = ""  # a bench location code; default the first bench


def _check_job(item: JobInput, position: int) -> None:
    where = f"item {position}"
    if item.kind not in WORK_KINDS:
        raise InvalidInput(
            f"Unknown job type '{item.kind}' ({where}); one of: {', '.join(WORK_KINDS)}.",
            field="kind",
        )
    if not item.job.strip():
        raise InvalidInput(f"Say what is to be done ({where}).", field="job")
    if not item.piece and not item.item_description.strip():
        raise InvalidInput(
            f"Describe the customer's item ({where}), e.g. 'yellow metal ring, customer "
            "stated 14K', or give a stock piece.",
            field="item_description",
        )
    for name in ("weight_mg", "stone_count", "declared_value_cents", "estimate_cents"):
        value = getattr(item, name)
        if value is not None and value < 0:
            raise InvalidInput(f"{words(name)} cannot be negative ({where}).", field=name)
    if item.deposit_cents < 0:
        raise InvalidInput(f"The deposit cannot be negative ({where}).", field="deposit_cents")


def _check_ticket(items: Sequence[JobInput], ticket: TicketInput) -> None:
    if not items:
        raise InvalidInput("A ticket needs at least one item.", field="items")
    for position, item in enumerate(items, start=1):
        _check_job(item, position)
    customer_items = any(not item.piece for item in items)
    if customer_items and ticket.customer is None:
        raise InvalidInput("A customer's item needs the customer.", field="customer")
    if customer_items and not (ticket.contact_phone or ticket.contact_email):
        raise InvalidInput("Give a way to reach the customer (phone or e-mail).", field="contact")
    if ticket.promised_at is not None and ticket.promised_at.tzinfo is None:
        raise InvalidInput("The promised date needs a time zone.", field="promised_at")


def bench_location(code: str = "") -> Location:
    """The bench named, or the shop's first bench."""
    if code:
        place = find_location(code)
        if place.kind != "bench":
            raise InvalidInput(f"{place.code} is a {place.kind}, not a bench.", field="bench")
        return place
    place = (
        Location.select()
        .where((Location.kind == "bench") & Location.active)
        .order_by(Location.id)
        .first()
    )
    if place is None:
        raise InvalidInput(
            "The shop has no bench location yet: add one with "
            "'jeweltui location add L-BENCH --name \"Repair bench\" --kind bench'.",
            field="bench",
        )
    return place


def intake(
    items: Sequence[JobInput], ticket: TicketInput, *, staff: Staff | None
) -> list[WorkOrder]:
    """Take in a ticket: one work order per item, numbered "1 of N"; stock pieces go to the bench."""
    _check_ticket(items, ticket)
    now = clock.now()
    made: list[WorkOrder] = []
    with write_transaction():
        bench = bench_location(ticket.bench)
        ticket_no = take_next("workorder_ticket")
        for item_no, item in enumerate(items, start=1):
            piece = find_piece(item.piece) if item.piece else None
            if piece is not None:
                _check_piece_free(piece)
            job = WorkOrder.create(
                code=f"WO-{take_next('workorder'):06d}",
                ticket_no=ticket_no,
                item_no=item_no,
                items_in_ticket=len(items),
                piece=piece,
                customer=ticket.customer,
                contact_phone=ticket.contact_phone.strip(),
                contact_email=ticket.contact_email.strip(),
                promised_at=ticket.promised_at,
                rush=ticket.rush,
                assignee=ticket.assignee,
                vendor=ticket.vendor,
                bench_location=bench,
                intake_at=now,
                status="received",
                status_since=now,
                created_by=staff,
                **_item_fields(item, piece),
            )
            _log(job, "", "received", staff, "intake", action="wo_intake")
            if piece is not None:
                move_pieces(
                    [piece.stock_no], bench.code, staff=staff, reason=f"work order {job.code}"
                )
            made.append(job)
    return made


def _item_fields(item: JobInput, piece: Piece | None) -> dict[str, Any]:
    values = {
        name: getattr(item, name)
        for name in (
            "kind",
            "item_description",
            "metal",
            "purity",
            "weight_mg",
            "stone_count",
            "stone_shape",
            "stone_colour",
            "condition_notes",
            "declared_value_cents",
            "estimate_cents",
            "deposit_cents",
        )
    }
    values["job"] = item.job.strip()
    values["photos"] = json.dumps(list(item.photos))
    if piece is not None:
        values["item_description"] = values["item_description"] or f"{piece.stock_no} {piece.title}"
        values["metal"] = values["metal"] or piece.metal
        values["purity"] = values["purity"] or (f"{piece.karat}K" if piece.karat else "")
        values["weight_mg"] = values["weight_mg"] if item.weight_mg is not None else piece.metal_mg
        values["currency"] = piece.currency
    return values


def _check_piece_free(piece: Piece) -> None:
    """Only a piece in stock, and in no other open job, can go to the bench."""
    if piece.status != "in_stock":
        raise NotAvailable(f"{piece.stock_no} is {piece.status}; only stock can go to the bench.")
    other = open_work_order(piece)
    if other is not None:
        raise NotAvailable(f"{piece.stock_no} is already in work order {other.code}.")


# --- status flow --------------------------------------------------------------------


def change_status(
    code: str,
    new_status: str,
    *,
    staff: Staff | None,
    reason: str = "",
    to_location: str = "",
    final_cents: int | None = None,
) -> WorkOrder:
    """Move a job along its flow; refuses steps the flow does not allow, writing nothing."""
    new_status = new_status.strip().lower().replace(" ", "_").replace("-", "_")
    if new_status not in WORK_STATUSES:
        raise InvalidInput(
            f"Unknown status '{new_status}'; one of: {', '.join(WORK_STATUSES)}.", field="status"
        )
    reason = reason.strip()
    if new_status in NEEDS_REASON and not reason:
        raise InvalidInput(f"Say why the job goes {words(new_status)}.", field="reason")
    if final_cents is not None and final_cents < 0:
        raise InvalidInput("The final price cannot be negative.", field="final_cents")
    with write_transaction():
        job = find_work_order(code)
        _check_step(job, new_status)
        piece = Piece.get_by_id(job.piece_id) if job.piece_id else None
        updates: dict[str, Any] = {"status": new_status, "status_since": clock.now()}
        if final_cents is not None:
            updates["final_cents"] = final_cents
        if piece is not None:
            updates.update(_place_piece(job, piece, new_status, to_location, staff))
        WorkOrder.update(updates).where(WorkOrder.id == job.id).execute()
        _log(job, job.status, new_status, staff, reason)
    return WorkOrder.get_by_id(job.id)


def _check_step(job: WorkOrder, new_status: str) -> None:
    allowed = allowed_next(job)
    if new_status in allowed:
        return
    if not allowed:
        raise NotAvailable(
            f"{job.code} is {words(job.status)}: the job is closed and cannot go "
            f"{words(new_status)}."
        )
    if new_status == "picked_up" and job.piece_id and job.status == "ready":
        hint = " A stock piece is 'done' and goes back to stock, not picked up."
    elif new_status == "done" and not job.piece_id and job.status == "ready":
        hint = " A customer's item is 'picked up'."
    else:
        hint = ""
    raise NotAvailable(
        f"{job.code} is {words(job.status)}; it cannot go {words(new_status)}.{hint} "
        f"Next can be: {', '.join(words(s) for s in allowed)}."
    )


def _place_piece(
    job: WorkOrder, piece: Piece, new_status: str, to_location: str, staff: Staff | None
) -> dict[str, Any]:
    """Move a stock piece where the new status says: vendor, bench, or back to stock."""
    because = f"work order {job.code}"
    if new_status in CLOSED_STATUSES:
        if not to_location.strip():
            raise InvalidInput(
                f"Where does {piece.stock_no} go back to? Name a location (e.g. --to L-CASE-A).",
                field="to_location",
            )
        place = find_location(to_location)
        if place.kind in ("bench", "vendor"):
            raise InvalidInput(
                f"{place.code} is a {place.kind}; a finished job's piece goes back to stock.",
                field="to_location",
            )
        move_pieces([piece.stock_no], place.code, staff=staff, reason=f"{because} {new_status}")
        return {"return_location": place}
    if new_status == "at_vendor":
        if job.vendor_id is None:
            raise InvalidInput(
                f"Assign an outside vendor first: jeweltui wo assign {job.code} --vendor CODE.",
                field="vendor",
            )
        place = vendor_location(Vendor.get_by_id(job.vendor_id), staff)
        move_pieces([piece.stock_no], place.code, staff=staff, reason=because)
    elif new_status == "at_bench" and job.status == "at_vendor":
        bench = job.bench_location if job.bench_location_id else bench_location()
        move_pieces([piece.stock_no], bench.code, staff=staff, reason=because)
    return {}


def vendor_location(vendor: Vendor, staff: Staff | None) -> Location:
    """The vendor's own location (L-<vendor code>), made the first time a job goes out."""
    code = normalise_code(f"L-{vendor.code}")
    place = Location.get_or_none(Location.code == code)
    if place is None:
        place = create_location(
            {"code": code, "name": f"At {vendor.name}", "kind": "vendor", "sellable": False},
            staff=staff,
        )
    return place


def _log(
    job: WorkOrder,
    before: str,
    after: str,
    staff: Staff | None,
    reason: str,
    *,
    action: str = "wo_status",
) -> None:
    WorkOrderEvent.create(
        work_order=job,
        at=clock.now(),
        staff=staff,
        from_status=before,
        to_status=after,
        reason=reason,
    )
    ledger.record(
        action,
        staff=staff,
        piece=Piece.get_by_id(job.piece_id) if job.piece_id else None,
        reason=reason,
        before={"status": before} if before else {},
        after={"status": after, "code": job.code},
        ref=("work_order", job.id),
    )


def complete(
    code: str, *, staff: Staff | None, to_location: str = "", final_cents: int | None = None
) -> WorkOrder:
    """Hand a ready job over: picked up by the customer, or a stock piece back to stock."""
    job = find_work_order(code)
    target = "done" if job.piece_id else "picked_up"
    return change_status(
        code,
        target,
        staff=staff,
        reason="completed",
        to_location=to_location,
        final_cents=final_cents,
    )


def assign(
    code: str,
    *,
    staff: Staff | None,
    assignee: Staff | None = None,
    vendor: Vendor | None = None,
    bench: str = "",
) -> WorkOrder:
    """Give the job to a craftsperson, an outside vendor, or another bench."""
    if assignee is None and vendor is None and not bench:
        raise InvalidInput("Name a craftsperson, a vendor or a bench.", field="assignee")
    with write_transaction():
        job = find_work_order(code)
        if not is_open(job):
            raise NotAvailable(f"{job.code} is {words(job.status)}; it cannot be reassigned.")
        updates: dict[str, Any] = {}
        if assignee is not None:
            updates["assignee"] = assignee
        if vendor is not None:
            updates["vendor"] = vendor
        if bench:
            place = bench_location(bench)
            updates["bench_location"] = place
            if job.piece_id and job.status != "at_vendor":
                stock_no = Piece.get_by_id(job.piece_id).stock_no
                move_pieces([stock_no], place.code, staff=staff, reason=f"work order {job.code}")
        WorkOrder.update(updates).where(WorkOrder.id == job.id).execute()
        ledger.record(
            "wo_assign",
            staff=staff,
            after={k: getattr(v, "code", v) for k, v in updates.items()},
            ref=("work_order", job.id),
        )
    return WorkOrder.get_by_id(job.id)


def appraise(
    code: str,
    *,
    value_cents: int,
    appraiser: Staff,
    metal_description: str,
    stone_description: str = "",
    staff: Staff | None,
) -> Appraisal:
    """Record an appraisal of the job's item: value, date, metal and stones, appraiser."""
    if value_cents < 0:
        raise InvalidInput("An appraised value cannot be negative.", field="value")
    if not metal_description.strip():
        raise InvalidInput("Describe the metal (e.g. '18K yellow gold, tested').", field="metal")
    with write_transaction():
        job = find_work_order(code)
        made = Appraisal.create(
            work_order=job,
            appraised_value_cents=value_cents,
            currency=job.currency,
            appraised_at=clock.now(),
            metal_description=metal_description.strip(),
            stone_description=stone_description.strip(),
            appraiser=appraiser,
        )
        ledger.record(
            "wo_appraise",
            staff=staff,
            after={"value_cents": value_cents, "appraiser": appraiser.code},
            ref=("work_order", job.id),
        )
    return made


def latest_appraisal(job: WorkOrder) -> Appraisal | None:
    return (
        Appraisal.select(Appraisal, Staff)
        .join(Staff)
        .where(Appraisal.work_order == job)
        .order_by(Appraisal.id.desc())
        .first()
    )


# --- reading ------------------------------------------------------------------------


def parse_promised(text: str) -> datetime | None:
    """'2026-12-01' (end of the shop's day, 18:00 local) or '2026-12-01T12:00'."""
    text = text.strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"'{text}' is not a date; type it like 2026-12-01.", field="promised_at"
        ) from None
    if len(text) <= 10:
        moment = datetime.combine(moment.date(), time(18, 0))
    if moment.tzinfo is None:
        moment = moment.astimezone()  # the shop's local zone
    return moment


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
    jobs = _open_jobs().where(WorkOrder.promised_at < moment)
    jobs = jobs.order_by(WorkOrder.promised_at, WorkOrder.code)  # ties in job order, on any backend
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
