"""A sold piece comes back: the sale line ends and the piece waits at a chosen location."""

from __future__ import annotations

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, NotAvailable
from jeweltui.models import Piece, SaleLine, Staff
from jeweltui.models.orders import SaleReturn
from jeweltui.services import ledger
from jeweltui.services.locations import find_location
from jeweltui.services.pieces import find_piece
from jeweltui.text import clean_line


def return_piece(
    code: str,
    *,
    staff: Staff | None,
    location: str,
    reason: str,
    refund_cents: int | None = None,
) -> SaleReturn:
    """Take a sold piece back into stock at `location`, available at once if that sells.

    The sale keeps its other lines; only this piece's line ends. The refund defaults
    to what was paid for it.
    """
    if not reason.strip():
        raise InvalidInput("Say why the piece comes back (--reason).", field="reason")
    now = clock.now()
    with write_transaction():
        piece = find_piece(code)
        place = find_location(location)
        line = SaleLine.get_or_none((SaleLine.piece == piece) & SaleLine.active)
        if piece.status != "sold" or line is None:
            raise NotAvailable(f"{piece.stock_no} is not sold, so it cannot be returned.")
        refund = line.price_cents if refund_cents is None else refund_cents
        if not 0 <= refund <= line.price_cents:
            raise InvalidInput(
                "A refund is between nothing and what was paid for the piece.", field="refund"
            )
        before = ledger.piece_state(piece)
        SaleLine.update(active=False).where(SaleLine.id == line.id).execute()
        Piece.update(status="in_stock", location=place, updated_at=now).where(
            Piece.id == piece.id
        ).execute()
        record = SaleReturn.create(
            sale_line=line,
            piece=piece,
            at=now,
            staff=staff,
            location=place,
            reason=clean_line(reason),
            refund_cents=refund,
        )
        ledger.record(
            "return",
            staff=staff,
            piece=piece,
            reason=clean_line(reason),
            note=f"sale #{line.sale_id}",
            before=before,
            after={"status": "in_stock", "location_id": place.id},
            ref=("sale_return", record.id),
        )
    return record
