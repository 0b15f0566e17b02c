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
from jeweltui.units import parse_karat


def create_item(raw: Mapping[str, Any], *, staff: Staff | None) -> Item:
    sku = str(raw.get("sku") or "").strip().upper()
    if not SKU_PATTERN.match(sku):
        raise InvalidInput(f"SKU '{sku}' is not valid.", field="sku")
    if not clean_line(raw.get("title")):
        raise InvalidInput("An item needs a title.", field="title")
    fields = {k: raw[k] for k in ITEM_EDITABLE if k in raw}
    values = _clean_item_fields({"category": "other", **fields})
    if "style" not in values:  # a new size of a known design joins its style by SKU core
        from jeweltui.models import Style
        from jeweltui.models.grouping import sku_core

        values["style"] = Style.get_or_none(Style.code == sku_core(sku))
    with write_transaction():
        if Item.select().where(Item.sku == sku).exists():
            raise InvalidInput(f"SKU {sku} exists already.", field="sku")
        item = Item.create(sku=sku, created_at=clock.now(), **values)
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


def item_on_hand(item: Item) -> int:
    """Units of an item in the shop, every location together."""
    from peewee import fn

    total = StockLevel.select(fn.SUM(StockLevel.qty)).where(StockLevel.item == item).scalar()
    return total or 0


ITEM_EDITABLE = (
    "title",
    "category",
    "metal",
    "karat",
    "cost",
    "retail",
    "vendor",
    "reorder_point",
    "style",
)


def _clean_item_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "title" in raw:
        out["title"] = clean_line(raw["title"])
        if not out["title"]:
            raise InvalidInput("An item needs a title.", field="title")
    if "category" in raw:
        out["category"] = str(raw["category"] or "other").strip().lower()
    if "metal" in raw:
        out["metal"] = clean_line(raw["metal"])
    if "karat" in raw:
        out["karat"] = parse_karat(raw["karat"])
    if "cost" in raw:
        out["cost_cents"] = parse_money(raw["cost"] or 0, field="cost")
    if "retail" in raw:
        out["retail_cents"] = parse_money(raw["retail"] or 0, field="retail", label="unit price")
    if "vendor" in raw:
        out["vendor"] = find_vendor(raw["vendor"]) if raw["vendor"] else None
    if "reorder_point" in raw:
        point = raw["reorder_point"]
        if point in (None, ""):
            point = 0
        if not str(point).strip().isdigit():
            raise InvalidInput(
                "The reorder point is a whole number of units.", field="reorder_point"
            )
        out["reorder_point"] = int(point)
    if "style" in raw:
        from jeweltui.services.styles import find_style

        out["style"] = find_style(raw["style"]) if raw["style"] else None
    return out


def edit_item(item: Item, changes: Mapping[str, Any], *, staff: Staff | None) -> Item:
    unknown = set(changes) - set(ITEM_EDITABLE)
    if unknown:
        raise InvalidInput(f"Cannot edit {', '.join(sorted(unknown))}.", field=sorted(unknown)[0])
    values = _clean_item_fields(changes)

    def plain(value: Any) -> Any:
        return getattr(value, "code", value)

    with write_transaction():
        current = Item.get_by_id(item.id)
        changed = {k: v for k, v in values.items() if plain(getattr(current, k)) != plain(v)}
        if not changed:
            return current
        before = {k: plain(getattr(current, k)) for k in changed}
        Item.update(**changed).where(Item.id == current.id).execute()
        ledger.record(
            "item_edit",
            staff=staff,
            before=before,
            after={"sku": current.sku, **{k: plain(v) for k, v in changed.items()}},
            ref=("item", current.id),
        )
    return Item.get_by_id(item.id)


def find_item_or_none(code: str) -> Item | None:
    """The item a scanned or typed code names, or None (it may be a piece's code)."""
    return Item.get_or_none(Item.sku == code.strip().upper())


def item_skus(codes) -> list[str]:
    """Which of these codes are quantity items' SKUs."""
    wanted = [c.strip().upper() for c in codes]
    return [i.sku for i in Item.select(Item.sku).where(Item.sku.in_(wanted))]
