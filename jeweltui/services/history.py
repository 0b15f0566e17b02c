"""Histories in words: who did what, when, why, and for an edit every field's old → new.

Pieces, customers, locations, vendors and staff all read from the one ledger.
"""

from __future__ import annotations

import json
from typing import Any

from peewee import JOIN

from jeweltui import clock
from jeweltui.models import Location, Movement, Staff
from jeweltui.money import format_money
from jeweltui.services.ledger import ACTION_WORDS

Approver = Staff.alias()

EXTRA_WORDS = {
    "customer_add": "customer added",
    "location_add": "location added",
    "vendor_add": "vendor added",
    "staff_add": "staff member added",
    "staff_edit": "staff member changed",
    "staff_disable": "staff member disabled",
    "badge_locked": "badge locked after wrong PINs",
}
FIELD_WORDS = {
    "retail_cents": "price",
    "cost_cents": "cost",
    "metal_mg": "metal mg",
    "location_id": "location",
    "ring_size": "ring size",
}


def _value(key: str, value: Any, locations: dict[int, str]) -> str:
    if value is None or value == "":
        return "—"
    if key.endswith("_cents") and isinstance(value, int):
        return format_money(value)
    if key == "location_id":
        return locations.get(value, "?")
    return str(value)


def change_words(before: dict, after: dict, locations: dict[int, str]) -> str:
    """'price €1,299.00 → €1.00; title Ring → Ring [size 6]' for the fields an edit changed."""
    parts = []
    for key in after:
        if key not in before or before[key] == after[key]:
            continue
        label = FIELD_WORDS.get(key, key.replace("_", " "))
        old, new = _value(key, before[key], locations), _value(key, after[key], locations)
        parts.append(f"{label} {old} → {new}")
    return "; ".join(parts)


def _is_edit(action: str) -> bool:
    """Edits of a record show each field's old → new; moves and sales read as before."""
    return action.endswith("edit") or action.endswith("_disable")


def _rows(where) -> list[dict[str, Any]]:
    locations = {loc.id: loc.code for loc in Location.select(Location.id, Location.code)}
    query = (
        Movement.select(Movement, Staff, Approver)
        .join_from(Movement, Staff, JOIN.LEFT_OUTER, on=(Movement.staff == Staff.id))
        .join_from(
            Movement,
            Approver,
            JOIN.LEFT_OUTER,
            on=(Movement.approved_by == Approver.id),
            attr="approver",
        )
        .where(where)
        .order_by(Movement.id)
    )
    out = []
    for row in query:
        before, after = json.loads(row.before), json.loads(row.after)
        what = ACTION_WORDS.get(row.action) or EXTRA_WORDS.get(row.action, row.action)
        changed = change_words(before, after, locations) if _is_edit(row.action) else ""
        if changed:
            what += f": {changed}"
        elif "location_id" in after:
            what += f" → {locations.get(after['location_id'], '?')}"
        if row.ref_table == "sale":
            what += f" (sale #{row.ref_id})"
        who = row.staff.name if row.staff_id else "system"
        approver = getattr(row, "approver", None)
        if row.approved_by_id and approver is not None:
            who += f", approved by {approver.name}"
        out.append(
            {
                "at": clock.local(row.at).strftime("%Y-%m-%d %H:%M"),
                "at_utc": row.at.isoformat(),
                "who": who,
                "action": row.action,
                "what": what,
                "reason": row.reason,
                "note": row.note,
            }
        )
    return out


def piece_history(piece) -> list[dict[str, Any]]:
    return _rows(Movement.piece == piece)


def record_history(table: str, record_id: int) -> list[dict[str, Any]]:
    """A customer's, location's, vendor's or staff member's own ledger rows."""
    return _rows((Movement.ref_table == table) & (Movement.ref_id == record_id))


def history_of(code: str) -> list[dict[str, Any]]:
    """The history behind any code a shop prints: piece, customer, location, vendor, staff."""
    from jeweltui.codes import normalise_code
    from jeweltui.models import Customer, Vendor
    from jeweltui.services.pieces import find_piece

    text = normalise_code(code)
    for prefix, model, table in (
        ("C-", Customer, "customer"),
        ("L-", Location, "location"),
        ("V-", Vendor, "vendor"),
        ("S-", Staff, "staff"),
    ):
        if text.startswith(prefix):
            found = model.get_or_none(model.code == text)
            if found is not None:
                return record_history(table, found.id)
    return piece_history(find_piece(code))
