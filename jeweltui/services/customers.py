"""Customers: finding one, adding one, the list, and a customer's story in one place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from peewee import JOIN

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, UnknownCode
from jeweltui.models import (
    Customer,
    Hold,
    Piece,
    Sale,
    SaleLine,
    Staff,
)
from jeweltui.models.workorders import Appraisal, WorkOrder
from jeweltui.money import format_money
from jeweltui.services import ledger
from jeweltui.services.contacts import clean_contact_fields
from jeweltui.services.sequences import given_code_or_next
from jeweltui.services.workorders import is_overdue, ticket_words, words
from jeweltui.text import clean_note


def find_customer(raw: str) -> Customer:
    """A customer by code (C-00012), or by a name that matches exactly one customer."""
    text = raw.strip()
    customer = Customer.get_or_none(Customer.code == text.upper())
    if customer:
        return customer
    matches = list(Customer.select().where(Customer.name ** f"%{text}%").limit(2))
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UnknownCode(f"No customer called or coded '{text}'.")
    raise UnknownCode(f"More than one customer matches '{text}'; use the customer code.")


def create_customer(raw: Mapping[str, Any], *, staff: Staff | None) -> Customer:
    values = clean_contact_fields(raw)
    values["notes"] = clean_note(raw.get("notes"))
    with write_transaction():
        code = given_code_or_next(raw.get("code"), "customer", "C", 5)
        if Customer.select().where(Customer.code == code).exists():
            raise InvalidInput(f"Customer {code} exists already.", field="code")
        customer = Customer.create(code=code, created_at=clock.now(), **values)
        ledger.record(
            "customer_add", staff=staff, after={"code": code}, ref=("customer", customer.id)
        )
    return customer


def customer_rows(text: str = "") -> list[dict[str, Any]]:
    query = Customer.select().order_by(Customer.name)
    if text:
        like = f"%{text}%"
        query = query.where((Customer.name**like) | (Customer.phone**like) | (Customer.email**like))
    return [{"code": c.code, "name": c.name, "phone": c.phone, "email": c.email} for c in query]


def customer_search(text: str, limit: int = 10) -> list[tuple[str, str]]:
    like = f"%{text.strip()}%"
    query = (
        Customer.select(Customer.code, Customer.name)
        .where((Customer.name**like) | (Customer.code**like) | (Customer.phone**like))
        .order_by(Customer.name)
        .limit(limit)
    )
    return list(query.tuples())


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
                "date": clock.format_day(line.sale.at),
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
            "promised": clock.format_day(job.promised_at) if job.promised_at else "",
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
            "date": clock.format_day(a.appraised_at),
            "item": a.work_order.item_description,
        }
        for a in rows
    ]
