"""Quantity stock end to end: receive, move part, sell, return, hold and adjust counts.

Every change is one transaction with its ledger row. Units on hold are not free: a move
or a sale takes only free units, and a refusal says how many there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from peewee import fn

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, NotAvailable, UnknownCode
from jeweltui.models import Customer, Item, Location, Sale, Staff, StockLevel
from jeweltui.models.quantity import ItemHold, ItemReturn, ItemSaleLine
from jeweltui.services import ledger
from jeweltui.services.items import adjust_quantity, find_item
from jeweltui.services.locations import find_location

# Kinds of location units are never sold from (the same rule as pieces).
AWAY_KINDS = ("bench", "vendor", "transit")
MAX_UNITS = 100_000


def clean_qty(value, *, field: str = "qty") -> int:
    """A number of units: a whole number from 1 to 100,000."""
    try:
        qty = int(str(value).strip())
    except (TypeError, ValueError):
        raise InvalidInput(f"Quantity '{value}' is not a whole number.", field=field) from None
    if not 1 <= qty <= MAX_UNITS:
        raise InvalidInput(f"Quantity must be between 1 and {MAX_UNITS:,}.", field=field)
    return qty


def held_qty(item: Item, location: Location) -> int:
    total = (
        ItemHold.select(fn.SUM(ItemHold.qty))
        .where(
            (ItemHold.item == item)
            & (ItemHold.location == location)
            & ItemHold.closed_at.is_null()
            & (ItemHold.expires_at > clock.now())
        )
        .scalar()
    )
    return total or 0


@dataclass(frozen=True)
class LevelRow:
    location: str
    location_name: str
    qty: int
    held: int

    @property
    def free(self) -> int:
        return self.qty - self.held


def levels(item: Item) -> list[LevelRow]:
    """Where the units are: each location with units, how many, how many on hold."""
    rows = (
        StockLevel.select(StockLevel, Location)
        .join(Location)
        .where((StockLevel.item == item) & (StockLevel.qty > 0))
        .order_by(Location.code)
    )
    return [
        LevelRow(r.location.code, r.location.name, r.qty, held_qty(item, r.location)) for r in rows
    ]


def _level(item: Item, where: Location) -> StockLevel:
    level, _ = StockLevel.get_or_create(item=item, location=where, defaults={"qty": 0})
    return level


def _set(level: StockLevel, qty: int) -> None:
    StockLevel.update(qty=qty).where(StockLevel.id == level.id).execute()
    level.qty = qty


def receive_quantity(
    sku: str, qty, location: str, *, staff: Staff | None, reason: str = "received", note=""
) -> StockLevel:
    """N more units at a location (a delivery, a receiving line)."""
    units = clean_qty(qty)
    return adjust_quantity(sku, location, units, staff=staff, reason=reason or "received")


def _free_at(item: Item, where: Location) -> tuple[StockLevel, int]:
    level = _level(item, where)
    return level, level.qty - held_qty(item, where)


def _pick_source(item: Item, target: Location, source: str | None) -> Location:
    if source:
        return find_location(source)
    places = [row for row in levels(item) if row.location != target.code]
    if not places:
        raise NotAvailable(f"There are no {item.sku} outside {target.name} to move.")
    if len(places) > 1:
        where = ", ".join(f"{row.location} ({row.qty})" for row in places)
        raise InvalidInput(
            f"{item.sku} is in {where}: say which to move from (--from).", field="from"
        )
    return find_location(places[0].location)


def move_quantity(
    sku: str,
    qty,
    to: str,
    *,
    source: str | None = None,
    staff: Staff | None,
    reason: str = "move",
    note: str = "",
) -> tuple[Location, Location]:
    """Move part of a quantity: N units from one location to another, or nothing."""
    units = clean_qty(qty)
    item, target = find_item(sku), find_location(to)
    with write_transaction():
        origin = _pick_source(item, target, source)
        if origin.id == target.id:
            raise InvalidInput(f"{item.sku} is moving to where it is ({target.code}).", field="to")
        from_level, free = _free_at(item, origin)
        if units > free:
            held = from_level.qty - free
            on_hold = f", {held} more on hold" if held else ""
            raise NotAvailable(
                f"Only {free} of {item.sku} at {origin.code} ({origin.name}){on_hold}; "
                f"cannot move {units}. Nothing was moved."
            )
        to_level = _level(item, target)
        before = {"from_qty": from_level.qty, "to_qty": to_level.qty}
        _set(from_level, from_level.qty - units)
        _set(to_level, to_level.qty + units)
        ledger.record(
            "qty_move",
            staff=staff,
            reason=reason,
            note=note,
            before=before,
            after={
                "sku": item.sku,
                "qty": units,
                "from": origin.code,
                "to": target.code,
                "from_qty": from_level.qty,
                "to_qty": to_level.qty,
            },
            ref=("item", item.id),
        )
    return origin, target


def _sale_sources(item: Item) -> list[tuple[Location, StockLevel, int]]:
    """Where units can be sold from: shop floor first, then safe and backroom; never away."""
    rows = (
        StockLevel.select(StockLevel, Location)
        .join(Location)
        .where((StockLevel.item == item) & (StockLevel.qty > 0))
        .where(Location.kind.not_in(AWAY_KINDS))
        .order_by(Location.sellable.desc(), Location.code)
    )
    return [(r.location, r, r.qty - held_qty(item, r.location)) for r in rows]


def free_to_sell(item: Item) -> int:
    """Units a sale could take now: free units at every location that is not away."""
    return sum(max(0, free) for _, _, free in _sale_sources(item))


def sell_units(
    sale: Sale,
    sku: str,
    qty: int,
    *,
    staff: Staff | None,
    channel: str = "store",
    unit_price_cents: int | None = None,
) -> list[ItemSaleLine]:
    """Take N free units into a sale (inside the sale's transaction); refused with how many
    there are when there are not enough."""
    item = find_item(sku)
    units = clean_qty(qty)
    sources = _sale_sources(item)
    free = sum(max(0, f) for _, _, f in sources)
    if units > free:
        where = ", ".join(f"{loc.code} {f}" for loc, _, f in sources if f > 0) or "none free"
        raise NotAvailable(f"Only {free} of {item.sku} can be sold ({where}); cannot sell {units}.")
    price = item.retail_cents if unit_price_cents is None else unit_price_cents
    if price < 0:
        raise InvalidInput("A sale price cannot be negative.", field="price")
    lines, wanted = [], units
    for location, level, available in sources:
        take = min(wanted, max(0, available))
        if not take:
            continue
        before = level.qty
        _set(level, level.qty - take)
        line = ItemSaleLine.create(
            sale=sale, item=item, location=location, qty=take, unit_price_cents=price
        )
        ledger.record(
            "qty_sale",
            staff=staff,
            reason=channel,
            before={"qty": before},
            after={"qty": level.qty, "sku": item.sku, "location_id": location.id, "sold": take},
            ref=("sale", sale.id),
        )
        lines.append(line)
        wanted -= take
        if not wanted:
            break
    return lines


def cancel_units(sale: Sale, *, staff: Staff | None, reason: str) -> None:
    """A cancelled sale puts its units (less any already returned) back where they came from."""
    for line in ItemSaleLine.select().where(ItemSaleLine.sale == sale):
        back = line.qty - line.returned_qty
        if back <= 0:
            continue
        level = _level(line.item, line.location)
        before = level.qty
        _set(level, level.qty + back)
        ItemSaleLine.update(returned_qty=line.qty).where(ItemSaleLine.id == line.id).execute()
        ledger.record(
            "qty_cancel_sale",
            staff=staff,
            reason=reason,
            before={"qty": before},
            after={"qty": level.qty, "sku": line.item.sku, "location_id": line.location_id},
            ref=("sale", sale.id),
        )


def return_units(
    sku: str,
    qty,
    *,
    location: str,
    staff: Staff | None,
    reason: str,
    sale_id: int | None = None,
    refund_cents: int | None = None,
) -> list[ItemReturn]:
    """Units come back from a sale (the latest with units to return, or the one named)."""
    if not reason.strip():
        raise InvalidInput("Say why the units come back (--reason).", field="reason")
    units, item, place = clean_qty(qty), find_item(sku), find_location(location)
    now = clock.now()
    with write_transaction():
        query = (
            ItemSaleLine.select(ItemSaleLine, Sale)
            .join(Sale)
            .where(
                (ItemSaleLine.item == item)
                & Sale.cancelled_at.is_null()
                & (ItemSaleLine.returned_qty < ItemSaleLine.qty)
            )
            .order_by(Sale.at.desc(), ItemSaleLine.id.desc())
        )
        if sale_id is not None:
            query = query.where(Sale.id == sale_id)
        lines = list(query)
        returnable = sum(line.qty - line.returned_qty for line in lines)
        if units > returnable:
            which = f"sale #{sale_id}" if sale_id is not None else "its sales"
            raise NotAvailable(
                f"Only {returnable} of {item.sku} sold in {which} can come back; not {units}."
            )
        level = _level(item, place)
        made, wanted = [], units
        for line in lines:
            take = min(wanted, line.qty - line.returned_qty)
            if not take:
                continue
            refund = take * line.unit_price_cents if refund_cents is None else refund_cents
            if not 0 <= refund <= take * line.unit_price_cents:
                raise InvalidInput("A refund is between nothing and what was paid.", field="refund")
            ItemSaleLine.update(returned_qty=line.returned_qty + take).where(
                ItemSaleLine.id == line.id
            ).execute()
            made.append(
                ItemReturn.create(
                    sale_line=line,
                    qty=take,
                    at=now,
                    staff=staff,
                    location=place,
                    reason=reason.strip(),
                    refund_cents=refund,
                )
            )
            before = level.qty
            _set(level, level.qty + take)
            ledger.record(
                "qty_return",
                staff=staff,
                reason=reason.strip(),
                note=f"sale #{line.sale_id}",
                before={"qty": before},
                after={"qty": level.qty, "sku": item.sku, "location_id": place.id},
                ref=("item_return", made[-1].id),
            )
            wanted -= take
            if not wanted:
                break
    return made


def hold_units(
    sku: str,
    qty,
    *,
    location: str,
    staff: Staff | None,
    customer: Customer | None = None,
    days: int = 7,
    reason: str = "",
) -> ItemHold:
    """Set N units at a location aside (for a customer); they are not free until released."""
    units, item, place = clean_qty(qty), find_item(sku), find_location(location)
    if not 1 <= days <= 365:
        raise InvalidInput("A hold lasts 1 to 365 days.", field="days")
    now = clock.now()
    with write_transaction():
        level, free = _free_at(item, place)
        if units > free:
            raise NotAvailable(
                f"Only {free} of {item.sku} free at {place.code}; cannot hold {units}."
            )
        hold = ItemHold.create(
            item=item,
            location=place,
            qty=units,
            customer=customer,
            reason=reason,
            placed_by=staff,
            placed_at=now,
            expires_at=now + timedelta(days=days),
        )
        ledger.record(
            "qty_hold",
            staff=staff,
            reason=reason,
            after={"sku": item.sku, "qty": units, "location_id": place.id},
            ref=("item_hold", hold.id),
        )
    return hold


def release_units(hold_id: int, *, staff: Staff | None, reason: str = "released") -> ItemHold:
    with write_transaction():
        hold = ItemHold.get_or_none(ItemHold.id == hold_id)
        if hold is None:
            raise UnknownCode(f"No item hold #{hold_id}.")
        if hold.closed_at is not None:
            raise InvalidInput(f"Item hold #{hold_id} is closed already.", field="hold")
        ItemHold.update(closed_at=clock.now(), closed_reason=reason).where(
            ItemHold.id == hold.id
        ).execute()
        ledger.record(
            "qty_release",
            staff=staff,
            reason=reason,
            before={"qty": hold.qty},
            after={"sku": hold.item.sku, "qty": 0},
            ref=("item_hold", hold.id),
        )
    return ItemHold.get_by_id(hold_id)


def units_sold(item: Item, since) -> int:
    """Units sold since a moment, net of cancelled sales and returns: what velocity uses."""
    total = (
        ItemSaleLine.select(fn.SUM(ItemSaleLine.qty - ItemSaleLine.returned_qty))
        .join(Sale)
        .where((ItemSaleLine.item == item) & Sale.cancelled_at.is_null() & (Sale.at >= since))
        .scalar()
    )
    return total or 0


def adjust_units(
    sku: str,
    location: str,
    *,
    by: int | None = None,
    count: int | None = None,
    staff: Staff | None,
    reason: str,
) -> StockLevel:
    """Correct a count with a reason: by N units, or to the number counted."""
    if not reason.strip():
        raise InvalidInput("Say why the count changes (--reason).", field="reason")
    if count is not None:
        if count < 0:
            raise InvalidInput("A count cannot be negative.", field="count")
        item, where = find_item(sku), find_location(location)
        with write_transaction():
            by = count - _level(item, where).qty
            return adjust_quantity(sku, location, by, staff=staff, reason=reason.strip())
    if not by:
        raise InvalidInput("Adjust by a number of units other than 0.", field="by")
    return adjust_quantity(sku, location, by, staff=staff, reason=reason.strip())


def unit_lines(sale_ids: list[int]) -> dict[int, list[dict]]:
    """The quantity lines of these sales (one query), as receipts and sales lists show them."""
    rows = (
        ItemSaleLine.select(ItemSaleLine, Item)
        .join(Item)
        .where(ItemSaleLine.sale.in_(sale_ids))
        .order_by(ItemSaleLine.id)
    )
    found: dict[int, list[dict]] = {sale_id: [] for sale_id in sale_ids}
    for line in rows:
        found[line.sale_id].append(
            {
                "stock_no": line.item.sku,
                "title": f"{line.item.title} × {line.qty}",
                "qty": line.qty,
                "returned_qty": line.returned_qty,
                "list_cents": line.item.retail_cents * line.qty,
                "price_cents": line.unit_price_cents * line.qty,
                "currency": line.item.currency,
                "active": line.returned_qty < line.qty,
            }
        )
    return found


def item_record(item: Item, *, with_cost: bool = True) -> dict[str, Any]:
    """An item as plain data: `item show --json` and the screens."""
    from jeweltui.money import format_money

    places = levels(item)
    record = {
        "sku": item.sku,
        "title": item.title,
        "category": item.category,
        "metal": item.metal,
        "karat": item.karat,
        "retail_cents": item.retail_cents,
        "price": format_money(item.retail_cents, item.currency),
        "currency": item.currency,
        "vendor": item.vendor.code if item.vendor_id else "",
        "reorder_point": item.reorder_point,
        "style": item.style.code if item.style_id else "",
        "on_hand": sum(p.qty for p in places),
        "held": sum(p.held for p in places),
        "levels": [
            {"location": p.location, "name": p.location_name, "qty": p.qty, "held": p.held}
            for p in places
        ],
    }
    if with_cost:
        record["cost_cents"] = item.cost_cents
    return record


def list_items() -> list[dict[str, Any]]:
    from jeweltui.money import format_money

    rows = []
    for item in Item.select().order_by(Item.sku):
        places = levels(item)
        rows.append(
            {
                "sku": item.sku,
                "title": item.title,
                "on_hand": sum(p.qty for p in places),
                "held": sum(p.held for p in places),
                "retail_cents": item.retail_cents,
                "price": format_money(item.retail_cents, item.currency),
            }
        )
    return rows
