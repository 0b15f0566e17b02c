"""Finding, creating, editing, retiring and listing pieces. Each change is one transaction + ledger row."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from peewee import fn

from jeweltui import bounds, clock
from jeweltui.codes import normalise_code
from jeweltui.db import first_of, write_transaction
from jeweltui.errors import InvalidInput, NotAvailable, UnknownCode
from jeweltui.models import (
    OWNERSHIPS,
    PIECE_STATUSES,  # noqa: F401 - re-exported: screens take the statuses from here
    Location,
    Piece,
    PieceCode,
    Setting,
    Staff,
    Stone,
    Style,
    Vendor,
)
from jeweltui.money import parse_money
from jeweltui.permissions import Right, require
from jeweltui.services import ledger
from jeweltui.services.availability import available_condition
from jeweltui.services.categories import CATEGORIES
from jeweltui.services.locations import find_location
from jeweltui.services.sequences import move_past, take_next
from jeweltui.services.vendors import find_vendor
from jeweltui.text import strip_controls
from jeweltui.units import (
    metal_from_fineness,
    parse_carats,
    parse_fineness,
    parse_karat,
    parse_range,
    parse_size,
    parse_weight,
)

SKU_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,39}$")
DEFAULT_STOCK_PATTERN = "{prefix}-{n:06d}"

TEXT_FIELDS = ("title", "description", "metal", "colour", "ring_size", "vendor_style", "image_path")
EDITABLE = (
    *TEXT_FIELDS,
    *("sku", "category", "karat", "metal_mg", "weight", "fineness", "cost_cents", "retail_cents"),
)


def _piece_by_stock_no(code: str):
    return Piece.select().where(Piece.stock_no == code)


def find_piece(raw: str) -> Piece:
    """A piece by stock number, or by any extra code it carries (old tag, EAN, vendor)."""
    code = normalise_code(raw)
    piece = first_of(Piece, "piece_by_stock_no", _piece_by_stock_no, code)
    if piece is None:
        extra = PieceCode.get_or_none(PieceCode.code == code)
        piece = extra.piece if extra else None
    if piece is None:
        raise UnknownCode(f"No piece with code {code}.")
    return piece


def _clean_int(value: Any, field: str, label: str) -> int | None:
    if value in (None, ""):
        return None
    return bounds.whole_number(value, label=label.lower(), field=field, high=bounds.MAX_COUNT)


def clean_piece_fields(raw: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Validate what a person typed; return model-ready values or raise InvalidInput(field=...).

    The TUI form, the CLI and imports all go through here, so a rule lives in one place.
    """
    out: dict[str, Any] = {}

    def given(name: str) -> bool:
        return name in raw and (not partial or raw[name] is not None)

    for name in TEXT_FIELDS:
        if given(name):
            text = str(raw[name] or "")
            out[name] = strip_controls(text, keep_lines=name == "description").strip()
    if (not partial or "title" in out) and not out.get("title"):
        raise InvalidInput("A piece needs a title.", field="title")
    if given("sku") or not partial:
        sku = str(raw.get("sku") or "").strip().upper()
        if not SKU_PATTERN.match(sku):
            raise InvalidInput(
                f"SKU '{sku}' is not valid: use 2–40 letters, digits and dashes "
                "(e.g. RNG-SOL-14Y-65).",
                field="sku",
            )
        out["sku"] = sku
    if given("category") or not partial:
        category = str(raw.get("category") or "").strip().lower().replace(" ", "_")
        if category not in CATEGORIES:
            raise InvalidInput(
                f"Unknown category '{category}'; one of: {', '.join(CATEGORIES)}.",
                field="category",
            )
        out["category"] = category
    if given("fineness") and str(raw["fineness"] or "").strip():
        out.update(metal_from_fineness(parse_fineness(raw["fineness"]), out.get("metal", "")))
    if given("karat"):
        out["karat"] = parse_karat(raw["karat"])
    if given("metal_mg"):
        out["metal_mg"] = _clean_int(raw["metal_mg"], "metal_mg", "Metal weight (mg)")
    if given("weight"):
        out["metal_mg"] = parse_weight(raw["weight"])
    for name, label in (("retail_cents", "retail price"), ("cost_cents", "cost")):
        if given(name):
            out[name] = parse_money(raw[name] or 0, field=name, label=label)
    if given("ownership"):
        ownership = str(raw["ownership"] or "owned").strip()
        if ownership not in OWNERSHIPS:
            raise InvalidInput(
                f"Ownership '{ownership}' is not one of {', '.join(OWNERSHIPS)}.", field="ownership"
            )
        out["ownership"] = ownership
    if given("currency"):
        out["currency"] = str(raw["currency"]).strip().upper() or "EUR"
    return out


