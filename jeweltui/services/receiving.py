"""Receiving a vendor's packing list or invoice CSV: many pieces at once, all or nothing.

Plan first (read, map headers, validate every row, report each bad row by line), then
receive the plan in one write transaction. A file with bad rows receives nothing unless
the user explicitly asks for the good rows only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from jeweltui.csvfile import RowProblem, header_key, read_rows
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, JewelError
from jeweltui.models import Item, Piece, PieceCode, Setting, Staff, Vendor
from jeweltui.money import parse_money
from jeweltui.permissions import Right, require
from jeweltui.services import memo as memos
from jeweltui.services.locations import find_location
from jeweltui.services.pieces import StoneInput, clean_piece_fields, create_piece
from jeweltui.services.quantity import clean_qty, receive_quantity
from jeweltui.services.vendors import find_vendor, load_mapping, record_cost
from jeweltui.units import parse_carats, parse_weight

# Headers vendors actually use, by our field; a saved mapping wins over these guesses.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "sku": ("sku", "our sku", "item sku"),
    "title": ("title", "description", "item description", "item", "name", "product"),
    "category": ("category", "type", "item type"),
    "vendor_style": ("style", "style no", "style number", "vendor style", "item no", "model"),
    "metal": ("metal", "material"),
    "karat": ("karat", "kt", "purity"),
    "colour": ("colour", "color", "gold colour", "gold color"),
    "ring_size": ("size", "ring size", "finger size"),
    "metal_g": ("weight", "weight g", "gold weight", "metal weight", "grams", "gram weight"),
    "cost": ("cost", "unit cost", "price", "unit price", "net price", "amount"),
    "retail": ("retail", "retail price", "msrp", "srp"),
    "description": ("notes", "details", "long description"),
    "barcode": ("barcode", "upc", "ean", "gtin"),
    "stone_type": ("stone", "stone type", "gem", "center stone"),
    "stone_ct": ("carat", "ct", "ctw", "carat weight", "stone ct"),
    "qty": ("qty", "quantity", "units", "pcs", "pieces", "menge", "anzahl"),
}
LABEL_QUEUE_KEY = "label_queue"


@dataclass
class PlannedPiece:
    """One line of the file: `qty` serialized pieces alike, or `qty` units of an item."""

    line: int
    fields: dict[str, Any]
    stones: list[StoneInput] = field(default_factory=list)
    codes: list[tuple[str, str]] = field(default_factory=list)
    qty: int = 1
    item_sku: str = ""  # set when the line's SKU is a quantity item: units, not pieces


@dataclass
class ReceivingPlan:
    vendor: Vendor | None
    columns: dict[str, str]
    pieces: list[PlannedPiece] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.problems


@dataclass
class ReceiveResult:
    pieces: list[Piece]
    skipped: list[RowProblem]
    memo_id: int | None = None
    units: list[tuple[str, int]] = field(default_factory=list)  # (item SKU, units received)


def charm_price(cents: int) -> int:
    """A shop price: the nearest ten, less one (1,200.00 -> 1,199.00; 1,236 -> 1,239.00)."""
    units = max(1, (cents + 500) // 1000) * 10 - 1  # half up: 765.00 -> 769.00, never 759.00
    return units * 100


def retail_from_cost(cost_cents: int, markup: Decimal) -> int:
    return charm_price(int((Decimal(cost_cents) * markup).to_integral_value()))


def resolve_columns(
    header: list[str], mapping: dict[str, str], price_column: str | None = None
) -> dict[str, str]:
    """Our field -> the file's column, by header name (never by position)."""
    by_key = {header_key(name): name for name in header}
    columns: dict[str, str] = {}
    for name, synonyms in SYNONYMS.items():
        for synonym in synonyms:
            if synonym in by_key and by_key[synonym] not in columns.values():
                columns[name] = by_key[synonym]
                break
    wanted = dict(mapping)
    if price_column:
        wanted["retail"] = price_column
    for name, column in wanted.items():
        if header_key(column) not in by_key:
            raise InvalidInput(
                f"Column '{column}' (for {name}) is not in the file; it has: {', '.join(header)}.",
                field="mapping",
            )
        columns = {k: v for k, v in columns.items() if v != by_key[header_key(column)]}
        columns[name] = by_key[header_key(column)]
    missing = [n for n in ("title", "cost") if n not in columns]
    if "sku" not in columns and "vendor_style" not in columns:
        missing.append("sku or vendor_style")
    if missing:
        raise InvalidInput(
            f"The file has no column for {', '.join(missing)}; its columns are "
            f"{', '.join(header)}. Map them with: jeweltui vendor mapping VENDOR FIELD=COLUMN …",
            field="mapping",
        )
    return columns


