"""Stocktake by scanning: count one location, several or the whole shop, then reconcile.

What a count shows (tally):
  found       a piece in stock, booked at the location where it was scanned;
  missing     a piece in stock, booked at a counted location, scanned nowhere in the count;
  unexpected  a scanned piece booked at another location, or sold, or retired;
  quantities  per quantity item and counted location: booked units against scanned units.
Only the count's own locations can have missing pieces: a count of Case A never marks
anything in Case B missing, even if Case B was never counted.

Accuracy (stored on the count when it finishes):
  lines    = expected pieces + unexpected pieces + quantity lines
             (quantity line: an item at a counted location with booked or counted units)
  matched  = found pieces + quantity lines where counted = booked
  accuracy = matched / lines  (100 % for a count with no lines)
It is "% of stock lines where the book equals the physical count".

Every scan is committed as it is made, so a count interrupted by a crash resumes with
its scans. Finishing asks a reason for every difference and writes, in one transaction,
one adjustment (with its ledger row) per difference:
  missing       lost, theft, damaged, book_error -> the piece is retired from stock;
                moved -> the piece is moved where it was found (give the location);
  unexpected    booked elsewhere -> moved to where it was scanned;
                retired -> back in stock where it was scanned;
                sold -> no change to the sale; the row records that it is still here;
  quantity      the booked units become the counted units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from peewee import fn

from jeweltui import clock
from jeweltui.codes import normalise_code
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, NotAvailable, UnknownCode
from jeweltui.models import Item, Location, Piece, Staff, StockLevel
from jeweltui.models.stocktake import (
    COUNT_REASONS,
    CountSchedule,
    StockCount,
    StockCountDifference,
    StockCountLocation,
    StockCountScan,
)
from jeweltui.services import ledger
from jeweltui.services.locations import find_location
from jeweltui.services.pieces import find_piece

# Which reasons fit which difference: a missing piece cannot be "found".
REASONS_FOR = {
    "missing": ("lost", "theft", "damaged", "moved", "book_error"),
    "unexpected": ("found", "moved", "damaged", "book_error"),
    "quantity": COUNT_REASONS,
}


@dataclass(frozen=True)
class Difference:
    """One line where the book and the shelf disagree; `key` names it for a reason."""

    kind: str
    key: str  # stock number, or SKU@LOCATION for quantity items
    location: str  # counted location (unexpected, quantity) or booked one (missing)
    booked: int
    counted: int
    words: str
    piece_id: int | None = None
    item_id: int | None = None
    location_id: int | None = None


@dataclass
class Tally:
    count_id: int
    status: str
    locations: list[str]
    current_location: str
    scans: int
    found: list[dict[str, Any]] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)
    unexpected: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    lines: int = 0
    matched: int = 0

    @property
    def accuracy(self) -> float:
        return 1.0 if self.lines == 0 else self.matched / self.lines

    def record(self) -> dict[str, Any]:
        return {
            "count": self.count_id,
            "status": self.status,
            "locations": self.locations,
            "current_location": self.current_location,
            "scans": self.scans,
            "found": self.found,
            "missing": self.missing,
            "unexpected": self.unexpected,
            "quantities": self.quantities,
            "differences": [d.key for d in self.differences],
            "lines": self.lines,
            "matched": self.matched,
            "accuracy": round(self.accuracy * 100, 2),
        }


@dataclass(frozen=True)
class ScanOutcome:
    kind: str  # piece | item | location
    words: str
    scan_id: int | None = None


def get_count(count_id: int) -> StockCount:
    count = StockCount.get_or_none(StockCount.id == count_id)
    if count is None:
        raise UnknownCode(f"No count #{count_id}.")
    return count


def _open_count(count_id: int) -> StockCount:
    count = get_count(count_id)
    if count.status != "open":
        raise NotAvailable(f"Count #{count.id} is {count.status}; start a new one.")
    return count


def count_location_ids(count: StockCount) -> list[int]:
    return [
        row.location_id
        for row in StockCountLocation.select().where(StockCountLocation.count == count)
    ]


def start_count(
    locations: list[str], *, staff: Staff | None, whole_shop: bool = False
) -> StockCount:
    """Open a count of some locations (or every active one with whole_shop)."""
    if whole_shop:
        places = list(Location.select().where(Location.active).order_by(Location.code))
    else:
        places = list({p.id: p for p in (find_location(code) for code in locations)}.values())
    if not places:
        raise InvalidInput("Say which locations to count (or --all).", field="locations")
    with write_transaction():
        busy = (
            StockCountLocation.select(StockCountLocation, StockCount)
            .join(StockCount)
            .where(
                (StockCount.status == "open")
                & StockCountLocation.location.in_([p.id for p in places])
            )
            .first()
        )
        if busy is not None:
            raise NotAvailable(
                f"Count #{busy.count_id} is still open for {busy.location.code}; "
                f"resume it, or finish it first."
            )
        count = StockCount.create(
            started_at=clock.now(),
            started_by=staff,
            whole_shop=whole_shop,
            current_location=places[0] if len(places) == 1 else None,
        )
        for place in places:
            StockCountLocation.create(count=count, location=place)
        ledger.record(
            "count_start",
            staff=staff,
            after={"locations": [p.code for p in places]},
            ref=("stock_count", count.id),
        )
    return count


def _location_by_code(code: str) -> Location | None:
    return Location.get_or_none(Location.code == code)


def scan(count_id: int, raw: str, *, qty: int = 1, location: str | None = None) -> ScanOutcome:
    """Record one scan, committed at once. A location's code says where the next scans are."""
    code = normalise_code(raw)
    if not 0 < qty <= 100_000:
        raise InvalidInput("A quantity is a whole number from 1 to 100000.", field="qty")
    with write_transaction():
        count = _open_count(count_id)
        in_scope = set(count_location_ids(count))
        if location is not None:
            _set_location(count, find_location(location), in_scope)
        place = _location_by_code(code)
        if place is not None:
            _set_location(count, place, in_scope)
            return ScanOutcome("location", f"Counting {place.code} ({place.name}).")
        piece, item = _piece_or_item(code)
        if count.current_location_id is None:
            raise InvalidInput(
                "This count covers several locations: scan the location's code first.",
                field="location",
            )
        if piece is not None and qty != 1:
            raise InvalidInput(f"{piece.stock_no} is one piece; a quantity is for items.")
        row = StockCountScan.create(
            count=count,
            at=clock.now(),
            code=code,
            location=count.current_location_id,
            piece=piece,
            item=item,
            qty=qty,
        )
    if piece is not None:
        return ScanOutcome("piece", f"{piece.stock_no} {piece.title}", row.id)
    return ScanOutcome("item", f"{item.sku} +{qty} {item.title}", row.id)


