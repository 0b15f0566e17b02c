"""The stock on any past date, rebuilt from the ledger.

Every change to a piece writes one Movement row with the values it had before and
has after (services/ledger.py). So the state at a moment T is:

* one piece: its current row, with the `before` values of every state row written
  after T put back, newest first (a piece created after T did not exist yet);
* the whole shop: either the same walk back from today, or a replay of the `after`
  values of every state row up to T from an empty shop — whichever reads fewer rows.

Only STATE_ACTIONS change a piece's own columns: a work order's 'wo_status' row also
has a 'status' key, but it is the job's status, not the piece's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from peewee import fn

from jeweltui import clock
from jeweltui.models import Hold, Location, Movement, Piece, database_proxy
from jeweltui.models.base import to_utc_text

STATE_ACTIONS = (
    "create",
    "edit",
    "move",
    "sell",
    "cancel_sale",
    "return",
    "retire",
    "memo_buy",
    "count_adjust",
)
# The columns a snapshot of the whole shop rebuilds: what was where.
SNAPSHOT_FIELDS = ("location_id", "status")
# Ledger rows name a piece's columns as the table does: 'location_id', 'retail_cents'.
_PIECE_COLUMNS = {column: f.name for column, f in Piece._meta.columns.items() if column != "id"}


def parse_moment(text: str) -> datetime:
    """'2026-05-03T15:00' in the shop's zone; a day alone means its closing time."""
    return clock.parse_moment(text, field="at")


def _state_rows(query):
    return query.where(Movement.action.in_(STATE_ACTIONS) & Movement.piece.is_null(False))


@dataclass
class PieceAt:
    """A piece as it was at one moment."""

    stock_no: str
    at: datetime
    existed: bool
    values: dict[str, Any] = field(default_factory=dict)
    holds: list[dict[str, Any]] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        location = Location.get_or_none(Location.id == self.values.get("location_id"))
        return {
            "stock_no": self.stock_no,
            "at": self.at.isoformat(),
            "existed": self.existed,
            "title": self.values.get("title", ""),
            "location": location.code if location else "",
            "location_name": location.name if location else "",
            "status": self.values.get("status", ""),
            "ownership": self.values.get("ownership", ""),
            "retail_cents": self.values.get("retail_cents"),
            "cost_cents": self.values.get("cost_cents"),
            "currency": self.values.get("currency", ""),
            "holds": self.holds,
        }


def piece_at(piece: Piece, moment: datetime) -> PieceAt:
    """Where one piece was, its status, price and holds at `moment`."""
    cutoff = to_utc_text(moment)
    later = _state_rows(
        Movement.select(Movement.action, Movement.before).where(
            (Movement.piece == piece) & (Movement.at > cutoff)
        )
    ).order_by(Movement.id.desc())
    values = {column: piece.__data__.get(name) for column, name in _PIECE_COLUMNS.items()}
    existed = True
    for action, before in later.tuples():
        if action == "create":
            existed = False
            break
        for key, value in json.loads(before).items():
            if key in _PIECE_COLUMNS:
                values[key] = value
    holds = holds_at(piece, moment) if existed else []
    return PieceAt(piece.stock_no, moment, existed, values if existed else {}, holds)


def words_at(past: PieceAt) -> str:
    """'At Sun 03 May 15:00: in Case A, in stock, €1,299.00, on hold for Ada until …'."""
    from jeweltui.money import format_money

    when = clock.format_local(past.at)
    if not past.existed:
        return f"At {when}: not in the stock book yet."
    record = past.record()
    words = [
        f"in {record['location_name']}",
        record["status"].replace("_", " "),
        format_money(record["retail_cents"] or 0, record["currency"] or "EUR"),
    ]
    for hold in record["holds"]:
        who = hold["customer"] or f"the {hold['channel']} channel"
        until = clock.format_local(datetime.fromisoformat(hold["until"]))
        words.append(
            f"{'on hold for' if hold['kind'] == 'hold' else 'reserved by'} {who} until {until}"
        )
    return f"At {when}: " + ", ".join(words) + "."