def style_sku(vendor: Vendor | None, style: str) -> str:
    prefix = vendor.code if vendor else "CONS"
    return re.sub(r"[^A-Z0-9]+", "-", f"{prefix}-{style}".upper()).strip("-")[:40]


def _plan_row(
    row: dict[str, str], columns: dict[str, str], vendor: Vendor, markup: Decimal | None, defaults
) -> PlannedPiece:
    def cell(name: str) -> str:
        return row.get(columns[name], "").strip() if name in columns else ""

    raw: dict[str, Any] = {k: cell(k) for k in columns if k in SYNONYMS}
    raw["category"] = raw.get("category") or defaults.get("category", "")
    raw["sku"] = raw.get("sku") or (
        style_sku(vendor, raw["vendor_style"]) if cell("vendor_style") else ""
    )
    qty = clean_qty(raw.pop("qty", "") or 1)
    cost = parse_money(raw.pop("cost") or "", field="cost", label="cost")
    item = Item.get_or_none(Item.sku == str(raw["sku"]).strip().upper())
    if item is not None:  # chains, studs, findings: the line adds units
        return PlannedPiece(
            line=0, fields={"sku": item.sku, "title": item.title}, qty=qty, item_sku=item.sku
        )
    retail_text = raw.pop("retail", "")
    if retail_text:
        retail = parse_money(retail_text, field="retail", label="retail price")
    elif markup is not None:
        retail = retail_from_cost(cost, markup)
    else:
        raise InvalidInput("No retail price on this row and no --markup given.", field="retail")
    fields = {
        **{k: raw[k] for k in raw if k not in ("barcode", "stone_type", "stone_ct", "metal_g")},
        "cost_cents": cost,
        "retail_cents": retail,
        "metal_mg": parse_weight(raw.get("metal_g", ""), field="metal_g"),
        "ownership": defaults.get("ownership", "owned"),
        "currency": defaults.get("currency", "EUR"),
    }
    planned = PlannedPiece(line=0, fields=clean_piece_fields(fields), qty=qty)
    if raw.get("stone_type"):
        points = parse_carats(raw.get("stone_ct") or "0", field="stone_ct")
        planned.stones.append(StoneInput(type=raw["stone_type"].lower(), carat_points=points))
    if raw.get("barcode"):
        if qty > 1:
            raise InvalidInput(
                f"barcode {raw['barcode']} cannot name {qty} pieces; give each piece its own row.",
                field="barcode",
            )
        planned.codes.append((raw["barcode"], "vendor"))
    return planned


def plan_receiving(
    path: str | Path,
    vendor_code: str | None,
    *,
    mapping_name: str = "default",
    markup: Decimal | str | None = None,
    price_column: str | None = None,
    category: str = "",
    ownership: str = "owned",
    currency: str = "EUR",
) -> ReceivingPlan:
    """Read and check the whole file; every bad row is reported with its line and reason."""
    vendor = find_vendor(vendor_code) if vendor_code else None
    markup = _clean_markup(markup)
    table = read_rows(path)
    columns = resolve_columns(
        table.header, load_mapping(vendor, mapping_name) if vendor else {}, price_column
    )
    if "retail" not in columns and markup is None:
        raise InvalidInput(
            "The file has no retail column: give --markup (e.g. 2.5) or --price-column.",
            field="markup",
        )
    plan = ReceivingPlan(vendor=vendor, columns=columns)
    defaults = {"category": category, "ownership": ownership, "currency": currency}
    first_style: dict[str, int] = {}
    first_code: dict[str, int] = {}
    for line, row in table.rows:
        try:
            planned = _plan_row(row, columns, vendor, markup, defaults)
        except JewelError as error:
            plan.problems.append(RowProblem(line, error.message))
            continue
        planned.line = line
        problem = _duplicate(planned, line, first_style, first_code)
        if problem:
            plan.problems.append(RowProblem(line, problem))
            continue
        plan.pieces.append(planned)
    return plan