_NUMBERED = re.compile(r"^(?P<prefix>[A-Z]+)-(?P<n>\d+)$")


def _stock_pattern() -> str:
    setting = Setting.get_or_none(Setting.key == "stock_no_pattern")
    return setting.value if setting else DEFAULT_STOCK_PATTERN


def _sequence_name(prefix: str) -> str:
    # A pattern without {prefix} (e.g. "JW-{n:06d}") keeps one counter for everything.
    return f"stock:{prefix}" if "{prefix}" in _stock_pattern() else "stock"


def claim_stock_no(number: str) -> None:
    """Take a given stock number (an import, the demo): the counter moves past it, and the
    number must never have been used, not even by a retired piece or as another code."""
    taken = Piece.select().where(Piece.stock_no == number).exists()
    if taken or PieceCode.select().where(PieceCode.code == number).exists():
        raise InvalidInput(f"Stock number {number} is taken already.", field="stock_no")
    match = _NUMBERED.match(number)
    if match and match["prefix"] in CATEGORIES.values():
        move_past(_sequence_name(match["prefix"]), int(match["n"]))


def next_stock_no(category: str) -> str:
    """Allocate a stock number that was never used before. Call inside a transaction."""
    prefix = CATEGORIES[category]
    while True:
        number = _stock_pattern().format(prefix=prefix, n=take_next(_sequence_name(prefix)))
        # An imported number may sit ahead of the counter: skip it, never reuse it.
        if not Piece.select().where(Piece.stock_no == number).exists():
            return number


@dataclass(frozen=True)
class StoneInput:
    type: str
    shape: str = ""
    carat_points: int = 0
    count: int = 1
    colour: str = ""
    clarity: str = ""
    cert_no: str = ""


def create_piece(
    fields: Mapping[str, Any],
    *,
    location: str,
    staff: Staff | None,
    vendor: str | None = None,
    stones: Iterable[StoneInput] = (),
    extra_codes: Iterable[tuple[str, str]] = (),
    stock_no: str | None = None,
    reason: str = "received",
    note: str = "",
    style: str | None = None,
) -> Piece:
    """A new piece in stock at a location, with its stones and extra scan codes.

    With a style, the piece is a variant of it: unset fields come from the style and the
    SKU, when not given, is the style code plus metal and size.
    """
    design = None
    if style:
        from jeweltui.services.styles import find_style, variant_fields

        design = find_style(style)
        fields = variant_fields(design, fields)
        if not vendor and design.vendor_id:
            vendor = design.vendor.code
    values = clean_piece_fields(fields)
    if design is None:  # a piece of a known design joins its style by SKU core
        from jeweltui.models.grouping import sku_core

        design = Style.get_or_none(Style.code == sku_core(values["sku"]))
    where = find_location(location)
    supplier: Vendor | None = find_vendor(vendor) if vendor else None
    now = clock.now()
    with write_transaction():
        if stock_no:
            number = normalise_code(stock_no)
            claim_stock_no(number)
        else:
            number = next_stock_no(values["category"])
        piece = Piece.create(
            stock_no=number,
            location=where,
            vendor=supplier,
            style=design,
            created_at=now,
            updated_at=now,
            **values,
        )
        for position, stone in enumerate(stones, start=1):
            Stone.create(piece=piece, position=position, **stone.__dict__)
        for code, kind in extra_codes:
            add_code(piece, code, kind)
        ledger.record(
            "create",
            staff=staff,
            piece=piece,
            reason=reason,
            note=note,
            after={**ledger.piece_state(piece), "stock_no": number},
        )
    return piece