def _set_location(count: StockCount, place: Location, in_scope: set[int]) -> None:
    if place.id not in in_scope:
        raise NotAvailable(f"{place.code} is not part of count #{count.id}.")
    StockCount.update(current_location=place).where(StockCount.id == count.id).execute()
    count.current_location = place


def _piece_or_item(code: str) -> tuple[Piece | None, Item | None]:
    """Any code the shop scans: stock number, old tag, EAN, vendor code, or an item's SKU."""
    try:
        return find_piece(code), None
    except UnknownCode:
        pass
    item = Item.get_or_none(Item.sku == code)
    if item is not None:
        return None, item
    raise UnknownCode(f"No piece, item or location with code {code}.")


def undo_last_scan(count_id: int) -> StockCountScan | None:
    """Take back the last scan of an open count (a mistaken scan); None when there is none."""
    with write_transaction():
        count = _open_count(count_id)
        last = (
            StockCountScan.select()
            .where((StockCountScan.count == count) & ~StockCountScan.undone)
            .order_by(StockCountScan.id.desc())
            .first()
        )
        if last is not None:
            StockCountScan.update(undone=True).where(StockCountScan.id == last.id).execute()
    return last


def tally(count_id: int) -> Tally:
    """Found, missing, unexpected and quantities of a count, as they stand now."""
    count = get_count(count_id)
    scope = count_location_ids(count)
    codes = dict(Location.select(Location.id, Location.code).tuples())
    scans = list(
        StockCountScan.select()
        .where((StockCountScan.count == count) & ~StockCountScan.undone)
        .order_by(StockCountScan.id)
    )
    result = Tally(
        count_id=count.id,
        status=count.status,
        locations=sorted(codes[i] for i in scope),
        current_location=codes.get(count.current_location_id, ""),
        scans=len(scans),
    )
    _tally_pieces(result, scope, scans, codes)
    _tally_items(result, scope, scans, codes)
    result.lines = len(result.found) + len(result.missing) + len(result.unexpected)
    result.lines += len(result.quantities)
    result.matched = len(result.found) + sum(q["counted"] == q["booked"] for q in result.quantities)
    return result


