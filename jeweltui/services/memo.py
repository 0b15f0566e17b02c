"""Goods on memo: in from vendors (memo) or customers (consignment), out on approval.

Memo-in and consignment-in pieces sit in stock and sell like any other, but they are not
ours: they stay out of the owned stock value, and what we owe for them is derived from
their sale lines (a cancelled sale owes nothing again, with no bookkeeping to undo).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from peewee import JOIN, fn

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, NotAvailable, UnknownCode
from jeweltui.models import OWNERSHIPS, Customer, Location, Piece, Sale, SaleLine, Staff, Vendor
from jeweltui.models.vendors import MemoHeader, MemoLine
from jeweltui.money import format_money
from jeweltui.services import ledger
from jeweltui.services.customers import find_customer
from jeweltui.services.locations import create_location, find_location
from jeweltui.services.moves import move_pieces
from jeweltui.services.pieces import find_piece, retire_piece
from jeweltui.services.vendors import find_vendor, record_cost
from jeweltui.text import clean_line, clean_note

OWNERSHIP_OF = {"memo": "memo_in", "consignment": "consignment_in"}
DEFAULT_APPROVAL_DAYS = 7


@dataclass(frozen=True)
class MemoTerms:
    """What the vendor's memo (or the consignor's agreement) says."""

    kind: str = "memo"  # memo | consignment
    vendor: str = ""
    consignor: str = ""  # a customer code or name
    memo_no: str = ""
    terms_days: int | None = None
    date: datetime | None = None

    @property
    def ownership(self) -> str:
        return OWNERSHIP_OF[self.kind]


def find_party(code: str) -> Vendor | Customer:
    """A vendor (V-…) or a customer (C-… or a name): who goods go to or come from."""
    try:
        return find_vendor(code)
    except UnknownCode:
        try:
            return find_customer(code)
        except UnknownCode:
            raise UnknownCode(f"No vendor or customer '{code.strip()}'.") from None


def _party_fields(party: Vendor | Customer | None) -> dict[str, Any]:
    if isinstance(party, Vendor):
        return {"vendor": party, "customer": None}
    return {"vendor": None, "customer": party}


def open_memo_in(terms: MemoTerms, *, staff: Staff | None) -> MemoHeader:
    """A memo-in header; call inside the receiving transaction."""
    if terms.kind not in OWNERSHIP_OF:
        raise InvalidInput(f"Memo kind '{terms.kind}' is not memo or consignment.", field="kind")
    party = find_vendor(terms.vendor) if terms.vendor else None
    if terms.consignor:
        party = find_customer(terms.consignor)
    if party is None:
        raise InvalidInput("A memo needs the vendor or the consignor.", field="vendor")
    days = terms.terms_days
    if days is None:
        days = party.memo_days if isinstance(party, Vendor) else 90
    if days < 0:
        raise InvalidInput("Memo terms cannot be negative days.", field="terms_days")
    date = terms.date or clock.now()
    header = MemoHeader.create(
        direction="in",
        kind=terms.kind,
        memo_no=clean_line(terms.memo_no),
        date=date,
        terms_days=days,
        due_at=date + timedelta(days=days),
        **_party_fields(party),
    )
    ledger.record(
        "memo_in",
        staff=staff,
        reason=terms.kind,
        after={"memo_no": header.memo_no, "party": party.code, "terms_days": days},
        ref=("memo_header", header.id),
    )
    return header


def add_memo_line(header: MemoHeader, piece: Piece, home: Location | None = None) -> MemoLine:
    return MemoLine.create(
        memo=header, piece=piece, cost_cents=piece.cost_cents, home_location=home
    )


def open_line(piece: Piece, direction: str | None = None) -> MemoLine | None:
    """The memo line a piece is still out on (out on approval first, then memo-in)."""
    query = (
        MemoLine.select(MemoLine, MemoHeader)
        .join(MemoHeader)
        .where((MemoLine.piece == piece) & (MemoLine.status == "out"))
        .order_by(MemoHeader.direction.desc(), MemoLine.id.desc())  # 'out' before 'in'
    )
    if direction:
        query = query.where(MemoHeader.direction == direction)
    return query.first()


def line_status(line: MemoLine, piece: Piece) -> str:
    """Stored status, except a memo-in line whose piece is sold is 'sold' (derived)."""
    if line.status == "out" and piece.status == "sold":
        return "sold"
    return line.status


def _close_line(line: MemoLine, status: str) -> None:
    MemoLine.update(status=status, closed_at=clock.now()).where(MemoLine.id == line.id).execute()
    still_out = MemoLine.select().where(
        (MemoLine.memo == line.memo_id) & (MemoLine.status == "out")
    )
    if not still_out.exists():
        MemoHeader.update(status="closed").where(MemoHeader.id == line.memo_id).execute()


def _out_location(party: Vendor | Customer, staff: Staff | None) -> Location:
    """Each party has its own away location, 'L-OUT-V-001': not sellable, so not available."""
    code = f"L-OUT-{party.code}"
    existing = Location.get_or_none(Location.code == code)
    if existing:
        return existing
    name = f"Out on approval: {party.name}"
    return create_location(
        {"code": code, "name": name, "kind": "vendor", "sellable": False}, staff=staff
    )


def memo_out(
    codes: Iterable[str],
    *,
    to: str,
    staff: Staff | None,
    days: int | None = None,
    memo_no: str = "",
    note: str = "",
) -> MemoHeader:
    """Send pieces out on approval: one memo, moved to the party's away location."""
    wanted = list(dict.fromkeys(codes))
    if not wanted:
        raise InvalidInput("No pieces to send out.", field="codes")
    party = find_party(to)
    if days is None:
        days = party.memo_days if isinstance(party, Vendor) else DEFAULT_APPROVAL_DAYS
    if days < 0:
        raise InvalidInput("Days out cannot be negative.", field="days")
    now = clock.now()
    with write_transaction():
        away = _out_location(party, staff)
        homes = {}
        for code in wanted:
            piece = find_piece(code)
            if open_line(piece, "out") is not None:
                raise NotAvailable(f"{piece.stock_no} is already out on approval.")
            homes[piece.stock_no] = piece.location
        header = MemoHeader.create(
            direction="out",
            memo_no=clean_line(memo_no),
            date=now,
            terms_days=days,
            due_at=now + timedelta(days=days),
            note=clean_note(note),
            **_party_fields(party),
        )
        moved = move_pieces(list(homes), away.code, staff=staff, reason="memo_out", note=note)
        for piece in moved.moved + moved.already_there:
            add_memo_line(header, piece, home=homes[piece.stock_no])
        ledger.record(
            "memo_out",
            staff=staff,
            after={"party": party.code, "pieces": list(homes), "due": str(header.due_at)},
            ref=("memo_header", header.id),
        )
    return header


