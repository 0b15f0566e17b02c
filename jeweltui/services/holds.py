"""Holds: a promise to a customer that cuts availability at once and ends by itself."""

from __future__ import annotations

from datetime import datetime, timedelta

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, NotAvailable, UnknownCode
from jeweltui.models import Customer, Hold, Piece, Staff
from jeweltui.models.base import to_utc_text
from jeweltui.services import ledger
from jeweltui.services.availability import available

DEFAULT_HOLD_HOURS = 48


def place_hold(
    piece: Piece,
    *,
    staff: Staff | None,
    customer: Customer | None = None,
    channel: str = "",
    hours: float | None = None,
    until: datetime | None = None,
    reason: str = "",
    kind: str = "hold",
) -> Hold:
    """Hold a piece for a customer (or reserve it for a channel) until a given time."""
    now = clock.now()
    expires = until or now + timedelta(hours=DEFAULT_HOLD_HOURS if hours is None else hours)
    if expires <= now:
        raise InvalidInput("A hold must end in the future.", field="until")
    if customer is None and not channel:
        raise InvalidInput("A hold needs a customer (or a channel for a reservation).")
    with write_transaction():
        current = Piece.get_by_id(piece.id)
        verdict = available(current, at=now, counter_sale=True)
        if not verdict:
            raise NotAvailable(verdict.reason)
        hold = Hold.create(
            piece=current,
            kind=kind,
            customer=customer,
            channel=channel,
            reason=reason,
            placed_by=staff,
            placed_at=now,
            expires_at=expires,
        )
        ledger.record(
            kind,
            staff=staff,
            piece=current,
            reason=reason,
            after={"hold_id": hold.id, "expires_at": to_utc_text(expires)},
            ref=("hold", hold.id),
        )
    return hold


def release_hold(hold_id: int, *, staff: Staff | None, reason: str = "released") -> Hold:
    now = clock.now()
    with write_transaction():
        hold = Hold.get_or_none(Hold.id == hold_id)
        if hold is None:
            raise UnknownCode(f"No hold #{hold_id}.")
        if hold.closed_at is not None:
            raise InvalidInput(f"Hold #{hold_id} is closed already ({hold.closed_reason}).")
        Hold.update(closed_at=now, closed_reason="released").where(Hold.id == hold.id).execute()
        ledger.record(
            "release",
            staff=staff,
            piece=hold.piece,
            reason=reason,
            before={"hold_id": hold.id},
            ref=("hold", hold.id),
        )
    return Hold.get_by_id(hold_id)


def open_holds(piece: Piece | None = None) -> list[Hold]:
    """Holds not closed and not expired, soonest to expire first."""
    query = Hold.select().where(Hold.closed_at.is_null() & (Hold.expires_at > clock.now()))
    if piece is not None:
        query = query.where(Hold.piece == piece)
    return list(query.order_by(Hold.expires_at))
