"""Selling at the counter (or for a channel) and cancelling a sale. One piece, one sale."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from peewee import JOIN

from jeweltui import bounds, clock
from jeweltui.db import write_transaction
from jeweltui.errors import AlreadySold, InvalidInput, NotAvailable, UnknownCode
from jeweltui.models import Customer, Hold, Piece, Sale, SaleLine, Setting, Staff
from jeweltui.money import format_money, parse_money
from jeweltui.permissions import Right, require
from jeweltui.services import ledger
from jeweltui.services.availability import available, blocking_hold
from jeweltui.services.pieces import find_piece
from jeweltui.services.quantity import cancel_units, sell_units, unit_lines
from jeweltui.text import clean_line, clean_note


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
    fulfils: Collection[int] = (),
    units: Iterable[tuple[str, int]] = (),
) -> Sale:
    """Sell pieces in one transaction: all of them, or none with the reason of the first refusal.

    units: (SKU, how many) of quantity items sold in the same sale, from free stock.

    BEGIN IMMEDIATE makes the availability check and the sale one step, so two tills
    (or the till and the order import) can never both sell the same piece.
    fulfils: ids of reservations this sale completes (a channel order that got paid);
    they are closed as sold first, so they do not block their own sale.
    """
    wanted = list(dict.fromkeys(codes))
    units = list(units)
    if not wanted and not units:
        raise InvalidInput("No pieces to sell.", field="codes")
    prices = {k.upper(): v for k, v in (prices or {}).items()}
    now = clock.now()
    with write_transaction():
        sale = Sale.create(
            at=now,
            customer=customer,
            channel=channel,
            staff=staff,
            payment_method=clean_line(payment_method),
            external_ref=clean_line(external_ref),
            note=clean_note(note),
        )
        _close_fulfilled(fulfils, now)
        for code in wanted:
            piece = find_piece(code)
            verdict = available(piece, ignore_hold_of=customer, counter_sale=channel == "store")
            if not verdict:
                error = AlreadySold if piece.status == "sold" else NotAvailable
                raise error(verdict.reason)
            price = prices.get(piece.stock_no, piece.retail_cents)
            if price < 0:
                raise InvalidInput("A sale price cannot be negative.", field="price")
            if channel == "store":
                _check_discount(staff, piece, price)
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
        for sku, qty in units:
            sell_units(
                sale,
                sku,
                qty,
                staff=staff,
                channel=channel,
                unit_price_cents=prices.get(sku.upper()),
            )
    return sale


DISCOUNT_LIMIT_KEY = "discount_limit_percent"
DEFAULT_DISCOUNT_LIMIT = 10  # percent off the ticket a sales clerk may give alone


def discount_limit_percent() -> int:
    """The shop's limit for a counter discount without a manager (setting, else 10 %)."""
    row = Setting.get_or_none(Setting.key == DISCOUNT_LIMIT_KEY)
    if row is None or not str(row.value).strip():
        return DEFAULT_DISCOUNT_LIMIT
    try:
        return bounds.whole_number(row.value, label="discount limit", high=100)
    except InvalidInput:
        return DEFAULT_DISCOUNT_LIMIT


def _check_discount(staff: Staff | None, piece: Piece, price: int) -> None:
    """More off the ticket than the shop's limit needs a manager."""
    ticket = piece.retail_cents or 0
    if ticket and (ticket - price) * 100 > ticket * discount_limit_percent():
        require(staff, Right.BIG_DISCOUNT)


def _close_fulfilled(hold_ids: Collection[int], now) -> None:
    if hold_ids:
        Hold.update(closed_at=now, closed_reason="sold").where(
            Hold.id.in_(list(hold_ids)) & Hold.closed_at.is_null()
        ).execute()


def _close_own_hold(piece: Piece, customer: Customer | None, now) -> None:
    hold = blocking_hold(piece, now)
    if hold is not None and customer is not None and hold.customer_id == customer.id:
        Hold.update(closed_at=now, closed_reason="sold").where(Hold.id == hold.id).execute()


def cancel_sale(
    sale_id: int, *, staff: Staff | None, reason: str = "cancelled", by_channel: bool = False
) -> Sale:
    """Undo a sale: its pieces are back in stock, where they were, available at once.

    by_channel: the channel itself cancelled its order (an order file said so); that is
    the channel's decision, not a clerk's override, so it needs no manager.
    """
    if not by_channel:
        require(staff, Right.CANCEL_SALE)
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
        cancel_units(sale, staff=staff, reason=reason)
    return Sale.get_by_id(sale_id)


def sale_lines(sale: Sale) -> list[SoldLine]:
    rows = SaleLine.select(SaleLine, Piece).join(Piece).where(SaleLine.sale == sale)
    return [SoldLine(line.piece.stock_no, line.price_cents) for line in rows]


def parse_discount(text: str) -> tuple[str, int]:
    """'10%' -> ('percent', 1000) in hundredths of a percent; '50.00' -> ('amount', 5000)."""
    raw = text.strip()
    if raw.endswith("%"):
        number = raw[:-1].strip()
        try:
            basis_points = round(Decimal(number) * 100)
        except (InvalidOperation, ValueError, OverflowError):  # 'x', 'nan', 'inf'
            raise InvalidInput(
                f"The discount '{raw}' is not a percentage; type it like 10%.", field="discount"
            ) from None
        if not 0 <= basis_points <= 10000:
            raise InvalidInput("A discount is between 0% and 100%.", field="discount")
        return "percent", basis_points
    return "amount", parse_money(raw, field="discount", label="discount")


