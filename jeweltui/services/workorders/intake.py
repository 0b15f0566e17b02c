"""Work order intake at the counter: one ticket, one job per item, stock pieces to the bench."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, NotAvailable
from jeweltui.models import Customer, Piece, Staff, Vendor
from jeweltui.models.workorders import (
    WORK_KINDS,
    WorkOrder,
)
from jeweltui.services.availability import open_work_order
from jeweltui.services.moves import move_pieces
from jeweltui.services.pieces import find_piece
from jeweltui.services.sequences import take_next
from jeweltui.services.workorders.flow import bench_location, log_event, words
from jeweltui.text import clean_line, clean_note


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
                contact_phone=clean_line(ticket.contact_phone),
                contact_email=clean_line(ticket.contact_email),
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
            log_event(job, "", "received", staff, "intake", action="wo_intake")
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
    for name in ("item_description", "metal", "purity", "stone_shape", "stone_colour"):
        values[name] = clean_line(values[name])
    values["condition_notes"] = clean_note(values["condition_notes"])
    values["job"] = clean_line(item.job)
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