def _tally_pieces(result: Tally, scope: list[int], scans, codes: dict[int, str]) -> None:
    seen: dict[int, int] = {}  # piece id -> where it was (last) scanned
    for row in scans:
        if row.piece_id is not None:
            seen[row.piece_id] = row.location_id
    expected = Piece.select().where((Piece.status == "in_stock") & Piece.location.in_(scope))
    for piece in expected.order_by(Piece.stock_no):
        if piece.id not in seen:
            result.missing.append(_piece_row(piece, codes[piece.location_id]))
            result.differences.append(
                Difference(
                    "missing",
                    piece.stock_no,
                    codes[piece.location_id],
                    1,
                    0,
                    f"{piece.stock_no} missing from {codes[piece.location_id]}",
                    piece_id=piece.id,
                    location_id=piece.location_id,
                )
            )
    scanned = Piece.select().where(Piece.id.in_(list(seen))) if seen else []
    for piece in sorted(scanned, key=lambda p: p.stock_no):
        where = seen[piece.id]
        if piece.status == "in_stock" and piece.location_id == where:
            result.found.append(_piece_row(piece, codes[where]))
            continue
        why = (
            f"booked in {codes[piece.location_id]}" if piece.status == "in_stock" else piece.status
        )
        result.unexpected.append({**_piece_row(piece, codes[where]), "why": why})
        result.differences.append(
            Difference(
                "unexpected",
                piece.stock_no,
                codes[where],
                0,
                1,
                f"{piece.stock_no} found in {codes[where]}, {why}",
                piece_id=piece.id,
                location_id=where,
            )
        )


def _piece_row(piece: Piece, where: str) -> dict[str, Any]:
    return {"stock_no": piece.stock_no, "title": piece.title, "location": where}


def _tally_items(result: Tally, scope: list[int], scans, codes: dict[int, str]) -> None:
    counted: dict[tuple[int, int], int] = {}
    for row in scans:
        if row.item_id is not None:
            key = (row.item_id, row.location_id)
            counted[key] = counted.get(key, 0) + row.qty
    booked = {
        (item_id, location_id): qty
        for item_id, location_id, qty in StockLevel.select(
            StockLevel.item, StockLevel.location, StockLevel.qty
        )
        .where(StockLevel.location.in_(scope) & (StockLevel.qty > 0))
        .tuples()
    }
    keys = set(booked) | set(counted)
    skus = dict(Item.select(Item.id, Item.sku).where(Item.id.in_([k[0] for k in keys])).tuples())
    for item_id, location_id in sorted(keys, key=lambda k: (skus[k[0]], codes[k[1]])):
        have, found = booked.get((item_id, location_id), 0), counted.get((item_id, location_id), 0)
        where = codes[location_id]
        result.quantities.append(
            {"sku": skus[item_id], "location": where, "booked": have, "counted": found}
        )
        if have != found:
            result.differences.append(
                Difference(
                    "quantity",
                    f"{skus[item_id]}@{where}",
                    where,
                    have,
                    found,
                    f"{skus[item_id]} in {where}: booked {have}, counted {found}",
                    item_id=item_id,
                    location_id=location_id,
                )
            )


def parse_reason(text: str) -> tuple[str, str]:
    """'moved:L-SAFE' -> ('moved', 'L-SAFE'); 'book error' -> ('book_error', '')."""
    word, _, target = text.strip().partition(":")
    word = word.strip().lower().replace(" ", "_").replace("-", "_")
    if word not in COUNT_REASONS:
        raise InvalidInput(
            f"'{text}' is not a reason; one of: {', '.join(COUNT_REASONS)}.", field="reason"
        )
    return word, target.strip()