def memo_return(
    codes: Iterable[str], *, staff: Staff | None, to_location: str | None = None
) -> list[str]:
    """Close memo lines by return: an approval piece comes back to a shelf; a memo-in piece
    goes back to its vendor (retired from our stock, 'returned to vendor')."""
    done: list[str] = []
    with write_transaction():
        for code in dict.fromkeys(codes):
            piece = find_piece(code)
            line = open_line(piece)
            if line is None:
                raise NotAvailable(f"{piece.stock_no} is not on an open memo.")
            if piece.status == "sold":
                raise NotAvailable(f"{piece.stock_no} is sold; it cannot be returned.")
            if line.memo.direction == "out":
                target = to_location or (line.home_location.code if line.home_location else "")
                if not target:
                    raise InvalidInput("Say where it goes back to (--to L-…).", field="location")
                find_location(target)
                move_pieces([piece.stock_no], target, staff=staff, reason="memo_return")
                done.append(f"{piece.stock_no} back in {find_location(target).name}")
            else:
                retire_piece(piece, staff=staff, reason="returned to vendor")
                done.append(f"{piece.stock_no} returned to {_party_name(line.memo)}")
            _close_line(line, "returned")
    return done


def memo_buy(
    codes: Iterable[str], *, staff: Staff | None, cost_cents: int | None = None
) -> list[Piece]:
    """Buy memo-in or consignment pieces to own: ownership becomes 'owned', cost recorded."""
    bought: list[Piece] = []
    with write_transaction():
        for code in dict.fromkeys(codes):
            piece = find_piece(code)
            line = open_line(piece, "in")
            if line is None or piece.ownership == "owned":
                raise NotAvailable(f"{piece.stock_no} is not on memo or consignment from anyone.")
            if piece.status != "in_stock":
                raise NotAvailable(f"{piece.stock_no} is {piece.status}; it cannot be bought in.")
            cost = line.cost_cents if cost_cents is None else cost_cents
            before = {"ownership": piece.ownership, "cost_cents": piece.cost_cents}
            Piece.update(ownership="owned", cost_cents=cost, updated_at=clock.now()).where(
                Piece.id == piece.id
            ).execute()
            MemoLine.update(cost_cents=cost).where(MemoLine.id == line.id).execute()
            _close_line(line, "bought")
            record_cost(line.memo.vendor, piece.sku, cost, piece=piece, source="memo_buy")
            ledger.record(
                "memo_buy",
                staff=staff,
                piece=piece,
                before=before,
                after={"ownership": "owned", "cost_cents": cost},
                ref=("memo_line", line.id),
            )
            bought.append(Piece.get_by_id(piece.id))
    return bought


