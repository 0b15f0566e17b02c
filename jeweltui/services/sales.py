"""Selling at the counter (or for a channel) and cancelling a sale. One piece, one sale."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import AlreadySold, InvalidInput, NotAvailable, UnknownCode
from jeweltui.models import Customer, Hold, Piece, Sale, SaleLine, Staff
from jeweltui.services import ledger
from jeweltui.services.availability import available, blocking_hold
from jeweltui.services.lookup import find_piece


@dataclass(frozen=True)
class SoldLine:
    stock_no: str
    price_cents: int


def sell_pieces(
    codes: Iterable[str],
    *,
    staff: Staff | None,
    customer: Customer | None = None,
    channel: str = "store",
    prices: Mapping[str, int] | None = None,
    payment_method: str = "",
    external_ref: str = "",
    note: str = "",
) -> Sale:
    """Sell pieces in one transaction: all of them, or none with the reason of the first refusal.

    BEGIN IMMEDIATE makes the availability check and the sale one step, so two tills
    (or the till and the order import) can never both sell the same piece.
    """
    wanted = list(dict.fromkeys(codes))
    if not wanted:
        raise InvalidInput("No pieces to sell.", field="codes")
    prices = {k.upper(): v for k, v in (prices or {}).items()}
    now = clock.now()
    with write_transaction():
        sale = Sale.create(
            at=now,
            customer=customer,
            channel=channel,
            staff=staff,
            payment_method=payment_method,
            external_ref=external_ref,
            note=note,
        )
        for code in wanted:
            piece = find_piece(code)
            verdict = available(piece, ignore_hold_of=customer, counter_sale=channel == "store")
            if not verdict:
                error = AlreadySold if piece.status == "sold" else NotAvailable
                raise error(verdict.reason)
            price = prices.get(piece.stock_no, piece.retail_cents)
            if price < 0:
                raise InvalidInput("A sale price cannot be negative.", field="price")
            SaleLine.create(sale=sale, piece=piece, price_cents=price)
            _close_own_hold(piece, customer, now)
            before = ledger.piece_state(piece)
            Piece.update(status="sold", updated_at=now).where(Piece.id == piece.id).execute()
            ledger.record(
                "sell",
                staff=staff,
                piece=piece,
                reason=channel,
                note=note,
                before=before,
                after={"status": "sold"},
                ref=("sale", sale.id),
            )
    return sale


def _close_own_hold(piece: Piece, customer: Customer | None, now) -> None:
    hold = blocking_hold(piece, now)
    if hold is not None and customer is not None and hold.customer_id == customer.id:
        Hold.update(closed_at=now, closed_reason="sold").where(Hold.id == hold.id).execute()


def cancel_sale(sale_id: int, *, staff: Staff | None, reason: str = "cancelled") -> Sale:
    """Undo a sale: its pieces are back in stock, where they were, available at once."""
    now = clock.now()
    with write_transaction():
        sale = Sale.get_or_none(Sale.id == sale_id)
        if sale is None:
            raise UnknownCode(f"No sale #{sale_id}.")
        if sale.cancelled_at is not None:
            raise InvalidInput(f"Sale #{sale_id} is already cancelled.", field="sale")
        Sale.update(cancelled_at=now).where(Sale.id == sale.id).execute()
        for line in SaleLine.select().where((SaleLine.sale == sale) & SaleLine.active):
            SaleLine.update(active=False).where(SaleLine.id == line.id).execute()
            piece = Piece.get_by_id(line.piece_id)
            Piece.update(status="in_stock", updated_at=now).where(Piece.id == piece.id).execute()
            ledger.record(
                "cancel_sale",
                staff=staff,
                piece=piece,
                reason=reason,
                before={"status": "sold"},
                after={"status": "in_stock"},
                ref=("sale", sale.id),
            )
    return Sale.get_by_id(sale_id)


def sale_lines(sale: Sale) -> list[SoldLine]:
    rows = SaleLine.select(SaleLine, Piece).join(Piece).where(SaleLine.sale == sale)
    return [SoldLine(line.piece.stock_no, line.price_cents) for line in rows]