def _duplicate(planned: PlannedPiece, line: int, styles: dict, codes: dict) -> str | None:
    style = planned.fields.get("vendor_style", "").upper()
    if style and style in styles:
        return f"duplicate vendor style {style} (first on line {styles[style]})"
    for code, _ in planned.codes:
        key = code.strip().upper()
        if key in codes:
            return f"duplicate barcode {key} (first on line {codes[key]})"
        if PieceCode.select().where(PieceCode.code == key).exists():
            return f"barcode {key} already belongs to another piece"
    if style:
        styles[style] = line
    for code, _ in planned.codes:
        codes[code.strip().upper()] = line
    return None


def _clean_markup(markup: Decimal | str | None) -> Decimal | None:
    if markup in (None, ""):
        return None
    try:
        value = Decimal(str(markup))
    except InvalidOperation:
        raise InvalidInput(f"Markup '{markup}' is not a number like 2.5.", field="markup") from None
    if value <= 0:
        raise InvalidInput("Markup must be above zero.", field="markup")
    return value


def receive(
    plan: ReceivingPlan,
    *,
    location: str,
    staff: Staff | None,
    good_rows_only: bool = False,
    memo=None,
) -> ReceiveResult:
    """Create every planned piece in one transaction; a file with bad rows needs good_rows_only."""
    require(staff, Right.RECEIVE)
    if plan.problems and not good_rows_only:
        raise InvalidInput(
            f"{len(plan.problems)} bad row(s); nothing was received. Fix the file, "
            "or receive only the good rows explicitly (--good-rows-only).",
            field="file",
        )
    if not plan.pieces:
        raise InvalidInput("No good rows to receive.", field="file")
    find_location(location)
    made: list[Piece] = []
    units: list[tuple[str, int]] = []
    with write_transaction():
        header = memos.open_memo_in(memo, staff=staff) if memo is not None else None
        for planned in plan.pieces:
            if planned.item_sku:
                receive_quantity(
                    planned.item_sku,
                    planned.qty,
                    location,
                    staff=staff,
                    reason="received",
                    note=f"receiving line {planned.line}",
                )
                units.append((planned.item_sku, planned.qty))
                continue
            for _ in range(planned.qty):  # Qty 12 of a serialized style: 12 stock numbers
                made.append(_receive_piece(plan, planned, location, staff, header))
        queue_labels([p.stock_no for p in made])
    return ReceiveResult(
        pieces=made,
        skipped=list(plan.problems),
        memo_id=header.id if header else None,
        units=units,
    )


def _receive_piece(plan: ReceivingPlan, planned: PlannedPiece, location: str, staff, header):
    try:
        piece = create_piece(
            planned.fields,
            location=location,
            staff=staff,
            vendor=plan.vendor.code if plan.vendor else None,
            stones=planned.stones,
            extra_codes=planned.codes,
            reason="memo_in" if header else "received",
            note=f"receiving line {planned.line}",
        )
    except JewelError as error:
        raise InvalidInput(f"line {planned.line}: {error.message}") from error
    record_cost(plan.vendor, piece.sku, piece.cost_cents, piece=piece, source="receive")
    if header is not None:
        memos.add_memo_line(header, piece)
    return piece


def queue_labels(stock_nos: list[str]) -> None:
    """Add tags to the print queue (a setting), for `jeweltui label piece …` to print."""
    row = Setting.get_or_none(Setting.key == LABEL_QUEUE_KEY)
    queued = json.loads(row.value) if row else []
    queued.extend(n for n in stock_nos if n not in queued)
    Setting.insert(key=LABEL_QUEUE_KEY, value=json.dumps(queued)).on_conflict_replace().execute()


def queued_labels() -> list[str]:
    row = Setting.get_or_none(Setting.key == LABEL_QUEUE_KEY)
    return json.loads(row.value) if row else []


def clear_label_queue() -> None:
    with write_transaction():
        Setting.delete().where(Setting.key == LABEL_QUEUE_KEY).execute()


def unqueue_labels(stock_nos: list[str]) -> list[str]:
    """Take these (printed) tags off the queue, keeping any queued meanwhile; returns the rest."""
    with write_transaction():
        done = set(stock_nos)
        left = [n for n in queued_labels() if n not in done]
        if left:
            Setting.replace(key=LABEL_QUEUE_KEY, value=json.dumps(left)).execute()
        else:
            Setting.delete().where(Setting.key == LABEL_QUEUE_KEY).execute()
    return left


def label_command(stock_nos: list[str]) -> str:
    return "jeweltui label piece " + " ".join(stock_nos) if stock_nos else ""
