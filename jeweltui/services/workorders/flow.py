"""Work order status flow: the steps a job may take, who works on it, where its piece sits.

A stock piece in an open job sits on a bench (or vendor) location and is unavailable
everywhere (availability.open_work_order); when the job ends it goes back to a location
the user names. Every change is one transaction with a WorkOrderEvent and a ledger row.
"""

from __future__ import annotations

import re
from typing import Any

from jeweltui import clock
from jeweltui.codes import normalise_code
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, NotAvailable, UnknownCode
from jeweltui.models import Location, Piece, Staff, Vendor
from jeweltui.models.workorders import (
    CLOSED_STATUSES,
    WORK_STATUSES,
    WorkOrder,
    WorkOrderEvent,
)
from jeweltui.services import ledger
from jeweltui.services.locations import create_location, find_location
from jeweltui.services.moves import move_pieces
from jeweltui.text import clean_line

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
    reason = clean_line(reason)
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
        log_event(job, job.status, new_status, staff, reason)
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


def log_event(
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
