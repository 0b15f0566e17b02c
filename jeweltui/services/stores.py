"""Stores and transfers between them: one stock book, one truth for every store.

Every store sees the same pieces, holds and sales (one database); a piece changes store
only through a transfer, which parks it in the receiving store's in-transit location
(not sellable) until that store scans the transfer paper to receive it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from jeweltui import clock
from jeweltui.codes import normalise_code
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, NotAvailable, UnknownCode
from jeweltui.models import Location, Piece, Staff, Store
from jeweltui.models.stores import Transfer, TransferLine
from jeweltui.services import ledger
from jeweltui.services.locations import find_location, find_store
from jeweltui.services.moves import why_not_movable
from jeweltui.services.pieces import find_piece
from jeweltui.services.sequences import take_next


def transit_location(store: Store) -> Location:
    """The store's in-transit location, made the first time a transfer goes there."""
    found = Location.get_or_none((Location.store == store) & (Location.kind == "transit"))
    if found is not None:
        return found
    suffix = store.code.removeprefix("S-")
    return Location.create(
        code=f"L-TRANSIT-{suffix}",
        name=f"In transit to {store.name}",
        kind="transit",
        sellable=False,
        store=store,
    )


def create_store(code: str, name: str, *, staff: Staff | None) -> Store:
    code = normalise_code(code)
    if not code.startswith("S-"):
        code = f"S-{code}"
    if not name.strip():
        raise InvalidInput("A store needs a name.", field="name")
    with write_transaction():
        if Store.select().where(Store.code == code).exists():
            raise InvalidInput(f"Store {code} exists already.", field="code")
        store = Store.create(code=code, name=name.strip())
        transit_location(store)
        ledger.record("store_add", staff=staff, after={"code": code}, ref=("store", store.id))
    return store


@dataclass
class TransferResult:
    transfer: Transfer
    pieces: list[Piece] = field(default_factory=list)


def send_transfer(codes: Iterable[str], to_store: str, *, staff: Staff | None) -> TransferResult:
    """Send pieces to another store: all of them into its in-transit location, or none."""
    wanted = list(dict.fromkeys(codes))
    if not wanted:
        raise InvalidInput("No pieces to transfer.", field="codes")
    destination = find_store(to_store)
    now = clock.now()
    with write_transaction():
        transit = transit_location(destination)
        pieces = [_sendable(find_piece(code), destination) for code in wanted]
        origin = pieces[0].location.store
        transfer = Transfer.create(
            code=f"T-{take_next('transfer'):06d}",
            from_store=origin,
            to_store=destination,
            sent_at=now,
            sent_by=staff,
        )
        for piece in pieces:
            if piece.location.store_id != origin.id:
                raise InvalidInput("One transfer carries pieces from one store.", field="codes")
            _relocate(piece, transit, staff, f"transfer {transfer.code}", now)
            TransferLine.create(transfer=transfer, piece=piece)
    return TransferResult(transfer=transfer, pieces=pieces)


def receive_transfer(code: str, to_location: str, *, staff: Staff | None) -> TransferResult:
    """The receiving store scans the transfer paper: every piece goes to `to_location`."""
    transfer = Transfer.get_or_none(Transfer.code == normalise_code(code))
    if transfer is None:
        raise UnknownCode(f"No transfer {normalise_code(code)}.")
    location = find_location(to_location)
    now = clock.now()
    with write_transaction():
        transfer = Transfer.get_by_id(transfer.id)  # read again inside: received once only
        if transfer.status != "in_transit":
            raise NotAvailable(f"Transfer {transfer.code} was received already.")
        if location.store_id != transfer.to_store_id:
            raise InvalidInput(
                f"{location.code} is not in {transfer.to_store.name}, where {transfer.code} goes.",
                field="location",
            )
        pieces = [line.piece for line in transfer.lines.order_by(TransferLine.id)]
        for piece in pieces:
            if piece.status == "in_stock":  # a sold piece is not received as stock
                _relocate(piece, location, staff, f"received {transfer.code}", now)
        Transfer.update(status="received", received_at=now, received_by=staff).where(
            Transfer.id == transfer.id
        ).execute()
    return TransferResult(transfer=Transfer.get_by_id(transfer.id), pieces=pieces)


def _sendable(piece: Piece, destination: Store) -> Piece:
    problem = why_not_movable(piece)
    if problem:
        raise NotAvailable(problem)
    if piece.location.kind == "transit":
        raise NotAvailable(f"{piece.stock_no} is in transit already.")
    if piece.location.store_id == destination.id:
        raise InvalidInput(f"{piece.stock_no} is in {destination.name} already.", field="codes")
    return piece


def _relocate(piece: Piece, location: Location, staff, reason: str, now) -> None:
    before = ledger.piece_state(piece)
    Piece.update(location=location, updated_at=now).where(Piece.id == piece.id).execute()
    piece.location = location
    ledger.record(
        "move", staff=staff, piece=piece, reason=reason, before=before,
        after={"location_id": location.id},
    )  # fmt: skip


def store_counts() -> list[dict]:
    """Every store, its locations and the pieces in stock there."""
    rows = []
    for store in Store.select().order_by(Store.code):
        locations = Location.select().where(Location.store == store)
        in_stock = (
            Piece.select()
            .join(Location)
            .where((Location.store == store) & (Piece.status == "in_stock"))
        )
        rows.append({"code": store.code, "name": store.name,
                     "locations": locations.count(), "pieces": in_stock.count()})  # fmt: skip
    return rows


def transfer_rows(store_code: str = "") -> list[dict]:
    query = Transfer.select().order_by(Transfer.id.desc())
    if store_code:
        store = find_store(store_code)
        query = query.where((Transfer.from_store == store) | (Transfer.to_store == store))
    return [
        {
            "code": t.code,
            "from": t.from_store.code,
            "to": t.to_store.code,
            "status": t.status,
            "pieces": t.lines.count(),
            "sent": clock.format_local(t.sent_at),
        }
        for t in query
    ]