def holds_at(piece: Piece, moment: datetime) -> list[dict[str, Any]]:
    """The holds that blocked the piece at `moment`, with their end as it stood then."""
    cutoff = to_utc_text(moment)
    placed = Hold.select().where(
        (Hold.piece == piece)
        & (Hold.placed_at <= cutoff)
        & (Hold.closed_at.is_null() | (Hold.closed_at > cutoff))
    )
    result = []
    for hold in placed:
        ends = _expiry_at(hold, cutoff)
        if ends > cutoff:
            result.append(
                {
                    "hold": hold.id,
                    "kind": hold.kind,
                    "customer": hold.customer.name if hold.customer_id else "",
                    "channel": hold.channel,
                    "until": datetime.strptime(ends, "%Y-%m-%dT%H:%M:%S.%fZ")
                    .replace(tzinfo=UTC)
                    .isoformat(),
                }
            )
    return result


def _expiry_at(hold: Hold, cutoff: str) -> str:
    """A hold's end as it stood at `cutoff`: extensions made later are undone."""
    first_later_extension = (
        Movement.select(Movement.before)
        .where(
            (Movement.action == "extend")
            & (Movement.ref_table == "hold")
            & (Movement.ref_id == hold.id)
            & (Movement.at > cutoff)
        )
        .order_by(Movement.id)
        .first()
    )
    if first_later_extension is not None:
        return json.loads(first_later_extension.before)["expires_at"]
    return to_utc_text(hold.expires_at)


def stock_at(
    moment: datetime,
    *,
    location_id: int | None = None,
    direction: str = "auto",
    in_sql: bool | None = None,
) -> dict[int, dict[str, Any]]:
    """{piece id: {'location_id', 'status'}} for every piece that existed at `moment`.

    direction: 'back' (undo later rows from today), 'forward' (replay rows up to the
    moment) or 'auto' (the one that reads fewer ledger rows; both give the same answer).
    in_sql: pick each piece's deciding row inside SQLite (JSON1) rather than reading
    every row into Python; None = whenever the database is SQLite.
    """
    cutoff = to_utc_text(moment)
    if direction == "auto":
        later, earlier = _rows_each_side(cutoff)
        direction = "back" if later <= earlier else "forward"
    if in_sql is None:
        in_sql = False  # measured (bench/at.py): reading rows along `at` beats GROUP BY in SQL
    if in_sql:
        state = _sql_back(cutoff) if direction == "back" else _sql_forward(cutoff)
    else:
        state = _walk_back(cutoff) if direction == "back" else _replay_to(cutoff)
    if location_id is not None:
        state = {k: v for k, v in state.items() if v.get("location_id") == location_id}
    return state


def _rows_each_side(cutoff: str) -> tuple[int, int]:
    """About how many ledger rows lie after and up to the cutoff. Ids grow with time, so
    the last id up to the cutoff (one step down the index on `at`) splits them."""
    last = Movement.select(fn.MAX(Movement.id)).scalar() or 0
    last_before = (
        Movement.select(Movement.id)
        .where(Movement.at <= cutoff)
        .order_by(Movement.at.desc(), Movement.id.desc())
        .limit(1)
        .scalar()
    )
    if last_before is None:
        return last, 0  # every row is later: walk back from today
    return last - last_before, last_before


def _deciding_values(cutoff: str, key: str, *, forward: bool) -> dict[int, Any]:
    """Per piece, `key` as the ledger decides it at the cutoff: forward, the last 'after'
    that set it up to the cutoff; back, the first 'before' that held it after the cutoff."""
    column, compare, pick = ("after", "<=", "MAX") if forward else ("before", ">", "MIN")
    marks = ", ".join("?" for _ in STATE_ACTIONS)
    sql = (
        f"SELECT m.piece_id, json_extract(m.{column}, '$.{key}') FROM movement AS m"
        f" JOIN (SELECT {pick}(id) AS id FROM movement WHERE at {compare} ?"
        f" AND piece_id IS NOT NULL AND action IN ({marks})"
        f" AND instr({column}, '\"{key}\"') > 0 GROUP BY piece_id) AS deciding"
        " ON deciding.id = m.id"
    )
    return dict(database_proxy.obj.execute_sql(sql, (cutoff, *STATE_ACTIONS)).fetchall())


