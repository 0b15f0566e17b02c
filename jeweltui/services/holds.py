"""Holds and reservations: a claim on a piece that cuts availability at once and ends by itself.

A hold is a promise to a customer; a reservation is a channel's claim (an unpaid webshop
order). Both block while closed_at IS NULL AND expires_at > now, so expiry needs no
sweep; the sweep only closes expired claims and writes their ledger rows.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from peewee import JOIN

from jeweltui import bounds, clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, NotAvailable, UnknownCode
from jeweltui.models import Customer, Hold, Movement, Piece, Sale, Setting, Staff
from jeweltui.models.base import to_utc_text
from jeweltui.money import parse_money
from jeweltui.services import ledger
from jeweltui.services.availability import available, blocking_hold, describe_hold
from jeweltui.services.channel_rules import all_channels
from jeweltui.text import clean_line

DEFAULT_HOLD_HOURS = 48
DEFAULT_HOURS_KEY = "hold_default_hours"
EXTEND_HOURS = 24
LEDGER_BATCH = 90  # rows per INSERT: 10 columns each, under SQLite's oldest 999-variable limit


def default_hold_hours() -> float:
    """Hours a hold lasts when no end is given: the shop's setting, else 48."""
    row = Setting.get_or_none(Setting.key == DEFAULT_HOURS_KEY)
    if row is None or not str(row.value).strip():
        return DEFAULT_HOLD_HOURS
    try:
        return bounds.hours(row.value)
    except InvalidInput as error:
        raise InvalidInput(f"The setting {DEFAULT_HOURS_KEY}: {error.message}") from None


def _end_time(now: datetime, hours: float | None, until: datetime | str | None) -> datetime:
    if hours is not None and until is not None:
        raise InvalidInput("Give hours or an end time, not both.", field="until")
    if isinstance(until, str):
        until = clock.parse_moment(until, field="until", what="date and time")
    if until is None:
        hours = default_hold_hours() if hours is None else bounds.hours(hours)
        until = now + timedelta(hours=hours)
    if until <= now:
        raise InvalidInput(
            f"{clock.local(until):%Y-%m-%d %H:%M} is in the past; a hold must end in the future.",
            field="until",
        )
    return until


def _claim_refusal(piece: Piece, now: datetime, channel: str) -> str:
    """Why a piece cannot be claimed now, in words; '' when it can.

    A customer's hold follows the counter's rule (a clerk fetches from the safe); a
    channel's reservation follows that channel's rules when it is configured.
    """
    verdict = available(piece, channel or None, now, counter_sale=True)
    if verdict:
        return ""
    if blocking_hold(piece, now) is not None:
        return f"{verdict.reason}; a piece is never held twice"
    return verdict.reason


def _channel_notices(piece: Piece, now: datetime) -> list[str]:
    """Every configured channel that offered the piece until now: the hold takes it off."""
    return [
        f"{piece.stock_no} is off the {ch.name} ({ch.code}) export from now"
        for ch in all_channels()
        if available(piece, ch.code, now)
    ]


def place_hold(
    piece: Piece,
    *,
    staff: Staff | None,
    customer: Customer | None = None,
    channel: str = "",
    hours: float | None = None,
    until: datetime | str | None = None,
    reason: str = "",
    kind: str | None = None,
) -> Hold:
    """Hold a piece for a customer (or reserve it for a channel) until a given time.

    The returned hold carries .notices: one line per channel export the piece leaves.
    """
    now = clock.now()
    expires = _end_time(now, hours, until)
    reason = clean_line(reason)
    if customer is None and not channel:
        raise InvalidInput("A hold needs a customer (or a channel for a reservation).")
    kind = kind or ("hold" if customer is not None else "reservation")
    with write_transaction():
        current = Piece.get_by_id(piece.id)
        refusal = _claim_refusal(current, now, channel if kind == "reservation" else "")
        if refusal:
            raise NotAvailable(refusal)
        notices = _channel_notices(current, now)
        _expire(_past_expiry(now) & (Hold.piece == current), None)
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
            after={"hold_id": hold.id, "expires_at": to_utc_text(expires), "channel": channel},
            ref=("hold", hold.id),
        )
    hold.notices = notices
    return hold


def place_reservation(
    piece: Piece,
    channel: str,
    hours: float | None = None,
    external_ref: str = "",
    *,
    staff: Staff | None = None,
    until: datetime | str | None = None,
) -> Hold:
    """A channel's claim (an unpaid webshop order): same rules as a hold, no customer.

    The channel's order number is kept as the reservation's reason.
    """
    code = getattr(channel, "code", channel)
    if not code:
        raise InvalidInput("A reservation needs a channel.", field="channel")
    return place_hold(
        piece,
        staff=staff,
        channel=code,
        hours=hours,
        until=until,
        reason=external_ref,
        kind="reservation",
    )