def add_code(piece: Piece, raw_code: str, kind: str = "other") -> PieceCode:
    """Attach an extra scan code; a code can name only one piece."""
    code = normalise_code(raw_code)
    owner = PieceCode.get_or_none(PieceCode.code == code)
    if owner is not None or Piece.select().where(Piece.stock_no == code).exists():
        raise InvalidInput(f"Code {code} already belongs to another piece.", field="codes")
    return PieceCode.create(piece=piece, code=code, kind=kind)


def edit_piece(
    piece: Piece, changes: Mapping[str, Any], *, staff: Staff | None, reason: str = "edit"
) -> Piece:
    """Change a piece's attributes. Location changes go through moves; sold pieces are frozen."""
    if "location" in changes:
        if piece.status != "in_stock":
            raise NotAvailable(
                f"{piece.stock_no} is {piece.status}; its location cannot change.", field="location"
            )
        raise InvalidInput(
            "Use a move (jeweltui piece move) to change where a piece is.", field="location"
        )
    values = clean_piece_fields(changes, partial=True)
    unknown = set(changes) - set(EDITABLE) - {"currency"}
    if unknown:
        raise InvalidInput(f"Cannot edit {', '.join(sorted(unknown))}.", field=sorted(unknown)[0])
    with write_transaction():
        current = Piece.get_by_id(piece.id)
        if current.status != "in_stock":
            raise NotAvailable(f"{current.stock_no} is {current.status}; it cannot be edited.")
        before = {k: getattr(current, k) for k in values if getattr(current, k) != values[k]}
        if not before:
            return current
        if "retail_cents" in before:
            _check_price_change(staff, reason)
        after = {k: values[k] for k in before}
        Piece.update(updated_at=clock.now(), **after).where(Piece.id == current.id).execute()
        ledger.record("edit", staff=staff, piece=current, reason=reason, before=before, after=after)
    return Piece.get_by_id(piece.id)


def _check_price_change(staff: Staff | None, reason: str) -> None:
    """A price change needs the right to make it and a reason the ledger keeps."""
    require(staff, Right.CHANGE_PRICE)
    if reason.strip().lower() in ("", "edit"):
        raise InvalidInput(
            "Say why the price changes (a reason is kept in the ledger).", field="reason"
        )


def retire_piece(piece: Piece, *, staff: Staff | None, reason: str, note: str = "") -> Piece:
    """Take a piece out of stock for good (scrapped, broken down, lost). Its number stays used."""
    if not reason.strip():
        raise InvalidInput("Say why the piece is retired.", field="reason")
    require(staff, Right.RETIRE)
    with write_transaction():
        current = Piece.get_by_id(piece.id)
        if current.status != "in_stock":
            raise NotAvailable(f"{current.stock_no} is {current.status}; it cannot be retired.")
        before = ledger.piece_state(current)
        current.status = "retired"
        current.updated_at = clock.now()
        current.save()
        ledger.record(
            "retire",
            staff=staff,
            piece=current,
            reason=reason,
            note=note,
            before=before,
            after={"status": "retired"},
        )
    return current


@dataclass
class PieceFilter:
    """What the pieces list, the CLI and exports filter by. Empty means everything."""

    text: str = ""
    category: str = ""
    metal: str = ""
    location: str = ""
    status: str = ""
    available_only: bool = False
    # What a jeweler asks for, typed as a person types it ("14K", "6.5-7.5", "-2,000"):
    karat: str = ""
    colour: str = ""
    size: str = ""
    price: str = ""
    stone: str = ""
    stone_shape: str = ""
    carat: str = ""
    vendor_style: str = ""


