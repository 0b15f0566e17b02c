"""Read-only views the CLI and the screens share: counts, customer stories, history in words."""

from __future__ import annotations

import json
from typing import Any

from peewee import JOIN, fn

from jeweltui import clock
from jeweltui.models import (
    Customer,
    Hold,
    Location,
    Movement,
    Piece,
    Sale,
    SaleLine,
    Staff,
    count_if,
)
from jeweltui.models.workorders import Appraisal, WorkOrder
from jeweltui.money import format_money
from jeweltui.services.lookup import find_customer


def location_counts() -> list[dict[str, Any]]:
    """Every location and how many pieces are in stock there."""
    in_stock = count_if(Piece.status == "in_stock")
    rows = (
        Location.select(Location, fn.COALESCE(in_stock, 0).alias("pieces"))
        .join(Piece, JOIN.LEFT_OUTER)
        .group_by(Location.id)
        .order_by(Location.code)
    )
    return [
        {
            "code": loc.code,
            "name": loc.name,
            "kind": loc.kind,
            "sellable": loc.sellable,
            "pieces": loc.pieces,
        }
        for loc in rows
    ]


def category_counts() -> list[tuple[str, int]]:
    rows = (
        Piece.select(Piece.category, fn.COUNT(Piece.id))
        .where(Piece.status == "in_stock")
        .group_by(Piece.category)
        .order_by(fn.COUNT(Piece.id).desc())
        .tuples()
    )
    return list(rows)


def customer_rows(text: str = "") -> list[dict[str, Any]]:
    query = Customer.select().order_by(Customer.name)
    if text:
        like = f"%{text}%"
        query = query.where((Customer.name**like) | (Customer.phone**like) | (Customer.email**like))
    return [{"code": c.code, "name": c.name, "phone": c.phone, "email": c.email} for c in query]


def customer_story(who: str) -> dict[str, Any]:
    """A customer in one place: purchases, holds, work orders and appraisals."""
    customer = find_customer(who)
    purchases = (
        SaleLine.select(SaleLine, Sale, Piece)
        .join(Sale)
        .switch(SaleLine)
        .join(Piece)
        .where((Sale.customer == customer) & Sale.cancelled_at.is_null())
        .order_by(Sale.at.desc())
    )
    holds = (
        Hold.select(Hold, Piece)
        .join(Piece)
        .where(
            (Hold.customer == customer) & Hold.closed_at.is_null() & (Hold.expires_at > clock.now())
        )
        .order_by(Hold.expires_at, Hold.id)
    )
    return {
        "code": customer.code,
        "name": customer.name,
        "phone": customer.phone,
        "email": customer.email,
        "notes": customer.notes,
        "purchases": [
            {
                "sale": line.sale.id,
                "date": clock.local(line.sale.at).strftime("%Y-%m-%d"),
                "stock_no": line.piece.stock_no,
                "title": line.piece.title,
                "price": format_money(line.price_cents, line.piece.currency),
                "price_cents": line.price_cents,
            }
            for line in purchases
        ],
        "holds": [
            {
                "hold": h.id,
                "stock_no": h.piece.stock_no,
                "until": clock.format_local(h.expires_at),
                "title": h.piece.title,
                "reason": h.reason,
            }
            for h in holds
        ],
        "work_orders": customer_work_orders(customer),
        "appraisals": customer_appraisals(customer),
    }


def customer_work_orders(customer: Customer) -> list[dict[str, Any]]:
    """The customer's jobs, newest first: open and closed, with the status in words."""
    from jeweltui.services.workorders import is_overdue, ticket_words, words

    jobs = (
        WorkOrder.select(WorkOrder, Piece)
        .join(Piece, JOIN.LEFT_OUTER)
        .where(WorkOrder.customer == customer)
        .order_by(WorkOrder.id.desc())
    )
    return [
        {
            "code": job.code,
            "item_no": ticket_words(job),
            "kind": job.kind,
            "status": words(job.status),
            "promised": clock.local(job.promised_at).strftime("%Y-%m-%d")
            if job.promised_at
            else "",
            "overdue": is_overdue(job),
            "rush": job.rush,
            "item": job.piece.stock_no if job.piece_id else job.item_description,
        }
        for job in jobs
    ]


def customer_appraisals(customer: Customer) -> list[dict[str, Any]]:
    """Appraisals of the customer's items, newest first."""
    rows = (
        Appraisal.select(Appraisal, WorkOrder)
        .join(WorkOrder)
        .where(WorkOrder.customer == customer)
        .order_by(Appraisal.appraised_at.desc(), Appraisal.id.desc())
    )
    return [
        {
            "work_order": a.work_order.code,
            "value": format_money(a.appraised_value_cents, a.currency),
            "value_cents": a.appraised_value_cents,
            "date": clock.local(a.appraised_at).strftime("%Y-%m-%d"),
            "item": a.work_order.item_description,
        }
        for a in rows
    ]


ACTION_WORDS = {
    "create": "added to stock",
    "edit": "edited",
    "move": "moved",
    "sell": "sold",
    "cancel_sale": "sale cancelled",
    "hold": "put on hold",
    "reservation": "reserved",
    "release": "hold released",
    "retire": "retired",
    "return": "returned by the customer",
    "oversell": "oversold on a channel (incident)",
    "incident_resolved": "oversell incident resolved",
    "expire": "hold expired",
    "extend": "hold extended",
    "hold_sold": "sold to the customer on hold",
    "memo_in": "received on memo",
    "memo_out": "sent out on memo",
    "memo_buy": "bought from memo",
    "wo_intake": "taken in for a work order",
    "wo_status": "work order status changed",
    "wo_assign": "work order assigned",
    "wo_appraise": "appraised",
    "code": "scan code added",
}


def history_rows(piece: Piece) -> list[dict[str, Any]]:
    """A piece's ledger in words: when, who, what, why."""
    locations = {loc.id: loc.code for loc in Location.select(Location.id, Location.code)}
    rows = (
        Movement.select(Movement, Staff)
        .join(Staff, JOIN.LEFT_OUTER)
        .where(Movement.piece == piece)
        .order_by(Movement.id)
    )
    out = []
    for row in rows:
        after = json.loads(row.after)
        what = ACTION_WORDS.get(row.action, row.action)
        if "location_id" in after:
            what += f" → {locations.get(after['location_id'], '?')}"
        if row.ref_table == "sale":
            what += f" (sale #{row.ref_id})"
        out.append(
            {
                "at": clock.local(row.at).strftime("%Y-%m-%d %H:%M"),
                "at_utc": row.at.isoformat(),
                "who": row.staff.name if row.staff_id else "system",
                "action": row.action,
                "what": what,
                "reason": row.reason,
                "note": row.note,
            }
        )
    return out