def find_reservation(channel: str, external_ref: str) -> Hold | None:
    """The open reservation a channel made under its order number, if any."""
    return (
        Hold.select()
        .where(
            (Hold.kind == "reservation")
            & (Hold.channel == channel)
            & (Hold.reason == external_ref)
            & Hold.closed_at.is_null()
            & (Hold.expires_at > clock.now())
        )
        .first()
    )


def find_hold(ref: str | int) -> Hold:
    """A hold by number ('12', '#12') or the open hold on a piece ('R-000001')."""
    text = str(ref).strip().lstrip("#")
    if text.isdigit():
        hold = Hold.get_or_none(Hold.id == bounds.record_id(text, label="hold number"))
        if hold is None:
            raise UnknownCode(f"No hold #{text}.")
        return hold
    from jeweltui.services.pieces import find_piece

    piece = find_piece(text)
    hold = blocking_hold(piece)
    if hold is None:
        raise UnknownCode(f"{piece.stock_no} has no open hold.")
    return hold


def _open_hold(hold_id: int, now: datetime) -> Hold:
    """The hold, still open and not expired, read inside the caller's transaction."""
    hold = Hold.get_or_none(Hold.id == hold_id)
    if hold is None:
        raise UnknownCode(f"No hold #{hold_id}.")
    if hold.closed_at is not None:
        raise InvalidInput(f"Hold #{hold_id} is closed already ({hold.closed_reason}).")
    if hold.expires_at <= now:
        raise NotAvailable(
            f"Hold #{hold_id} expired {clock.format_local(hold.expires_at)}; place a new hold."
        )
    return hold


def extend_hold(
    hold_id: int,
    *,
    staff: Staff | None,
    hours: float | None = None,
    until: datetime | str | None = None,
) -> Hold:
    """Move a hold's end: by hours after its current end (24 by default), or to a time."""
    now = clock.now()
    with write_transaction():
        hold = _open_hold(hold_id, now)
        if until is None:
            extra = EXTEND_HOURS if hours is None else bounds.hours(hours)
            new_end = hold.expires_at + timedelta(hours=extra)
        else:
            new_end = _end_time(now, hours, until)
        Hold.update(expires_at=new_end).where(Hold.id == hold.id).execute()
        ledger.record(
            "extend",
            staff=staff,
            piece=hold.piece_id,
            before={"hold_id": hold.id, "expires_at": to_utc_text(hold.expires_at)},
            after={"hold_id": hold.id, "expires_at": to_utc_text(new_end)},
            ref=("hold", hold.id),
        )
    return Hold.get_by_id(hold_id)


def release_hold(hold_id: int, *, staff: Staff | None, reason: str = "released") -> Hold:
    """End a hold now: the piece is on sale again at once (if nothing else blocks it)."""
    now = clock.now()
    with write_transaction():
        hold = _open_hold(hold_id, now)
        Hold.update(closed_at=now, closed_reason="released").where(Hold.id == hold.id).execute()
        ledger.record(
            "release",
            staff=staff,
            piece=hold.piece_id,
            reason=reason,
            before={"hold_id": hold.id},
            ref=("hold", hold.id),
        )
    return Hold.get_by_id(hold_id)


def convert_hold_to_sale(
    hold_id: int,
    staff: Staff | None,
    price: int | str | None = None,
    payment_method: str = "",
) -> Sale:
    """Sell the held piece to the one it is held for: hold closed 'sold' and sale, together."""
    from jeweltui.services.sales import sell_pieces

    now = clock.now()
    with write_transaction():
        hold = _open_hold(hold_id, now)
        piece = Piece.get_by_id(hold.piece_id)
        prices = None if price is None else {piece.stock_no: parse_money(price, field="price")}
        if hold.customer_id is None:
            # A reservation is the channel's own claim: close it first so the sale may pass.
            _close(hold, now, "sold")
        sale = sell_pieces(
            [piece.stock_no],
            staff=staff,
            customer=hold.customer,
            channel=hold.channel or "store",
            prices=prices,
            payment_method=payment_method,
            external_ref=hold.reason if hold.kind == "reservation" else "",
        )
        ledger.record(
            "hold_sold",
            staff=staff,
            piece=piece,
            before={"hold_id": hold.id},
            after={"sale_id": sale.id},
            ref=("hold", hold.id),
        )
    return sale


def _close(hold: Hold, now: datetime, why: str) -> None:
    Hold.update(closed_at=now, closed_reason=why).where(Hold.id == hold.id).execute()


def _past_expiry(now: datetime):
    return Hold.closed_at.is_null() & (Hold.expires_at <= now)