def _created(cutoff: str, *, forward: bool) -> list[int]:
    compare = Movement.at <= cutoff if forward else Movement.at > cutoff
    query = Movement.select(Movement.piece).where((Movement.action == "create") & compare)
    return [piece_id for (piece_id,) in query.tuples()]


def _sql_forward(cutoff: str) -> dict[int, dict[str, Any]]:
    values = {key: _deciding_values(cutoff, key, forward=True) for key in SNAPSHOT_FIELDS}
    return {
        piece_id: {key: values[key].get(piece_id) for key in SNAPSHOT_FIELDS}
        for piece_id in _created(cutoff, forward=True)
    }


def _sql_back(cutoff: str) -> dict[int, dict[str, Any]]:
    state = _current_state()
    for piece_id in _created(cutoff, forward=False):
        state.pop(piece_id, None)
    for key in SNAPSHOT_FIELDS:
        for piece_id, value in _deciding_values(cutoff, key, forward=False).items():
            if piece_id in state:
                state[piece_id][key] = value
    return state


def _current_state() -> dict[int, dict[str, Any]]:
    rows = Piece.select(Piece.id, Piece.location, Piece.status).tuples()
    return {pid: {"location_id": loc, "status": status} for pid, loc, status in rows}


def _replay_to(cutoff: str) -> dict[int, dict[str, Any]]:
    state: dict[int, dict[str, Any]] = {}
    rows = _state_rows(
        Movement.select(Movement.piece, Movement.after).where(Movement.at <= cutoff)
    ).order_by(Movement.at, Movement.id)  # along the index on `at`: ids grow with time
    for piece_id, after in rows.tuples().iterator():
        changes = json.loads(after)
        known = state.setdefault(piece_id, {})
        for key in SNAPSHOT_FIELDS:
            if key in changes:
                known[key] = changes[key]
    return state


def _walk_back(cutoff: str) -> dict[int, dict[str, Any]]:
    state = _current_state()
    rows = _state_rows(
        Movement.select(Movement.piece, Movement.action, Movement.before).where(
            Movement.at > cutoff
        )
    ).order_by(Movement.at.desc(), Movement.id.desc())  # along the index on `at`
    for piece_id, action, before in rows.tuples().iterator():
        if action == "create":
            state.pop(piece_id, None)
            continue
        known = state.get(piece_id)
        if known is None:
            continue
        changes = json.loads(before)
        for key in SNAPSHOT_FIELDS:
            if key in changes:
                known[key] = changes[key]
    return state


def stock_rows(
    moment: datetime, *, location: Location | None = None, include_gone: bool = False
) -> list[dict[str, Any]]:
    """What was where at `moment`, in stock-number order: the `stock --at` listing."""
    state = stock_at(moment, location_id=location.id if location else None)
    if not include_gone:
        state = {k: v for k, v in state.items() if v.get("status") == "in_stock"}
    codes = dict(Location.select(Location.id, Location.code).tuples())
    rows = []
    ids = list(state)
    for start in range(0, len(ids), 5000):  # SQLite's limit on bound parameters
        chunk = ids[start : start + 5000]
        for piece_id, stock_no, title in (
            Piece.select(Piece.id, Piece.stock_no, Piece.title).where(Piece.id.in_(chunk)).tuples()
        ):
            known = state[piece_id]
            rows.append(
                {
                    "stock_no": stock_no,
                    "title": title,
                    "location": codes.get(known.get("location_id"), "?"),
                    "status": known.get("status", ""),
                }
            )
    return sorted(rows, key=lambda r: r["stock_no"])