def memo_sell(
    codes: Iterable[str],
    *,
    staff: Staff | None,
    customer: Customer | None = None,
    prices: Mapping[str, int] | None = None,
) -> Sale:
    """The approval became a sale: the pieces come home and are sold, in one transaction."""
    from jeweltui.services.sales import sell_pieces

    wanted = list(dict.fromkeys(codes))
    with write_transaction():
        lines = []
        for code in wanted:
            piece = find_piece(code)
            line = open_line(piece, "out")
            if line is None:
                raise NotAvailable(f"{piece.stock_no} is not out on approval.")
            home = line.home_location.code if line.home_location else None
            if home is None:
                raise InvalidInput(f"{piece.stock_no} has no home location to come back to.")
            move_pieces([piece.stock_no], home, staff=staff, reason="memo_sold")
            lines.append(line)
        sale = sell_pieces(
            wanted, staff=staff, customer=customer, prices=prices, note="on approval"
        )
        for line in lines:
            _close_line(line, "sold")
    return sale


def _with_party(query):
    """Join the memo's vendor or customer into a query standing on MemoHeader, so naming
    the party of each row costs no query of its own."""
    return (
        query.join(Vendor, JOIN.LEFT_OUTER, on=(MemoHeader.vendor == Vendor.id))
        .switch(MemoHeader)
        .join(Customer, JOIN.LEFT_OUTER, on=(MemoHeader.customer == Customer.id))
    )


def _party_name(header: MemoHeader) -> str:
    party = header.vendor if header.vendor_id else header.customer
    return party.name if party else "?"


def _party_code(header: MemoHeader) -> str:
    party = header.vendor if header.vendor_id else header.customer
    return party.code if party else ""


def due_lines(*, within_days: int = 0, at: datetime | None = None) -> list[dict[str, Any]]:
    """Pieces still out on a memo whose due date is past (or within N days): both ways."""
    now = at or clock.now()
    horizon = now + timedelta(days=within_days)
    rows = (
        _with_party(MemoLine.select(MemoLine, MemoHeader, Piece, Vendor, Customer).join(MemoHeader))
        .switch(MemoLine)
        .join(Piece)
        .where(
            (MemoLine.status == "out")
            & (Piece.status == "in_stock")
            & (MemoHeader.due_at <= horizon)
        )
        .order_by(MemoHeader.due_at, Piece.stock_no)
    )
    return [
        {
            "direction": line.memo.direction,
            "party": _party_code(line.memo),
            "party_name": _party_name(line.memo),
            "memo_no": line.memo.memo_no,
            "stock_no": line.piece.stock_no,
            "title": line.piece.title,
            "due": clock.format_local(line.memo.due_at),
            "days_late": max(0, (now - line.memo.due_at).days),
            "what": "send back or buy" if line.memo.direction == "in" else "chase the return",
        }
        for line in rows
    ]


def _party_filter(query, party: str | None):
    if not party:
        return query
    who = find_party(party)
    column = MemoHeader.vendor if isinstance(who, Vendor) else MemoHeader.customer
    return query.where(column == who)


