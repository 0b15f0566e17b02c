"""Moving pieces between cases, safe, bench and vendors: one piece or a batch, all or nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from jeweltui import clock
from jeweltui.db import execute_named, write_transaction
from jeweltui.errors import InvalidInput, NotAvailable
from jeweltui.models import Location, Piece, Staff
from jeweltui.models.base import to_utc_text
from jeweltui.services import ledger
from jeweltui.services.availability import sale_words
from jeweltui.services.locations import find_location
from jeweltui.services.pieces import find_piece


@dataclass
class MoveResult:
    location: Location
    moved: list[Piece] = field(default_factory=list)
    already_there: list[Piece] = field(default_factory=list)


def why_not_movable(piece: Piece) -> str | None:
    """A sold or retired piece stays where its story ended."""
    if piece.status == "sold":
        return f"{piece.stock_no} is {sale_words(piece)}; a sold piece cannot be moved."
    if piece.status == "retired":
        return f"{piece.stock_no} is retired; it cannot be moved."
    return None


def _move_query(location_id: int, updated_at: str, piece_id: int):
    return Piece.update(location=location_id, updated_at=updated_at).where(Piece.id == piece_id)


def move_pieces(
    codes: Iterable[str],
    to_location: str,
    *,
    staff: Staff | None,
    reason: str = "move",
    note: str = "",
) -> MoveResult:
    """Move every named piece to a location in one transaction; one bad code moves none."""
    wanted = list(dict.fromkeys(codes))  # a piece scanned twice moves once
    if not wanted:
        raise InvalidInput("No pieces to move.", field="codes")
    destination = find_location(to_location)
    result = MoveResult(location=destination)
    now = clock.now()
    with write_transaction():
        for code in wanted:
            piece = find_piece(code)  # read inside the transaction: no stale state
            problem = why_not_movable(piece)
            if problem:
                raise NotAvailable(problem)
            if piece.location_id == destination.id:
                result.already_there.append(piece)
                continue
            before = ledger.piece_state(piece)
            execute_named("move_piece", _move_query, destination.id, to_utc_text(now), piece.id)
            piece.location = destination
            ledger.record(
                "move",
                staff=staff,
                piece=piece,
                reason=reason,
                note=note,
                before=before,
                after={"location_id": destination.id},
            )
            result.moved.append(piece)
    return result
