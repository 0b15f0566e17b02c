"""Styles: one record per design, whose variants are pieces and quantity items.

A new variant takes the style's defaults (title, category, metal, karat, colour, vendor,
vendor style, description) unless it says otherwise; its SKU is the style code plus the
variant's metal and size ("RNG-TWS" + 14K yellow + size 6.5 -> "RNG-TWS-14Y-65").
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, UnknownCode
from jeweltui.models import Item, Location, Piece, Staff, Style
from jeweltui.services import ledger
from jeweltui.services.categories import CATEGORIES
from jeweltui.services.vendors import find_vendor
from jeweltui.text import clean_line, clean_note
from jeweltui.units import parse_karat

STYLE_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,29}$")
TEXT_FIELDS = (
    "title",
    "description",
    "metal",
    "colour",
    "vendor_style",
    "channel_title",
    "channel_description",
)
EDITABLE = (*TEXT_FIELDS, "category", "karat", "vendor", "attributes")
# What a new variant inherits from its style when it does not say.
INHERITED = ("title", "category", "description", "metal", "karat", "colour", "vendor_style")


def find_style(raw: str) -> Style:
    code = str(raw).strip().upper()
    style = Style.get_or_none(Style.code == code)
    if style is None:
        raise UnknownCode(f"No style with code {code}.")
    return style


def _clean_attributes(value: Any) -> str:
    """'setting=prong, finish=polished' or a mapping -> JSON text."""
    if isinstance(value, Mapping):
        pairs = dict(value)
    else:
        pairs = {}
        for part in str(value or "").split(","):
            if not part.strip():
                continue
            key, sep, val = part.partition("=")
            if not sep or not key.strip():
                raise InvalidInput(
                    f"Attribute '{part.strip()}' needs a name and a value, like setting=prong.",
                    field="attributes",
                )
            pairs[key.strip().lower()] = val.strip()
    return json.dumps(pairs, sort_keys=True, ensure_ascii=False)


def clean_style_fields(raw: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {}
    given = {k: v for k, v in raw.items() if not partial or v is not None}
    for name in TEXT_FIELDS:
        if name in given:
            clean = clean_note if name.endswith("description") else clean_line
            out[name] = clean(given[name])
    if not partial and not out.get("title"):
        raise InvalidInput("A style needs a title.", field="title")
    if partial and "title" in out and not out["title"]:
        raise InvalidInput("A style needs a title.", field="title")
    if "category" in given or not partial:
        category = str(given.get("category") or "other").strip().lower().replace(" ", "_")
        if category not in CATEGORIES:
            raise InvalidInput(
                f"Unknown category '{category}'; one of: {', '.join(CATEGORIES)}.",
                field="category",
            )
        out["category"] = category
    if "karat" in given:
        out["karat"] = parse_karat(given["karat"])
    if "vendor" in given:
        out["vendor"] = find_vendor(given["vendor"]) if given["vendor"] else None
    if "attributes" in given:
        out["attributes"] = _clean_attributes(given["attributes"])
    return out


def create_style(raw: Mapping[str, Any], *, staff: Staff | None) -> Style:
    code = str(raw.get("code") or "").strip().upper()
    if not STYLE_CODE.match(code):
        raise InvalidInput(
            f"Style code '{code}' is not valid: 2–30 letters, digits and dashes (e.g. RNG-TWS).",
            field="code",
        )
    values = clean_style_fields({k: v for k, v in raw.items() if k != "code"})
    now = clock.now()
    with write_transaction():
        if Style.select().where(Style.code == code).exists():
            raise InvalidInput(f"Style {code} exists already.", field="code")
        style = Style.create(code=code, created_at=now, updated_at=now, **values)
        ledger.record("style_add", staff=staff, after={"code": code}, ref=("style", style.id))
    return style


def edit_style(style: Style, changes: Mapping[str, Any], *, staff: Staff | None) -> Style:
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InvalidInput(f"Cannot edit {', '.join(sorted(unknown))}.", field=sorted(unknown)[0])
    values = clean_style_fields(changes, partial=True)
    with write_transaction():
        current = Style.get_by_id(style.id)
        before = {k: _plain(getattr(current, k)) for k in values}
        changed = {k: v for k, v in values.items() if _plain(getattr(current, k)) != _plain(v)}
        if not changed:
            return current
        Style.update(updated_at=clock.now(), **changed).where(Style.id == current.id).execute()
        ledger.record(
            "style_edit",
            staff=staff,
            before={k: before[k] for k in changed},
            after={k: _plain(v) for k, v in changed.items()},
            ref=("style", current.id),
        )
    return Style.get_by_id(style.id)


def _plain(value: Any) -> Any:
    return value.code if hasattr(value, "code") else value


def variant_sku(style: Style, values: Mapping[str, Any]) -> str:
    """The style code plus karat+colour initial and size: 'RNG-TWS-14Y-65'."""
    parts = [style.code]
    karat, colour = values.get("karat"), str(values.get("colour") or "").strip()
    if karat:
        parts.append(f"{karat}{colour[:1].upper()}")
    elif values.get("metal"):
        parts.append(re.sub(r"[^A-Z0-9]", "", str(values["metal"]).upper())[:4])
    size = re.sub(r"[^0-9A-Z]", "", str(values.get("ring_size") or "").upper())
    if size:
        parts.append(size)
    return "-".join(parts)[:40]


def variant_fields(style: Style, fields: Mapping[str, Any]) -> dict[str, Any]:
    """A new piece's fields: what was given, the style's defaults for the rest."""
    out = dict(fields)
    for name in INHERITED:
        if out.get(name) in (None, ""):
            value = getattr(style, name)
            if value not in (None, ""):
                out[name] = value
    if not out.get("sku"):
        out["sku"] = variant_sku(style, {**out, "karat": parse_karat(out.get("karat"))})
    return out


def style_record(style: Style) -> dict[str, Any]:
    """A style with every piece and item of it: where each is and whether it can be sold."""
    from jeweltui.services.availability import available

    pieces = (
        Piece.select(Piece, Location)
        .join(Location)
        .where(Piece.style == style)
        .order_by(Piece.karat, Piece.colour, Piece.ring_size, Piece.stock_no)
    )
    rows = []
    for piece in pieces:
        verdict = available(piece)
        rows.append(
            {
                "stock_no": piece.stock_no,
                "sku": piece.sku,
                "variant": variant_words(piece),
                "location": piece.location.code,
                "location_name": piece.location.name,
                "status": piece.status,
                "sellable": verdict.ok,
                "why_not": verdict.reason,
                "retail_cents": piece.retail_cents,
            }
        )
    items = [
        {"sku": item.sku, "title": item.title, "on_hand": on_hand or 0}
        for item, on_hand in _items_with_units(style)
    ]
    return {
        "code": style.code,
        "title": style.title,
        "category": style.category,
        "description": style.description,
        "metal": style.metal,
        "karat": style.karat,
        "colour": style.colour,
        "attributes": json.loads(style.attributes or "{}"),
        "vendor": style.vendor.code if style.vendor_id else "",
        "vendor_style": style.vendor_style,
        "channel_title": style.channel_title,
        "channel_description": style.channel_description,
        "pieces": rows,
        "items": items,
    }


def _items_with_units(style: Style) -> list[tuple[Item, int | None]]:
    from peewee import JOIN, fn

    from jeweltui.models import StockLevel

    query = (
        Item.select(Item, fn.SUM(StockLevel.qty).alias("units"))
        .join(StockLevel, JOIN.LEFT_OUTER)
        .where(Item.style == style)
        .group_by(Item.id)
        .order_by(Item.sku)
    )
    return [(item, item.units) for item in query]


def variant_words(piece: Piece) -> str:
    """'14K yellow gold, size 6.5'."""
    metal = " ".join(
        x
        for x in (f"{piece.karat}K" if piece.karat else "", piece.colour, piece.metal)
        if x and (x != piece.colour or x not in piece.metal)
    )
    size = f"size {piece.ring_size}" if piece.ring_size else ""
    return ", ".join(x for x in (metal, size) if x)


def list_styles() -> list[dict[str, Any]]:
    from peewee import JOIN, fn

    query = (
        Style.select(Style, fn.COUNT(Piece.id).alias("piece_count"))
        .join(Piece, JOIN.LEFT_OUTER)
        .group_by(Style.id)
        .order_by(Style.code)
    )
    return [
        {
            "code": s.code,
            "title": s.title,
            "category": s.category,
            "vendor_style": s.vendor_style,
            "pieces": s.piece_count,
        }
        for s in query
    ]