def discounted_prices(list_prices: Mapping[str, int], discount: str | None) -> dict[str, int]:
    """Prices after a discount on the whole sale, in whole cents, never below zero.

    A fixed amount is shared in proportion to the prices; the rounding cents go to
    the last line so the total falls by exactly the amount.
    """
    prices = dict(list_prices)
    if not discount or not prices:
        return prices
    kind, value = parse_discount(discount)
    total = sum(prices.values())
    if kind == "percent":
        off = {code: (price * value + 5000) // 10000 for code, price in prices.items()}
    else:
        if value > total:
            raise InvalidInput(
                f"The discount {format_money(value)} is more than the sale total "
                f"{format_money(total)}.",
                field="discount",
            )
        codes = list(prices)
        off = {code: value * prices[code] // total if total else 0 for code in codes[:-1]}
        off[codes[-1]] = value - sum(off.values())
    return {code: prices[code] - off[code] for code in prices}


def list_prices(codes: Iterable[str]) -> dict[str, int]:
    """Each piece's retail price, keyed by its stock number, in the order given."""
    out: dict[str, int] = {}
    for code in codes:
        piece = find_piece(code)
        out[piece.stock_no] = piece.retail_cents
    return out


def _lines_with_pieces(sale_ids: Collection[int]):
    return (
        SaleLine.select(SaleLine, Piece)
        .join(Piece)
        .where(SaleLine.sale.in_(list(sale_ids)))
        .order_by(SaleLine.id)
    )


def sale_summary(
    sale: Sale, rows: Iterable[SaleLine] | None = None, units: list[dict] | None = None
) -> dict:
    """A sale as the receipt and the lists show it; rows (its lines with their pieces) and
    units (its quantity lines), when the caller read them already (a list reads every
    sale's lines in one query each)."""
    if rows is None:
        rows = _lines_with_pieces([sale.id])
    if units is None:
        units = unit_lines([sale.id])[sale.id]
    lines = [
        {
            "stock_no": line.piece.stock_no,
            "title": line.piece.title,
            "list_cents": line.piece.retail_cents,
            "price_cents": line.price_cents,
            "currency": line.piece.currency,
            "active": bool(line.active),
        }
        for line in rows
    ]
    lines += units
    currency = lines[0]["currency"] if lines else "EUR"
    total = sum(x["price_cents"] for x in lines)
    if sale.cancelled_at is not None:
        state = "cancelled"
    elif lines and not any(x["active"] for x in lines):
        state = "returned"
    elif any(not x["active"] for x in lines):
        state = "part returned"
    else:
        state = "sold"
    return {
        "sale": sale.id,
        "at": clock.format_stamp(sale.at),
        "channel": sale.channel,
        "external_ref": sale.external_ref,
        "customer": sale.customer.name if sale.customer_id else "",
        "staff": sale.staff.name if sale.staff_id else "",
        "payment": sale.payment_method,
        "note": sale.note,
        "state": state,
        "currency": currency,
        "total_cents": total,
        "total": format_money(total, currency),
        "pieces": ", ".join(x["stock_no"] for x in lines),
        "lines": lines,
    }


def recent_sales(limit: int = 50, channel: str | None = None) -> list[dict]:
    """The newest sales, in three queries however many: sales with customer and staff, then
    all their lines with pieces."""
    query = (
        Sale.select(Sale, Customer, Staff)
        .join(Customer, JOIN.LEFT_OUTER)
        .switch(Sale)
        .join(Staff, JOIN.LEFT_OUTER, on=(Sale.staff == Staff.id))
        .order_by(Sale.at.desc(), Sale.id.desc())
        .limit(limit)
    )
    if channel:
        query = query.where(Sale.channel == channel)
    found = list(query)
    lines: dict[int, list[SaleLine]] = defaultdict(list)
    for line in _lines_with_pieces([sale.id for sale in found]):
        lines[line.sale_id].append(line)
    units = unit_lines([sale.id for sale in found])
    return [sale_summary(sale, lines[sale.id], units[sale.id]) for sale in found]


def get_sale(sale_id: int) -> Sale:
    sale = Sale.get_or_none(Sale.id == sale_id)
    if sale is None:
        raise UnknownCode(f"No sale #{sale_id}.")
    return sale


def split_sale_codes(codes: Iterable[str]) -> tuple[list[str], list[tuple[str, int]]]:
    """What was typed or scanned at a sale -> (piece codes, [(item SKU, units)]).

    'CHN-BOX-SS-40:2' is two units; a bare item SKU is one unit, and each repeat adds one
    (as each scan of its code does at the till). Anything else is a piece code.
    """
    from jeweltui.models import Item
    from jeweltui.services.quantity import clean_qty

    pieces: list[str] = []
    units: dict[str, int] = {}
    for raw in codes:
        code, sep, qty = raw.strip().partition(":")
        sku = code.strip().upper()
        if sep:
            if not Item.select().where(Item.sku == sku).exists():
                raise UnknownCode(f"No quantity item with SKU {sku}.")
            units[sku] = units.get(sku, 0) + clean_qty(qty)
        elif Item.select().where(Item.sku == sku).exists():
            units[sku] = units.get(sku, 0) + 1
        else:
            pieces.append(raw)
    return pieces, list(units.items())
