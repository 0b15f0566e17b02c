"""Reading order files that come back from channels, all checked before anything is applied.

Shopify: the admin's orders CSV export, one row per line item, read by header name;
order fields are filled on the first row of an order only. WooCommerce: a JSON list
of REST API v3 order objects (`GET /wp-json/wc/v3/orders`). Either way the result is
a list of ParsedOrder, or an InvalidInput that names the line (or order) at fault.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from jeweltui import bounds
from jeweltui.errors import InvalidInput

CHANNEL_FORMATS = ("shopify", "woocommerce")

# Shopify "Financial Status" → what the order asks of its pieces.
SHOPIFY_INTENTS = {
    "paid": "paid",
    "partially_refunded": "paid",
    "pending": "pending",
    "authorized": "pending",
    "partially_paid": "pending",
    "unpaid": "pending",
    "refunded": "cancelled",
    "voided": "cancelled",
    "expired": "cancelled",
}
WOOCOMMERCE_INTENTS = {
    "processing": "paid",
    "completed": "paid",
    "pending": "pending",
    "on-hold": "pending",
    "checkout-draft": "pending",
    "cancelled": "cancelled",
    "refunded": "cancelled",
    "failed": "cancelled",
    "trash": "cancelled",
}
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
SHOPIFY_REQUIRED = (
    "Name",
    "Financial Status",
    "Lineitem quantity",
    "Lineitem price",
    "Lineitem sku",
)


@dataclass(frozen=True)
class ParsedLine:
    position: int
    sku: str
    title: str
    quantity: int
    price_cents: int


@dataclass
class ParsedOrder:
    channel: str
    external_id: str
    raw_status: str
    intent: str  # paid | pending | cancelled
    buyer: str = ""
    ordered_at: datetime | None = None
    source: str = ""  # 'line 4' or 'order 2': where it starts in the file
    lines: list[ParsedLine] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """Same order, same status, same lines: same hash, and the import leaves it alone."""
        body = {
            "status": self.raw_status,
            "intent": self.intent,
            "lines": [(x.sku, x.quantity, x.price_cents) for x in self.lines],
        }
        return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def read_orders(path: str | Path, channel: str) -> list[ParsedOrder]:
    if channel not in CHANNEL_FORMATS:
        raise InvalidInput(
            f"Unknown channel '{channel}'; one of: {', '.join(CHANNEL_FORMATS)}.", field="channel"
        )
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput(f"No file {path}.", field="file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(f"Cannot read {path}: {error}.", field="file") from None
    reader = read_shopify_csv if channel == "shopify" else read_woocommerce_json
    return reader(text, name=path.name)


def _cents(text: str, where: str, what: str) -> int:
    cleaned = str(text).strip()
    if _THOUSANDS.match(cleaned):  # a spreadsheet's '1,299.00'
        cleaned = cleaned.replace(",", "")
    try:
        amount = Decimal(cleaned or "0")
    except InvalidOperation:
        raise InvalidInput(f"{where}: {what} '{text}' is not a number.", field="file") from None
    if not amount.is_finite() or not 0 <= amount * 100 <= bounds.MAX_CENTS:
        raise InvalidInput(f"{where}: {what} '{text}' is not a sane amount.", field="file")
    return int((amount * 100).quantize(Decimal(1)))


def _quantity(text, where: str) -> int:
    try:
        number = int(str(text).strip())
    except ValueError:
        raise InvalidInput(
            f"{where}: quantity '{text}' is not a whole number.", field="file"
        ) from None
    if number < 1:
        raise InvalidInput(f"{where}: quantity must be at least 1 (got {number}).", field="file")
    return number


def _shopify_time(text: str, where: str) -> datetime | None:
    text = text.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%dT%H:%M:%S%z"):
        try:
            return datetime.strptime(text, pattern).astimezone(UTC)
        except ValueError:
            continue
    raise InvalidInput(
        f"{where}: the date '{text}' is not like 2025-12-06 10:37:33 -0500.", field="file"
    )


def read_shopify_csv(text: str, *, name: str = "orders.csv") -> list[ParsedOrder]:
    reader = csv.DictReader(text.splitlines(keepends=True))
    headers = reader.fieldnames or []
    missing = [column for column in SHOPIFY_REQUIRED if column not in headers]
    if missing:
        raise InvalidInput(
            f"{name} line 1: missing column {', '.join(repr(m) for m in missing)}; "
            "expected a Shopify orders export.",
            field="file",
        )
    orders: dict[str, ParsedOrder] = {}
    for row in reader:
        where = f"{name} line {reader.line_num}"
        if None in row:
            raise InvalidInput(f"{where}: more cells than columns.", field="file")
        if any(value is None for value in row.values()):
            raise InvalidInput(f"{where}: fewer cells than columns.", field="file")
        order_name = row["Name"].strip()
        if not order_name:
            raise InvalidInput(f"{where}: the order Name is empty.", field="file")
        order = orders.get(order_name)
        if order is None:
            order = orders[order_name] = _shopify_order(row, where, order_name)
        order.lines.append(
            ParsedLine(
                position=len(order.lines) + 1,
                sku=row["Lineitem sku"].strip(),
                title=(row.get("Lineitem name") or "").strip(),
                quantity=_quantity(row["Lineitem quantity"], where),
                price_cents=_cents(row["Lineitem price"], where, "price"),
            )
        )
    return list(orders.values())


def _shopify_order(row: dict[str, str], where: str, order_name: str) -> ParsedOrder:
    """The order fields, which Shopify fills on an order's first line-item row."""
    status = row["Financial Status"].strip().lower()
    if not status:
        raise InvalidInput(
            f"{where}: order {order_name} starts without a Financial Status.", field="file"
        )
    if status not in SHOPIFY_INTENTS:
        raise InvalidInput(
            f"{where}: unknown Financial Status '{status}' for order {order_name}.", field="file"
        )
    cancelled = _shopify_time(row.get("Cancelled at") or "", where)
    paid = _shopify_time(row.get("Paid at") or "", where)
    created = _shopify_time(row.get("Created at") or "", where)
    intent = "cancelled" if cancelled else SHOPIFY_INTENTS[status]
    buyer = (row.get("Billing Name") or row.get("Email") or "").strip()
    return ParsedOrder(
        channel="shopify",
        external_id=order_name,
        raw_status=status + (" (cancelled)" if cancelled else ""),
        intent=intent,
        buyer=buyer,
        ordered_at=paid or created,
        source=where,
    )