def payables(party: str | None = None) -> list[dict[str, Any]]:
    """What we owe for memo-in and consignment pieces that sold: derived from sale lines,
    dated by the sale, at the cost on the memo."""
    query = (
        MemoLine.select(
            Sale.at.alias("sold_at"),
            Sale.id.alias("sale_id"),
            Piece.stock_no,
            Piece.title,
            SaleLine.price_cents,
            MemoLine.cost_cents,
            MemoHeader.memo_no,
            fn.COALESCE(Vendor.code, Customer.code).alias("party"),
        )
        .join(MemoHeader)
        .join(Vendor, JOIN.LEFT_OUTER, on=(MemoHeader.vendor == Vendor.id))
        .switch(MemoHeader)
        .join(Customer, JOIN.LEFT_OUTER, on=(MemoHeader.customer == Customer.id))
        .switch(MemoLine)
        .join(Piece)
        .join(SaleLine, on=((SaleLine.piece == Piece.id) & SaleLine.active))
        .join(Sale)
        .where((MemoLine.status == "out") & (MemoHeader.direction == "in"))
        .order_by(Sale.at, Piece.stock_no)
    )
    return [
        {
            "date": clock.format_local(row["sold_at"]),
            "sale": row["sale_id"],
            "stock_no": row["stock_no"],
            "title": row["title"],
            "party": row["party"],
            "memo_no": row["memo_no"],
            "sold_for_cents": row["price_cents"],
            "owed_cents": row["cost_cents"],
        }
        for row in _party_filter(query, party).dicts()
    ]


def statement(party: str) -> dict[str, Any]:
    """Settlement for one vendor or consignor: sold, bought, returned, still out, owed."""
    who = find_party(party)
    query = (
        MemoLine.select(MemoLine, MemoHeader, Piece)
        .join(MemoHeader)
        .switch(MemoLine)
        .join(Piece)
        .where(MemoHeader.direction == "in")
        .order_by(Piece.stock_no)
    )
    sections: dict[str, list[dict[str, Any]]] = {
        "sold": [],
        "bought": [],
        "returned": [],
        "still_out": [],
    }
    sold_dates = {row["stock_no"]: row["date"] for row in payables(who.code)}
    for line in _party_filter(query, who.code):
        status = line_status(line, line.piece)
        key = "still_out" if status == "out" else status
        sections[key].append(
            {
                "stock_no": line.piece.stock_no,
                "title": line.piece.title,
                "memo_no": line.memo.memo_no,
                "cost_cents": line.cost_cents,
                "due": clock.format_local(line.memo.due_at),
                "date": sold_dates.get(line.piece.stock_no, ""),
            }
        )
    owed = sum(r["cost_cents"] for r in sections["sold"] + sections["bought"])
    currency = "EUR"
    return {
        "party": who.code,
        "name": who.name,
        **sections,
        "owed_cents": owed,
        "owed": format_money(owed, currency),
        "still_out_cents": sum(r["cost_cents"] for r in sections["still_out"]),
    }


def stock_value() -> dict[str, dict[str, int]]:
    """In-stock pieces by ownership: only 'owned' is our stock value; memo goods are not ours."""
    rows = (
        Piece.select(
            Piece.ownership,
            fn.COUNT(Piece.id),
            fn.COALESCE(fn.SUM(Piece.cost_cents), 0),
            fn.COALESCE(fn.SUM(Piece.retail_cents), 0),
        )
        .where(Piece.status == "in_stock")
        .group_by(Piece.ownership)
        .tuples()
    )
    value = {o: {"pieces": 0, "cost_cents": 0, "retail_cents": 0} for o in OWNERSHIPS}
    for ownership, count, cost, retail in rows:
        value[ownership] = {"pieces": count, "cost_cents": cost, "retail_cents": retail}
    return value


def memo_rows(*, include_closed: bool = False) -> list[dict[str, Any]]:
    """Memos both ways, with how many pieces are still out on each."""
    still_out = fn.SUM(MemoLine.status == "out")
    counts = (fn.COUNT(MemoLine.id).alias("pieces"), still_out.alias("out"))
    query = (
        _with_party(MemoHeader.select(MemoHeader, Vendor, Customer, *counts))
        .switch(MemoHeader)
        .join(MemoLine, JOIN.LEFT_OUTER)
        .group_by(MemoHeader.id, Vendor.id, Customer.id)
        .order_by(MemoHeader.due_at)
    )
    if not include_closed:
        query = query.where(MemoHeader.status == "open")
    return [
        {
            "id": h.id,
            "direction": h.direction,
            "kind": h.kind,
            "party": _party_code(h),
            "memo_no": h.memo_no,
            "date": clock.format_local(h.date),
            "due": clock.format_local(h.due_at),
            "pieces": h.pieces,
            "open_lines": h.out or 0,
            "status": h.status,
        }
        for h in query
    ]