def finish_count(count_id: int, reasons: dict[str, str], *, staff: Staff | None) -> StockCount:
    """Close a count: one adjustment with its ledger row per difference, all or nothing.

    reasons: difference key (stock number, or SKU@LOCATION) -> reason word; a missing
    piece that was moved names where it is: 'moved:L-SAFE'.
    """
    wanted = {key.strip().upper(): value for key, value in reasons.items()}
    with write_transaction():
        count = _open_count(count_id)
        result = tally(count_id)
        lacking = [d.key for d in result.differences if d.key not in wanted]
        if lacking:
            raise InvalidInput(f"Give a reason for {', '.join(lacking)}.", field="reason")
        for difference in result.differences:
            _adjust(count, difference, wanted[difference.key], staff)
        now = clock.now()
        accuracy_bp = round(result.accuracy * 10_000)
        StockCount.update(
            status="finished",
            finished_at=now,
            finished_by=staff,
            lines=result.lines,
            matched=result.matched,
            accuracy_bp=accuracy_bp,
        ).where(StockCount.id == count.id).execute()
        ledger.record(
            "count_finish",
            staff=staff,
            after={"lines": result.lines, "matched": result.matched, "accuracy_bp": accuracy_bp},
            ref=("stock_count", count.id),
        )
    return get_count(count_id)


def _adjust(count: StockCount, difference: Difference, reason_text: str, staff) -> None:
    reason, target = parse_reason(reason_text)
    if reason not in REASONS_FOR[difference.kind]:
        raise InvalidInput(
            f"{difference.key} is {difference.kind}: the reason is one of "
            f"{', '.join(REASONS_FOR[difference.kind])}.",
            field="reason",
        )
    if difference.kind == "quantity":
        movement = _adjust_quantity(count, difference, reason, staff)
        detail = ""
    else:
        movement, detail = _adjust_piece(count, difference, reason, target, staff)
    StockCountDifference.create(
        count=count,
        kind=difference.kind,
        piece=difference.piece_id,
        item=difference.item_id,
        location=difference.location_id,
        booked=difference.booked,
        counted=difference.counted,
        reason=reason,
        detail=detail,
        movement_id=movement.id,
    )


def _adjust_piece(count, difference: Difference, reason: str, target: str, staff):
    piece = Piece.get_by_id(difference.piece_id)
    before = ledger.piece_state(piece)
    changes: dict[str, Any] = {}
    if difference.kind == "missing":
        if reason == "moved":
            if not target:
                raise InvalidInput(
                    f"Say where {piece.stock_no} was moved: {piece.stock_no}=moved:L-SAFE.",
                    field="reason",
                )
            changes = {"location_id": find_location(target).id}
        else:
            changes = {"status": "retired"}
    elif piece.status == "retired":
        changes = {"status": "in_stock", "location_id": difference.location_id}
    elif piece.status == "in_stock":
        changes = {"location_id": difference.location_id}
    # A sold piece still on the shelf keeps its sale: the row only records where it is.
    if changes:
        Piece.update(
            status=changes.get("status", piece.status),
            location=changes.get("location_id", piece.location_id),
            updated_at=clock.now(),
        ).where(Piece.id == piece.id).execute()
    detail = ", ".join(f"{k}={v}" for k, v in changes.items()) or f"{piece.status}, left as is"
    movement = ledger.record(
        "count_adjust",
        staff=staff,
        piece=piece,
        reason=reason,
        note=f"count #{count.id}: {difference.words}",
        before=before if changes else {},
        after=changes,
        ref=("stock_count", count.id),
    )
    return movement, detail


def _adjust_quantity(count, difference: Difference, reason: str, staff):
    level, _ = StockLevel.get_or_create(
        item=difference.item_id, location=difference.location_id, defaults={"qty": 0}
    )
    before = {"qty": level.qty}
    StockLevel.update(qty=difference.counted).where(StockLevel.id == level.id).execute()
    sku = difference.key.split("@")[0]
    return ledger.record(
        "count_adjust",
        staff=staff,
        reason=reason,
        note=f"count #{count.id}: {difference.words}",
        before=before,
        after={"qty": difference.counted, "sku": sku, "location_id": difference.location_id},
        ref=("stock_level", level.id),
    )