def _jeweler_conditions(flt: PieceFilter) -> list:
    """Exact conditions for the jeweler's filters; each bad value names its field."""
    from peewee import Cast

    conditions = []
    if flt.karat.strip():
        conditions.append(Piece.karat == parse_karat(flt.karat))
    if flt.colour.strip():
        conditions.append(fn.LOWER(Piece.colour) == flt.colour.strip().lower())
    if flt.size.strip():
        low, high = parse_range(flt.size, parse_size, field="size")
        size = Cast(Piece.ring_size, "REAL")
        conditions.append(Piece.ring_size != "")
        conditions += [size >= low] if low is not None else []
        conditions += [size <= high] if high is not None else []
    if flt.price.strip():
        low, high = parse_range(
            flt.price, lambda t, field: parse_money(t, field=field), field="price"
        )
        conditions += [Piece.retail_cents >= low] if low is not None else []
        conditions += [Piece.retail_cents <= high] if high is not None else []
    if flt.vendor_style.strip():
        conditions.append(fn.UPPER(Piece.vendor_style) == flt.vendor_style.strip().upper())
    stone_where = []
    if flt.stone.strip():
        stone_where.append(fn.LOWER(Stone.type) == flt.stone.strip().lower())
    if flt.stone_shape.strip():
        stone_where.append(fn.LOWER(Stone.shape) == flt.stone_shape.strip().lower())
    if flt.carat.strip():
        low, high = parse_range(flt.carat, parse_carats, field="carat")
        stone_where += [Stone.carat_points >= low] if low is not None else []
        stone_where += [Stone.carat_points <= high] if high is not None else []
    if stone_where:
        stones = Stone.select(Stone.piece).where(*stone_where)
        conditions.append(Piece.id.in_(stones))
    return conditions


def filtered_pieces(flt: PieceFilter):
    """A Piece query (joined to Location) matching the filter, ordered by stock number."""
    query = Piece.select(Piece, Location).join(Location)
    if flt.text:
        like = f"%{flt.text.strip()}%"
        query = query.where(
            (Piece.stock_no**like)
            | (Piece.sku**like)
            | (Piece.title**like)
            | (Piece.vendor_style**like)
            | Piece.id.in_(PieceCode.select(PieceCode.piece).where(PieceCode.code**like))
            | Piece.vendor.in_(Vendor.select(Vendor.id).where(Vendor.name**like))
        )
    if flt.category:
        query = query.where(Piece.category == flt.category)
    if flt.metal:
        query = query.where(Piece.metal ** f"%{flt.metal}%")
    if flt.location:
        query = query.where(Piece.location == find_location(flt.location))
    if flt.status:
        query = query.where(Piece.status == flt.status)
    if flt.available_only:
        query = query.where(available_condition())
    for condition in _jeweler_conditions(flt):
        query = query.where(condition)
    return query.order_by(Piece.stock_no)


def list_pieces(flt: PieceFilter, *, limit: int | None = None, after: str = "") -> list[Piece]:
    """One keyset page (stock numbers after `after`), or everything when limit is None."""
    query = filtered_pieces(flt)
    if after:
        query = query.where(Piece.stock_no > after)
    if limit is not None:
        query = query.limit(limit)
    return list(query)


def piece_record(piece: Piece, *, with_cost: bool = True) -> dict[str, Any]:
    """A piece as plain data: what `piece show --json` prints and screens display."""
    from jeweltui.services.availability import available, describe_state
    from jeweltui.services.photos import photos_of
    from jeweltui.units import tag_summary

    verdict = available(piece)
    stones = list(piece.stones.order_by(Stone.position))
    record = {
        "stock_no": piece.stock_no,
        "sku": piece.sku,
        "category": piece.category,
        "title": piece.title,
        "description": piece.description,
        "metal": piece.metal,
        "karat": piece.karat,
        "colour": piece.colour,
        "ring_size": piece.ring_size,
        "metal_mg": piece.metal_mg,
        "retail_cents": piece.retail_cents,
        "currency": piece.currency,
        "vendor": piece.vendor.name if piece.vendor_id else "",
        "ownership": piece.ownership,
        "location": piece.location.code,
        "location_name": piece.location.name,
        "status": piece.status,
        "available": verdict.ok,
        "why_not_available": verdict.reason,
        "state": describe_state(piece),
        "style": piece.style.code if piece.style_id else "",
        "stones": [stone_record(s) for s in stones],
        "tag_summary": tag_summary(piece.karat, piece.metal, stones),
        "codes": [c.code for c in piece.codes],
        "image_path": piece.image_path,
        "photos": photos_of(piece),
    }
    if with_cost:
        record["cost_cents"] = piece.cost_cents
    return record


def stone_record(stone: Stone) -> dict[str, Any]:
    """A stone as `piece show --json` and the screens show it: the ledger's state of it,
    plus its weight as the shop writes it."""
    from jeweltui.services.stones import stone_state
    from jeweltui.units import format_carats

    return {**stone_state(stone), "carats": format_carats(stone.carat_points)}
