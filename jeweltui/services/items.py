"""Quantity-tracked basics (chains by length, studs, findings): counts per location."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, NotAvailable, UnknownCode
from jeweltui.models import Item, Staff, StockLevel
from jeweltui.money import parse_money
from jeweltui.services import ledger
from jeweltui.services.locations import find_location
from jeweltui.services.pieces import SKU_PATTERN
from jeweltui.services.vendors import find_vendor
from jeweltui.text import clean_line


def create_item(raw: Mapping[str, Any], *, staff: Staff | None) -> Item:
    sku = str(raw.get("sku") or "").strip().upper()
    if not SKU_PATTERN.match(sku):
        raise InvalidInput(f"SKU '{sku}' is not valid.", field="sku")
    title = clean_line(raw.get("title"))
    if not title:
        raise InvalidInput("An item needs a title.", field="title")
    vendor = find_vendor(raw["vendor"]) if raw.get("vendor") else None
    with write_transaction():
        if Item.select().where(Item.sku == sku).exists():
            raise InvalidInput(f"SKU {sku} exists already.", field="sku")
        item = Item.create(
            sku=sku,
            title=title,
            category=str(raw.get("category") or "other").strip().lower(),
            metal=str(raw.get("metal") or ""),
            karat=int(raw["karat"]) if raw.get("karat") else None,
            cost_cents=parse_money(raw.get("cost") or 0, field="cost"),
            retail_cents=parse_money(raw.get("retail") or 0, field="retail"),
            vendor=vendor,
            reorder_point=int(raw.get("reorder_point") or 0),
            created_at=clock.now(),
        )
        ledger.record("item_add", staff=staff, after={"sku": sku}, ref=("item", item.id))
    return item


def find_item(sku: str) -> Item:
    item = Item.get_or_none(Item.sku == sku.strip().upper())
    if item is None:
        raise UnknownCode(f"No item with SKU {sku.strip().upper()}.")
    return item


def adjust_quantity(
    sku: str, location: str, delta: int, *, staff: Staff | None, reason: str
) -> StockLevel:
    """Add (receive) or take (sell, scrap) units at one location; never below zero."""
    item, where = find_item(sku), find_location(location)
    with write_transaction():
        level, _ = StockLevel.get_or_create(item=item, location=where, defaults={"qty": 0})
        if level.qty + delta < 0:
            raise NotAvailable(
                f"Only {level.qty} of {item.sku} in {where.name}; cannot take {-delta}."
            )
        before = {"qty": level.qty}
        level.qty += delta
        level.save()
        ledger.record(
            "qty",
            staff=staff,
            reason=reason,
            before=before,
            after={"qty": level.qty, "sku": item.sku, "location_id": where.id},
            ref=("stock_level", level.id),
        )
    return level
