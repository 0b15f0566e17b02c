"""Order import: channel orders take stock out, and oversells are caught and explained.

Paid orders sell their pieces, pending ones reserve them for RESERVE_HOURS, cancelled or
refunded ones give them back. Each order's last-seen content is kept, so importing the
same file again writes nothing, and an order whose status changed is applied as a change.
The whole file is one transaction, after the whole file has been read and checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jeweltui import clock
from jeweltui.channels.order_files import ParsedLine, ParsedOrder, read_orders
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, NotAvailable, UnknownCode
from jeweltui.models import Hold, Piece, Sale, Staff
from jeweltui.models.orders import ChannelOrder, ChannelOrderLine, Incident
from jeweltui.services import holds, incidents, sales
from jeweltui.services.availability import available
from jeweltui.services.pieces import find_piece

RESERVE_HOURS = 72


@dataclass
class ImportReport:
    channel: str
    dry_run: bool = False
    orders: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    sold: list[str] = field(default_factory=list)
    reserved: list[str] = field(default_factory=list)
    released: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    incidents: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class _DryRun(Exception):
    """Raised at the end of a dry run so the transaction rolls everything back."""


def import_orders(
    path: str | Path, *, channel: str, staff: Staff | None, dry_run: bool = False
) -> ImportReport:
    parsed = read_orders(path, channel)  # raises, naming the line, before any write
    report = ImportReport(channel=channel, dry_run=dry_run, orders=len(parsed))
    try:
        with write_transaction():
            for order in parsed:
                _apply_order(order, staff, report)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _apply_order(parsed: ParsedOrder, staff: Staff | None, report: ImportReport) -> None:
    now = clock.now()
    order = ChannelOrder.get_or_none(
        (ChannelOrder.channel == parsed.channel) & (ChannelOrder.external_id == parsed.external_id)
    )
    digest = parsed.content_hash
    if order is not None and order.content_hash == digest:
        report.unchanged += 1
        return
    fields = {
        "raw_status": parsed.raw_status,
        "intent": parsed.intent,
        "content_hash": digest,
        "buyer": parsed.buyer,
        "ordered_at": parsed.ordered_at,
        "changed_at": now,
    }
    if order is None:
        order = ChannelOrder.create(
            channel=parsed.channel, external_id=parsed.external_id, first_seen_at=now, **fields
        )
        report.new += 1
    else:
        ChannelOrder.update(**fields).where(ChannelOrder.id == order.id).execute()
        order = ChannelOrder.get_by_id(order.id)
        report.changed += 1
    kept = {line.position: line for line in order.lines}
    for item in parsed.lines:
        line = _line_for(order, item, kept.pop(item.position, None), staff, report)
        _drive(order, line, parsed.intent, staff, report)
    for gone in kept.values():  # lines the channel dropped from the order give their piece back
        _drive(order, gone, "cancelled", staff, report)


def _line_for(
    order: ChannelOrder,
    item: ParsedLine,
    line: ChannelOrderLine | None,
    staff: Staff | None,
    report: ImportReport,
) -> ChannelOrderLine:
    if line is not None and line.sku == item.sku:
        return line
    if line is not None:  # the line now names another piece: undo the old one first
        _drive(order, line, "cancelled", staff, report)
        ChannelOrderLine.delete().where(ChannelOrderLine.id == line.id).execute()
    piece = match_piece(item.sku)
    return ChannelOrderLine.create(
        order=order,
        position=item.position,
        sku=item.sku,
        title=item.title,
        quantity=item.quantity,
        price_cents=item.price_cents,
        piece=piece,
        state="none" if piece else "unmatched",
    )


def match_piece(sku: str) -> Piece | None:
    """By stock number or extra code first; else a piece carrying that SKU, available first."""
    if not sku:
        return None
    try:
        return find_piece(sku)
    except (UnknownCode, InvalidInput):  # not one of our codes: try it as a style SKU
        pass
    candidates = list(Piece.select().where(Piece.sku == sku.strip()).order_by(Piece.stock_no))
    for piece in candidates:
        if available(piece, counter_sale=True):
            return piece
    return candidates[0] if candidates else None


def _set(line: ChannelOrderLine, **changes) -> None:
    ChannelOrderLine.update(**changes).where(ChannelOrderLine.id == line.id).execute()
    for name, value in changes.items():
        setattr(line, name, value)


def _drive(
    order: ChannelOrder,
    line: ChannelOrderLine,
    intent: str,
    staff: Staff | None,
    report: ImportReport,
) -> None:
    """Bring one line to what the order now asks: sold, reserved or released."""
    if line.state == "unmatched":
        if f"{order.external_id}: {line.sku}" not in report.unmatched:
            report.unmatched.append(f"{order.external_id}: {line.sku or line.title or '(no SKU)'}")
        return
    piece = Piece.get_by_id(line.piece_id)
    if intent == "cancelled":
        _release(order, line, piece, staff, report)
    elif intent == "paid" and line.state in ("none", "reserved", "released"):
        _sell(order, line, piece, staff, report)
    elif intent == "pending" and line.state in ("none", "released"):
        _reserve(order, line, piece, staff, report)


def _sell(order, line, piece: Piece, staff, report: ImportReport) -> None:
    own = [line.hold_id] if line.state == "reserved" and line.hold_id else []
    try:
        sale = sales.sell_pieces(
            [piece.stock_no],
            staff=staff,
            channel=order.channel,
            prices={piece.stock_no: line.price_cents},
            payment_method=order.channel,
            external_ref=order.external_id,
            note=f"{order.channel} order {order.external_id}" + _buyer(order),
            fulfils=own,
        )
    except NotAvailable:
        _oversold(order, line, piece, staff, report)
        return
    _set(line, state="sold", sale=sale.id)
    report.sold.append(piece.stock_no)


def _reserve(order, line, piece: Piece, staff, report: ImportReport) -> None:
    try:
        hold = holds.place_reservation(
            piece, order.channel, RESERVE_HOURS, order.external_id, staff=staff
        )
    except NotAvailable:
        _oversold(order, line, piece, staff, report)
        return
    _set(line, state="reserved", hold=hold.id)
    report.reserved.append(piece.stock_no)


def _release(order, line, piece: Piece, staff, report: ImportReport) -> None:
    reason = f"{order.channel} order {order.external_id} {order.raw_status}"
    if line.state == "reserved" and line.hold_id:
        hold = Hold.get_or_none(Hold.id == line.hold_id)
        if hold is not None and hold.closed_at is None:
            holds.release_hold(hold.id, staff=staff, reason=reason)
        report.released.append(piece.stock_no)
    elif line.state == "sold" and line.sale_id:
        sale = Sale.get_or_none(Sale.id == line.sale_id)
        if sale is not None and sale.cancelled_at is None:
            sales.cancel_sale(sale.id, staff=staff, reason=reason, by_channel=True)
        report.released.append(piece.stock_no)
    elif line.state == "incident":
        for incident in Incident.select().where(
            (Incident.order == order) & (Incident.piece == piece)
        ):
            incidents.close_for_cancelled_order(incident, staff)
        return  # the incident stays on record as the line's story
    _set(line, state="released")


def _oversold(order, line, piece: Piece, staff, report: ImportReport) -> None:
    incident = incidents.record_oversell(
        Piece.get_by_id(piece.id),
        channel=order.channel,
        order=order,
        order_ref=order.external_id,
        staff=staff,
        at=order.ordered_at,
    )
    _set(line, state="incident")
    report.incidents.append(
        {
            "id": incident.id,
            "stock_no": piece.stock_no,
            "order": order.external_id,
            "cause": incident.cause,
            "explanation": incident.explanation,
        }
    )


def _buyer(order: ChannelOrder) -> str:
    return f" for {order.buyer}" if order.buyer else ""
