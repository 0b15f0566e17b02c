"""The append-only movement ledger: write one row per change, read history, replay."""

from __future__ import annotations

import json
from typing import Any

from peewee import JOIN

from jeweltui import clock
from jeweltui.db import insert_row
from jeweltui.models import Movement, Piece, Staff
from jeweltui.permissions import current_approver
from jeweltui.text import clean_line, clean_note

TRACKED = ("location_id", "status")


def piece_state(piece: Piece) -> dict[str, Any]:
    """The part of a piece the ledger tracks; replaying 'after' values rebuilds it."""
    return {name: getattr(piece, name) for name in TRACKED}


def record(
    action: str,
    *,
    staff: Staff | None,
    piece: Piece | None = None,
    reason: str = "",
    note: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    ref: tuple[str, int] | None = None,
) -> Movement:
    """Write one ledger row. Call it inside the same transaction as the change it describes."""
    ref_table, ref_id = ref or ("", None)
    values = {
        "at": clock.now(),
        "staff": staff,
        "action": action,
        "piece": piece,
        "ref_table": ref_table,
        "ref_id": ref_id,
        "reason": clean_line(reason),
        "note": clean_note(note),
        "before": json.dumps(before or {}, sort_keys=True),
        "after": json.dumps(after or {}, sort_keys=True),
    }
    approver = current_approver()
    if approver is not None:  # an override approved with a manager's badge and PIN
        values["approved_by"] = approver
    # insert_row, not Movement.create: the ledger row is on every scan's path (see db.py).
    return Movement(id=insert_row(Movement, values), **values)


def history(piece: Piece) -> list[Movement]:
    """Every ledger row of one piece, oldest first, with who did it."""
    query = (
        Movement.select(Movement, Staff)
        .join(Staff, JOIN.LEFT_OUTER)
        .where(Movement.piece == piece)
        .order_by(Movement.id)
    )
    return list(query)


def replay() -> dict[int, dict[str, Any]]:
    """Rebuild every piece's tracked state from an empty start, from the ledger alone."""
    state: dict[int, dict[str, Any]] = {}
    rows = (
        Movement.select(Movement.piece, Movement.after)
        .where(Movement.piece.is_null(False))
        .order_by(Movement.id)
        .tuples()
    )
    for piece_id, after in rows:
        changes = json.loads(after)
        state.setdefault(piece_id, {}).update({k: changes[k] for k in TRACKED if k in changes})
    return state


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
    "count_adjust": "adjusted by a stock count",
}
