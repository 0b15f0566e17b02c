"""Vendors: finding and adding one, the list, their saved header mappings and cost history."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from peewee import JOIN, fn

from jeweltui import bounds, clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, UnknownCode
from jeweltui.models import Piece, Staff, Vendor
from jeweltui.models.vendors import CostHistory, VendorMapping
from jeweltui.money import format_money
from jeweltui.services import ledger
from jeweltui.services.contacts import clean_contact_fields
from jeweltui.services.sequences import given_code_or_next
from jeweltui.text import clean_line

# Our fields a vendor's column can be mapped to (receiving).
MAPPABLE = (
    "sku",
    "title",
    "category",
    "vendor_style",
    "metal",
    "karat",
    "colour",
    "ring_size",
    "metal_g",
    "cost",
    "retail",
    "description",
    "barcode",
    "stone_type",
    "stone_ct",
)


def find_vendor(raw: str) -> Vendor:
    text = raw.strip()
    vendor = Vendor.get_or_none((Vendor.code == text.upper()) | (Vendor.name == text))
    if vendor is None:
        raise UnknownCode(f"No vendor '{text}'.")
    return vendor


def create_vendor(raw: Mapping[str, Any], *, staff: Staff | None) -> Vendor:
    values = clean_contact_fields(raw)
    values["contact"] = clean_line(raw.get("contact"))
    values["terms"] = clean_line(raw.get("terms"))
    for name in ("lead_time_days", "memo_days"):
        if raw.get(name) not in (None, ""):
            values[name] = bounds.whole_number(
                raw[name], label=name.replace("_", " "), field=name, high=36_500
            )
    with write_transaction():
        code = given_code_or_next(raw.get("code"), "vendor", "V", 3)
        if Vendor.select().where(Vendor.code == code).exists():
            raise InvalidInput(f"Vendor {code} exists already.", field="code")
        vendor = Vendor.create(code=code, **values)
        ledger.record("vendor_add", staff=staff, after={"code": code}, ref=("vendor", vendor.id))
    return vendor


def vendor_rows() -> list[dict[str, Any]]:
    """Every vendor by code: pieces they supplied, and how many of those are in stock now."""
    supplied = fn.COUNT(Piece.id)
    in_stock = fn.COALESCE(fn.SUM(Piece.status == "in_stock"), 0)
    rows = (
        Vendor.select(Vendor, supplied.alias("pieces"), in_stock.alias("in_stock"))
        .join(Piece, on=(Piece.vendor == Vendor.id), join_type=JOIN.LEFT_OUTER)
        .group_by(Vendor.id)
        .order_by(Vendor.code)
    )
    return [
        {
            "code": v.code,
            "name": v.name,
            "contact": v.contact,
            "email": v.email,
            "phone": v.phone,
            "terms": v.terms,
            "lead_time_days": v.lead_time_days,
            "memo_days": v.memo_days,
            "pieces": v.pieces,
            "in_stock": v.in_stock,
        }
        for v in rows
    ]


def vendor_choices() -> list[tuple[str, str]]:
    return [(v.name, v.code) for v in Vendor.select().order_by(Vendor.name)]


def vendor_story(code: str, *, with_cost: bool = True) -> dict[str, Any]:
    """One vendor: contact, terms, the pieces they supplied and what they cost over time."""
    vendor = find_vendor(code)
    story = next(row for row in vendor_rows() if row["code"] == vendor.code)
    pieces = Piece.select().where(Piece.vendor == vendor).order_by(Piece.stock_no)
    story["supplied"] = [
        {
            "stock_no": p.stock_no,
            "title": p.title,
            "vendor_style": p.vendor_style,
            "ownership": p.ownership,
            "status": p.status,
            **({"cost": format_money(p.cost_cents, p.currency)} if with_cost else {}),
        }
        for p in pieces
    ]
    story["mappings"] = sorted(m.name for m in vendor.mappings)
    if with_cost:
        history = CostHistory.select().where(CostHistory.vendor == vendor).order_by(CostHistory.id)
        story["cost_history"] = [
            {
                "sku": h.sku,
                "cost_cents": h.cost_cents,
                "at": clock.format_local(h.at),
                "source": h.source,
            }
            for h in history
        ]
    return story


def record_cost(vendor: Vendor | None, sku: str, cost_cents: int, *, piece=None, source="") -> None:
    """Remember what a vendor charged for a style; call inside the caller's transaction."""
    CostHistory.create(
        vendor=vendor, sku=sku, piece=piece, cost_cents=cost_cents, at=clock.now(), source=source
    )


def clean_mapping(raw: Mapping[str, str]) -> dict[str, str]:
    unknown = sorted(set(raw) - set(MAPPABLE))
    if unknown:
        raise InvalidInput(
            f"Cannot map {', '.join(unknown)}; fields are: {', '.join(MAPPABLE)}.",
            field="mapping",
        )
    return {k: str(v).strip() for k, v in raw.items() if str(v).strip()}


def save_mapping(
    vendor_code: str, mapping: Mapping[str, str], *, name: str = "default", staff: Staff | None
) -> VendorMapping:
    """Save which of the vendor's columns holds which of our fields, for next time."""
    vendor = find_vendor(vendor_code)
    values = clean_mapping(mapping)
    with write_transaction():
        row, _ = VendorMapping.get_or_create(vendor=vendor, name=name)
        before = json.loads(row.mapping)
        row.mapping = json.dumps(values, sort_keys=True)
        row.save()
        ledger.record(
            "vendor_mapping",
            staff=staff,
            reason=name,
            before=before,
            after=values,
            ref=("vendor_mapping", row.id),
        )
    return row


def load_mapping(vendor: Vendor, name: str = "default") -> dict[str, str]:
    row = VendorMapping.get_or_none((VendorMapping.vendor == vendor) & (VendorMapping.name == name))
    if row is None:
        if name != "default":
            raise UnknownCode(f"Vendor {vendor.code} has no saved mapping '{name}'.")
        return {}
    return json.loads(row.mapping)