def _expire(condition, staff: Staff | None) -> int:
    """Close expired holds (closed_at = the moment they ended) with one ledger row each.

    Runs inside the caller's write transaction, so the rows read are the rows closed.
    """
    rows = list(Hold.select(Hold.id, Hold.piece, Hold.expires_at).where(condition).tuples())
    if not rows:
        return 0
    Hold.update(closed_at=Hold.expires_at, closed_reason="expired").where(condition).execute()
    # One ledger row per hold, as ledger.record() writes it, inserted in batches: a sweep
    # after a long weekend (thousands of webshop reservations) stays well under a second.
    at, staff_id = clock.now(), staff.id if staff else None
    movements = [
        {
            "at": at,
            "staff": staff_id,
            "action": "expire",
            "piece": piece_id,
            "ref_table": "hold",
            "ref_id": hold_id,
            "reason": "expired",
            "note": "",
            "before": json.dumps(
                {"expires_at": to_utc_text(expires_at), "hold_id": hold_id}, sort_keys=True
            ),
            "after": "{}",
        }
        for hold_id, piece_id, expires_at in rows
    ]
    for start in range(0, len(movements), LEDGER_BATCH):
        Movement.insert_many(movements[start : start + LEDGER_BATCH]).execute()
    return len(rows)


def sweep_expired_holds(staff: Staff | None = None) -> int:
    """Record every hold past its end as expired; returns how many. Safe to run any time:
    a second run finds nothing to do. Availability never waits for it."""
    now = clock.now()
    with write_transaction():
        return _expire(_past_expiry(now), staff)


def open_holds(piece: Piece | None = None) -> list[Hold]:
    """Holds not closed and not expired, soonest to expire first."""
    query = Hold.select().where(Hold.closed_at.is_null() & (Hold.expires_at > clock.now()))
    if piece is not None:
        query = query.where(Hold.piece == piece)
    return list(query.order_by(Hold.expires_at))


# --- lists for the counter, the TUI and reminder calls ---------------------------------

VIEWS = ("active", "today", "expired", "released", "all")


def hold_state(hold: Hold, now: datetime) -> str:
    if hold.closed_at is not None:
        return hold.closed_reason or "closed"
    return "active" if hold.expires_at > now else "expired"


def _view_condition(view: str, now: datetime):
    is_open = Hold.closed_at.is_null()
    if view == "active":
        return is_open & (Hold.expires_at > now)
    if view == "today":
        start, end = clock.day_bounds(clock.local(now).date())
        return is_open & (Hold.expires_at >= start) & (Hold.expires_at < end)
    if view == "expired":
        return (Hold.closed_reason == "expired") | (is_open & (Hold.expires_at <= now))
    if view == "released":
        return Hold.closed_reason.in_(("released", "sold"))
    if view == "all":
        return Hold.id.is_null(False)
    raise InvalidInput(f"Unknown list '{view}'; one of: {', '.join(VIEWS)}.")


def hold_rows(view: str = "active", limit: int = 500) -> list[dict]:
    """Holds in one view, as rows for a table or JSON: piece, who, contact, until, state."""
    now = clock.now()
    query = _hold_query().where(_view_condition(view, now))
    newest_first = view in ("expired", "released", "all")
    order = Hold.expires_at.desc() if newest_first else Hold.expires_at
    return [_row(h, now) for h in query.order_by(order, Hold.id).limit(limit)]


def holds_expiring_on(day: date) -> list[dict]:
    """Open holds ending on a local day, soonest first, with the contact for a reminder call."""
    start, end = clock.day_bounds(day)
    query = _hold_query().where(
        Hold.closed_at.is_null() & (Hold.expires_at >= start) & (Hold.expires_at < end)
    )
    now = clock.now()
    return [_row(h, now) for h in query.order_by(Hold.expires_at, Hold.id)]


def _hold_query():
    return (
        Hold.select(Hold, Piece, Customer).join(Piece).switch(Hold).join(Customer, JOIN.LEFT_OUTER)
    )


def _row(hold: Hold, now: datetime) -> dict:
    customer = hold.customer if hold.customer_id else None
    return {
        "hold": hold.id,
        "kind": hold.kind,
        "stock_no": hold.piece.stock_no,
        "title": hold.piece.title,
        "for": customer.name if customer else hold.channel,
        "customer": customer.code if customer else "",
        "phone": customer.phone if customer else "",
        "email": customer.email if customer else "",
        "channel": hold.channel,
        "reason": hold.reason,
        "until": clock.format_local(hold.expires_at),
        "expires_at": hold.expires_at.isoformat(),
        "state": hold_state(hold, now),
        "words": describe_hold(hold),
    }