def abandon_count(count_id: int, *, staff: Staff | None) -> StockCount:
    """Give up a count: nothing is adjusted, its scans are kept for the record."""
    with write_transaction():
        count = _open_count(count_id)
        StockCount.update(status="abandoned", finished_at=clock.now(), finished_by=staff).where(
            StockCount.id == count.id
        ).execute()
        ledger.record("count_abandon", staff=staff, ref=("stock_count", count.id))
    return get_count(count_id)


def count_rows() -> list[dict[str, Any]]:
    """Every count, newest first, with its locations and accuracy."""
    codes = dict(Location.select(Location.id, Location.code).tuples())
    scopes: dict[int, list[str]] = {}
    for count_id, location_id in StockCountLocation.select(
        StockCountLocation.count, StockCountLocation.location
    ).tuples():
        scopes.setdefault(count_id, []).append(codes[location_id])
    scans = dict(
        StockCountScan.select(StockCountScan.count, fn.COUNT(StockCountScan.id))
        .where(~StockCountScan.undone)
        .group_by(StockCountScan.count)
        .tuples()
    )
    return [
        {
            "count": c.id,
            "started": clock.format_stamp(c.started_at),
            "status": c.status,
            "locations": "all" if c.whole_shop else " ".join(sorted(scopes.get(c.id, []))),
            "scans": scans.get(c.id, 0),
            "accuracy": "" if c.accuracy_bp is None else f"{c.accuracy_bp / 100:.2f}%",
        }
        for c in StockCount.select().order_by(StockCount.id.desc())
    ]


def open_counts() -> list[StockCount]:
    return list(StockCount.select().where(StockCount.status == "open").order_by(StockCount.id))


def finished_differences(count_id: int) -> list[dict[str, Any]]:
    rows = (
        StockCountDifference.select()
        .where(StockCountDifference.count == count_id)
        .order_by(StockCountDifference.id)
    )
    return [
        {
            "kind": d.kind,
            "what": d.piece.stock_no if d.piece_id else d.item.sku,
            "location": d.location.code,
            "booked": d.booked,
            "counted": d.counted,
            "reason": d.reason,
            "detail": d.detail,
        }
        for d in rows
    ]


# --- Cycle counts -----------------------------------------------------------------


def set_schedule(location: str, every_days: int, *, staff: Staff | None) -> CountSchedule:
    """Count this location every so many days (the safe daily, cases weekly)."""
    if not 1 <= every_days <= 366:
        raise InvalidInput("Count every 1 to 366 days.", field="every")
    place = find_location(location)
    with write_transaction():
        schedule, _ = CountSchedule.get_or_create(location=place, defaults={"every_days": 1})
        before = {"every_days": schedule.every_days}
        CountSchedule.update(every_days=every_days).where(CountSchedule.id == schedule.id).execute()
        ledger.record(
            "count_schedule",
            staff=staff,
            reason=place.code,
            before=before,
            after={"every_days": every_days},
            ref=("count_schedule", schedule.id),
        )
    return CountSchedule.get_by_id(schedule.id)


def due_counts() -> list[dict[str, Any]]:
    """Scheduled locations whose last finished count is older than their cycle (or none)."""
    now = clock.now()
    last = dict(
        StockCountLocation.select(StockCountLocation.location, fn.MAX(StockCount.finished_at))
        .join(StockCount)
        .where(StockCount.status == "finished")
        .group_by(StockCountLocation.location)
        .tuples()
    )
    rows = []
    for schedule in CountSchedule.select(CountSchedule, Location).join(Location):
        counted = last.get(schedule.location_id)
        counted_at = counted  # MAX over the field: peewee gives it back as a datetime
        due_at = counted_at + timedelta(days=schedule.every_days) if counted_at else None
        rows.append(
            {
                "location": schedule.location.code,
                "name": schedule.location.name,
                "every_days": schedule.every_days,
                "last_counted": clock.format_day(counted_at) if counted_at else "",
                "due": due_at is None or due_at <= now,
                "overdue_days": (now - due_at).days if due_at and due_at <= now else 0,
            }
        )
    return sorted(rows, key=lambda r: (not r["due"], r["location"]))
