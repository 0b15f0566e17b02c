"""Oversell incidents: a channel sold a piece that was no longer ours to sell, and why.

The cause is read from the facts we hold: what blocks the piece and since when, and
when this channel last received a feed. A sale or hold that happened after the last
export was invisible to the channel; a feed older than STALE_AFTER explains anything.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, UnknownCode
from jeweltui.models import Movement, Piece, Staff
from jeweltui.models.exports import ExportRun
from jeweltui.models.orders import ChannelOrder, Incident
from jeweltui.services import ledger
from jeweltui.services.availability import active_sale, blocking_hold, open_work_order
from jeweltui.text import clean_note

log = logging.getLogger(__name__)

# A channel's copy of our stock is called stale once the last export is this old.
STALE_AFTER = timedelta(hours=24)

CAUSE_WORDS = {
    "sold_in_store_after_export": "sold in store after last export",
    "hold_not_published": "hold not published",
    "stale_feed": "stale feed",
    "duplicate_listing": "duplicate listing",
    "other": "other",
}


def last_export_at(channel: str) -> datetime | None:
    """When the channel last got a complete feed from us (None: never)."""
    run = (
        ExportRun.select(ExportRun.finished_at)
        .where(
            (ExportRun.channel == channel)
            & (ExportRun.result == "ok")
            & ExportRun.finished_at.is_null(False)
        )
        .order_by(ExportRun.finished_at.desc())
        .first()
    )
    return run.finished_at if run else None


def _blocker(piece: Piece, at: datetime) -> tuple[str, datetime, str, str]:
    """(kind, since, channel, words): what keeps the piece from this order."""
    sale = active_sale(piece) if piece.status == "sold" else None
    if sale is not None:
        ref = f" order {sale.external_ref}" if sale.external_ref else ""
        where = "in store" if sale.channel == "store" else f"on {sale.channel}{ref}"
        words = f"sold {where} (sale #{sale.id}) at {clock.format_local(sale.at)}"
        return "sold", sale.at, sale.channel, words
    hold = blocking_hold(piece, at)
    if hold is not None:
        who = hold.customer.name if hold.customer_id else f"the {hold.channel} channel"
        words = f"{'on hold for' if hold.kind == 'hold' else 'reserved by'} {who}"
        words += f" since {clock.format_local(hold.placed_at)}"
        return hold.kind, hold.placed_at, hold.channel, words
    movement = (
        Movement.select(Movement.at).where(Movement.piece == piece).order_by(Movement.id.desc())
    ).first()
    last = movement.at if movement else piece.updated_at
    job = open_work_order(piece)
    if job is not None:
        return "job", last, "", f"in work order {job.code} since {clock.format_local(last)}"
    return "away", last, "", f"{piece.status.replace('_', ' ')} in {piece.location.name}"


def classify(piece: Piece, channel: str, at: datetime) -> tuple[str, str]:
    """The root cause of an oversell on `channel` at time `at`, with an explanation."""
    kind, since, other_channel, words = _blocker(piece, at)
    subject = f"{piece.stock_no} was {words}"
    if kind in ("sold", "reservation") and other_channel not in ("", "store"):
        return "duplicate_listing", f"{subject}: the same piece was offered on two channels."
    exported = last_export_at(channel)
    if exported is None:
        return "stale_feed", f"{subject}; no export to {channel} is on record."
    export_words = f"the last export to {channel} at {clock.format_local(exported)}"
    if since <= exported:
        return (
            "stale_feed",
            f"{subject}, before {export_words}: {channel} still sells from an older feed.",
        )
    if at - exported > STALE_AFTER:
        hours = int((at - exported).total_seconds() // 3600)
        return "stale_feed", f"{subject}, after {export_words} — {hours} h before the order."
    if kind == "sold":
        return "sold_in_store_after_export", f"{subject}, after {export_words}."
    if kind in ("hold", "reservation"):
        return "hold_not_published", f"{subject}, after {export_words}; no export since."
    return "other", f"{subject}, after {export_words}."


def record_oversell(
    piece: Piece,
    *,
    channel: str,
    order: ChannelOrder | None,
    order_ref: str,
    staff: Staff | None,
    at: datetime | None = None,
) -> Incident:
    """One incident per (order, piece); a second report of the same order returns the first."""
    existing = Incident.get_or_none((Incident.order == order) & (Incident.piece == piece))
    if existing is not None:
        return existing
    now = clock.now()
    cause, explanation = classify(piece, channel, at or now)
    incident = Incident.create(
        piece=piece,
        channel=channel,
        order=order,
        order_ref=order_ref,
        detected_at=now,
        cause=cause,
        explanation=explanation,
    )
    ledger.record(
        "oversell",
        staff=staff,
        piece=piece,
        reason=CAUSE_WORDS[cause],
        note=f"{channel} order {order_ref}: {explanation}",
        ref=("incident", incident.id),
    )
    log.warning(
        "oversell: %s order %s sold %s (%s)", channel, order_ref, piece.stock_no, CAUSE_WORDS[cause]
    )
    return incident


def resolve_incident(incident_id: int, *, staff: Staff | None, note: str) -> Incident:
    note = clean_note(note)
    if not note:
        raise InvalidInput("Say how the incident was resolved (--note).", field="note")
    with write_transaction():
        incident = Incident.get_or_none(Incident.id == incident_id)
        if incident is None:
            raise UnknownCode(f"No incident #{incident_id}.")
        if incident.resolved_at is not None:
            raise InvalidInput(f"Incident #{incident_id} is resolved already.", field="incident")
        _close(incident, staff, note)
    return Incident.get_by_id(incident_id)


def _close(incident: Incident, staff: Staff | None, note: str) -> None:
    Incident.update(resolved_at=clock.now(), resolved_by=staff, resolution=note).where(
        Incident.id == incident.id
    ).execute()
    ledger.record(
        "incident_resolved",
        staff=staff,
        piece=incident.piece,
        reason=note,
        ref=("incident", incident.id),
    )


def close_for_cancelled_order(incident: Incident, staff: Staff | None) -> None:
    """The channel cancelled the order itself: nothing left to fix (call inside a transaction)."""
    if incident.resolved_at is None:
        _close(incident, staff, f"order cancelled on {incident.channel}")


def time_to_fix(incident: Incident) -> str:
    if incident.resolved_at is None:
        return ""
    minutes = int((incident.resolved_at - incident.detected_at).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    return f"{hours} h {mins:02d} min" if hours else f"{mins} min"


def incident_rows(open_only: bool = False) -> list[dict[str, Any]]:
    query = Incident.select(Incident, Piece).join(Piece).order_by(Incident.detected_at.desc())
    if open_only:
        query = query.where(Incident.resolved_at.is_null())
    return [
        {
            "id": inc.id,
            "detected": clock.format_stamp(inc.detected_at),
            "stock_no": inc.piece.stock_no,
            "title": inc.piece.title,
            "channel": inc.channel,
            "order": inc.order_ref,
            "cause": inc.cause,
            "cause_words": CAUSE_WORDS.get(inc.cause, inc.cause),
            "explanation": inc.explanation,
            "state": "open" if inc.resolved_at is None else "resolved",
            "resolution": inc.resolution,
            "time_to_fix": time_to_fix(inc),
        }
        for inc in query
    ]
