"""Can this piece be sold? One rule, answered two ways: in words for one piece,
and as a SQL condition for lists and exports. A test keeps the two in agreement."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN, SQL, fn

from jeweltui import clock
from jeweltui.db import compiled
from jeweltui.models import Customer, Hold, Location, Piece, Sale, SaleLine, database_proxy
from jeweltui.models.base import to_utc_text
from jeweltui.models.workorders import CLOSED_STATUSES, WorkOrder
from jeweltui.services.channel_rules import (
    channel_condition,
    configured_channel,
    exclusion_refusal,
    location_refusal,
)

# Kinds of location a piece cannot be sold from at all, even across the counter.
AWAY_KINDS = ("bench", "vendor", "transit")


@dataclass(frozen=True)
class Availability:
    ok: bool
    why: str | Callable[[], str] = ""  # a callable: the words cost a query, asked for rarely

    @property
    def reason(self) -> str:
        return self.why() if callable(self.why) else self.why

    def __bool__(self) -> bool:
        return self.ok


def blocking_hold(piece: Piece, at: datetime | None = None) -> Hold | None:
    """The open, unexpired hold or reservation on a piece. Expiry needs no sweep."""
    moment = at or clock.now()
    return (
        Hold.select(Hold, Customer)
        .join(Customer, JOIN.LEFT_OUTER)
        .where((Hold.piece == piece) & Hold.closed_at.is_null() & (Hold.expires_at > moment))
        .order_by(Hold.expires_at.desc())
        .first()
    )


def describe_hold(hold: Hold) -> str:
    who = hold.customer.name if hold.customer_id else f"the {hold.channel or 'channel'} channel"
    word = "on hold for" if hold.kind == "hold" else "reserved by"
    return f"{word} {who} until {clock.format_local(hold.expires_at)}"


def active_sale(piece: Piece) -> Sale | None:
    return Sale.select().join(SaleLine).where((SaleLine.piece == piece) & SaleLine.active).first()


def sale_words(piece: Piece) -> str:
    """'sold (sale #12, Tue 24 Nov 15:02)'."""
    sale = active_sale(piece)
    if sale is None:
        return "sold"
    return f"sold (sale #{sale.id}, {clock.format_local(sale.at)})"


def sold_reason(piece: Piece) -> str:
    return f"{piece.stock_no} is already {sale_words(piece)}"


def open_work_order(piece: Piece) -> WorkOrder | None:
    """The open job a piece is in (repair, resize…): it cannot be sold until the job ends."""
    return (
        WorkOrder.select()
        .where((WorkOrder.piece == piece) & WorkOrder.status.not_in(CLOSED_STATUSES))
        .first()
    )


def describe_work_order(job: WorkOrder) -> str:
    return f"in work order {job.code} ({job.kind}, {job.status.replace('_', ' ')})"


def _facts_query(moment: str, *rest):
    """A piece's status, its location's kind and sellable flag, and whether an open job or
    an open unexpired hold exists: everything the rule needs, in one statement."""
    hold = Hold.select(fn.COUNT(Hold.id)).where(
        (Hold.piece == Piece.id) & Hold.closed_at.is_null() & (Hold.expires_at > moment)
    )
    job = WorkOrder.select(fn.COUNT(WorkOrder.id)).where(
        (WorkOrder.piece == Piece.id) & WorkOrder.status.not_in(rest[:-1])
    )
    return (
        Piece.select(Piece.status, Location.kind, Location.sellable, Location.name, hold, job)
        .join(Location)
        .where(Piece.id == rest[-1])
    )


def _facts(piece: Piece, moment: datetime) -> tuple[str, str, bool, str, int, int]:
    params = (to_utc_text(moment), *CLOSED_STATUSES, piece.id)
    sql = compiled("availability_facts", _facts_query, params)
    return database_proxy.obj.execute_sql(sql, params).fetchone()


def available(
    piece: Piece,
    channel: str | None = None,
    at: datetime | None = None,
    *,
    ignore_hold_of: Customer | None = None,
    counter_sale: bool = False,
) -> Availability:
    """Not sold or retired, at a sellable location, no open unexpired hold.

    counter_sale: a clerk may fetch a piece from the safe or back room, so only bench,
    vendor and transit locations block; ignore_hold_of: a customer's own hold does not
    stop that customer buying. channel: a configured channel's code adds its rules
    (where it may sell from, its exclusions); None, 'store' or an unknown code add none.

    One precompiled query answers the common case (it is on every sale, hold and export
    check); the words for a refusal are looked up only when there is one.
    """
    moment = at or clock.now()
    status, kind, sellable, place, holds, jobs = _facts(piece, moment)
    if status == "sold":
        return Availability(False, lambda: sold_reason(piece))
    if status == "retired":
        return Availability(False, f"{piece.stock_no} is retired from stock")
    if jobs:
        return Availability(
            False,
            lambda: (
                f"{piece.stock_no} is in {place}, {describe_work_order(open_work_order(piece))}"
            ),
        )
    rules = configured_channel(channel)
    if rules is not None:
        if refusal := location_refusal(piece, piece.location, rules):
            return Availability(False, refusal)
    elif counter_sale:
        if kind in AWAY_KINDS:
            return Availability(False, f"{piece.stock_no} is away: in {place}")
    elif not sellable:
        return Availability(
            False, f"{piece.stock_no} is in {place}, which is not a sellable location"
        )
    if holds:
        hold = blocking_hold(piece, moment)
        if not (ignore_hold_of and hold.customer_id == ignore_hold_of.id):
            return Availability(False, f"{piece.stock_no} is {describe_hold(hold)}")
    if rules is not None and (refusal := exclusion_refusal(piece, rules)):
        return Availability(False, refusal)
    return Availability(True)


def available_condition(at: datetime | None = None, channel: str | None = None):
    """The same rule as available() as a peewee condition over Piece joined to Location."""
    moment = at or clock.now()
    open_hold = Hold.select(SQL("1")).where(
        (Hold.piece == Piece.id) & Hold.closed_at.is_null() & (Hold.expires_at > moment)
    )
    open_job = WorkOrder.select(SQL("1")).where(
        (WorkOrder.piece == Piece.id) & WorkOrder.status.not_in(CLOSED_STATUSES)
    )
    rules = configured_channel(channel)
    return (
        (Piece.status == "in_stock")
        & (channel_condition(rules) if rules else Location.sellable == True)  # noqa: E712
        & ~fn.EXISTS(open_hold)
        & ~fn.EXISTS(open_job)
    )


def describe_state(piece: Piece, at: datetime | None = None) -> str:
    """'In Case A, on hold for M. Rossi until Fri 18:00': a piece's state in words."""
    if piece.status == "sold":
        words = sale_words(piece)
        return words[0].upper() + words[1:]
    if piece.status == "retired":
        return "Retired from stock"
    words = f"In {piece.location.name}"
    hold = blocking_hold(piece, at)
    job = open_work_order(piece)
    if job is not None:
        words += f", {describe_work_order(job)}"
    elif hold is not None:
        words += f", {describe_hold(hold)}"
    elif piece.location.sellable:
        words += ", available"
    else:
        words += ", not on sale here"
    return words
