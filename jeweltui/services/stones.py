"""A piece's stones, entered by hand: add, edit, remove, each one transaction + ledger row.

Carats are stored as points (jeweltui.units); a stone is counted (9 × 0.01ct melee is
one row with count 9). The tag summary and the channels read stones through here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, NotAvailable, UnknownCode
from jeweltui.models import Piece, Staff, Stone
from jeweltui.services import ledger
from jeweltui.text import clean_line
from jeweltui.units import format_carats, parse_carats

STONE_FIELDS = ("type", "shape", "carat", "count", "colour", "clarity", "cert")
CLARITIES = ("FL", "IF", "VVS1", "VVS2", "VS1", "VS2", "SI1", "SI2", "SI3", "I1", "I2", "I3")


def clean_stone_fields(raw: Mapping[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """What a person typed about a stone -> Stone column values, or InvalidInput(field=…)."""
    out: dict[str, Any] = {}
    given = {k: v for k, v in raw.items() if v is not None}
    if "type" in given or not partial:
        kind = clean_line(given.get("type")).lower()
        if not kind:
            raise InvalidInput("A stone needs a type (diamond, sapphire, …).", field="type")
        out["type"] = kind
    for name in ("shape", "colour"):
        if name in given:
            text = clean_line(given[name])
            out[name] = text.lower() if name == "shape" else text
    if "clarity" in given:
        clarity = clean_line(given["clarity"]).upper()
        out["clarity"] = clarity
    if "carat" in given:
        out["carat_points"] = parse_carats(given["carat"])
    if "count" in given:
        try:
            count = int(str(given["count"]).strip())
        except ValueError:
            count = 0
        if not 1 <= count <= 10_000:
            raise InvalidInput(
                f"Stone count '{given['count']}' must be a whole number from 1.", field="count"
            )
        out["count"] = count
    if "cert" in given:
        out["cert_no"] = " ".join(clean_line(given["cert"]).split())
    return out


def _editable(piece: Piece) -> Piece:
    current = Piece.get_by_id(piece.id)
    if current.status != "in_stock":
        raise NotAvailable(f"{current.stock_no} is {current.status}; its stones cannot change.")
    return current


def _stone(piece: Piece, position: int) -> Stone:
    stone = Stone.get_or_none((Stone.piece == piece) & (Stone.position == position))
    if stone is None:
        raise UnknownCode(f"{piece.stock_no} has no stone {position}.")
    return stone


def stone_state(stone: Stone) -> dict[str, Any]:
    return {
        "position": stone.position,
        "type": stone.type,
        "shape": stone.shape,
        "carat_points": stone.carat_points,
        "count": stone.count,
        "colour": stone.colour,
        "clarity": stone.clarity,
        "cert_no": stone.cert_no,
    }


def add_stone(piece: Piece, raw: Mapping[str, Any], *, staff: Staff | None) -> Stone:
    values = clean_stone_fields(raw)
    with write_transaction():
        current = _editable(piece)
        last = (
            Stone.select(Stone.position)
            .where(Stone.piece == current)
            .order_by(Stone.position.desc())
            .first()
        )
        stone = Stone.create(piece=current, position=(last.position if last else 0) + 1, **values)
        ledger.record(
            "stone_add",
            staff=staff,
            piece=current,
            after=stone_state(stone),
            ref=("stone", stone.id),
        )
    return stone


def edit_stone(
    piece: Piece, position: int, changes: Mapping[str, Any], *, staff: Staff | None
) -> Stone:
    values = clean_stone_fields(changes, partial=True)
    if not values:
        raise InvalidInput("Say what to change about the stone.", field="type")
    with write_transaction():
        current = _editable(piece)
        stone = _stone(current, position)
        before = stone_state(stone)
        Stone.update(**values).where(Stone.id == stone.id).execute()
        stone = Stone.get_by_id(stone.id)
        ledger.record(
            "stone_edit",
            staff=staff,
            piece=current,
            before=before,
            after=stone_state(stone),
            ref=("stone", stone.id),
        )
    return stone


def remove_stone(piece: Piece, position: int, *, staff: Staff | None) -> None:
    """Take a stone row away; the ones after it move up, so positions stay 1, 2, 3…"""
    with write_transaction():
        current = _editable(piece)
        stone = _stone(current, position)
        before = stone_state(stone)
        Stone.delete().where(Stone.id == stone.id).execute()
        for later in (
            Stone.select()
            .where((Stone.piece == current) & (Stone.position > position))
            .order_by(Stone.position)
        ):
            Stone.update(position=later.position - 1).where(Stone.id == later.id).execute()
        ledger.record(
            "stone_remove", staff=staff, piece=current, before=before, ref=("stone", stone.id)
        )


def stones_of(piece: Piece) -> list[Stone]:
    return list(Stone.select().where(Stone.piece == piece).order_by(Stone.position))


def total_points(stones: list[Stone]) -> int:
    return sum(s.carat_points * s.count for s in stones)


def stone_summary(stones: list[Stone]) -> str:
    """The tag's short form: the total weight, '0.50ct' (nothing when there are no stones)."""
    total = total_points(stones)
    return format_carats(total) if total else ""


def stone_line(stone: Stone) -> str:
    """'diamond, round, 0.50ct, G VS1, GIA 1234567' (9× for counted melee)."""
    count = f"{stone.count}× " if stone.count > 1 else ""
    grade = " ".join(x for x in (stone.colour, stone.clarity) if x)
    parts = [f"{count}{stone.type}", stone.shape, format_carats(stone.carat_points), grade]
    if stone.cert_no:
        parts.append(f"cert {stone.cert_no}")
    return ", ".join(p for p in parts if p)