def _woo_time(value, where: str) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(
            f"{where}: the date '{value}' is not an ISO date.", field="file"
        ) from None
    # *_gmt fields carry no offset but are UTC; the plain ones are shop time, taken as UTC too.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def read_woocommerce_json(text: str, *, name: str = "orders.json") -> list[ParsedOrder]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"{name} line {error.lineno}, column {error.colno}: not valid JSON ({error.msg}).",
            field="file",
        ) from None
    if isinstance(data, dict):
        data = [data]  # a single order, as GET /orders/<id> returns it
    if not isinstance(data, list):
        raise InvalidInput(f"{name}: expected a list of WooCommerce orders.", field="file")
    return [_woo_order(raw, f"{name} order {n}") for n, raw in enumerate(data, start=1)]


def _woo_order(raw, where: str) -> ParsedOrder:
    if not isinstance(raw, dict):
        raise InvalidInput(f"{where}: not an order object.", field="file")
    number = str(raw.get("number") or raw.get("id") or "").strip()
    if not number:
        raise InvalidInput(f"{where}: the order has no number or id.", field="file")
    where = f"{where} (#{number})"
    status = str(raw.get("status") or "").strip().lower()
    if status not in WOOCOMMERCE_INTENTS:
        raise InvalidInput(f"{where}: unknown status '{status}'.", field="file")
    items = raw.get("line_items")
    if not isinstance(items, list):
        raise InvalidInput(f"{where}: line_items is missing or not a list.", field="file")
    billing = raw.get("billing") if isinstance(raw.get("billing"), dict) else {}
    buyer = " ".join(
        part for part in (billing.get("first_name"), billing.get("last_name")) if part
    ) or str(billing.get("email") or "")
    paid = _woo_time(raw.get("date_paid_gmt") or raw.get("date_paid"), where)
    created = _woo_time(raw.get("date_created_gmt") or raw.get("date_created"), where)
    order = ParsedOrder(
        channel="woocommerce",
        external_id=number,
        raw_status=status,
        intent=WOOCOMMERCE_INTENTS[status],
        buyer=buyer,
        ordered_at=paid or created,
        source=where,
    )
    for position, item in enumerate(items, start=1):
        item_where = f"{where} line item {position}"
        if not isinstance(item, dict):
            raise InvalidInput(f"{item_where}: not a line item object.", field="file")
        quantity = _quantity(item.get("quantity", 1), item_where)
        total = item.get("total")
        price = (
            _cents(total, item_where, "total") // quantity
            if total not in (None, "")
            else _cents(item.get("price", 0), item_where, "price")
        )
        order.lines.append(
            ParsedLine(
                position=position,
                sku=str(item.get("sku") or "").strip(),
                title=str(item.get("name") or "").strip(),
                quantity=quantity,
                price_cents=price,
            )
        )
    return order
