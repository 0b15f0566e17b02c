"""Read-only queries the screens need: the home summary, keyset pages of pieces, lists.

Nothing here writes. Every function is safe to call from a worker thread: peewee opens
one connection per thread, and `jeweltui.db.thread_connection()` closes it again when the worker is done.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from typing import Any

from peewee import JOIN, Tuple, fn

from jeweltui import clock
from jeweltui.models import Customer, Hold, Location, Piece, Vendor, database_proxy
from jeweltui.money import format_money
from jeweltui.services import search
from jeweltui.services.pieces import PieceFilter, filtered_pieces
from jeweltui.services.reports import category_counts, location_counts

PAGE_SIZE = 200
PAGE_COLUMNS = (
    Piece.stock_no,
    Piece.sku,
    Piece.title,
    Piece.status,
    Piece.retail_cents,
    Piece.cost_cents,
    Piece.currency,
    Location.code,
)

# What a column header sorts by. Every order ends on stock_no, so the keyset is total.
SORT_COLUMNS = {
    "stock_no": Piece.stock_no,
    "title": Piece.title,
    "price": Piece.retail_cents,
    "location": Location.code,
}


@dataclass(frozen=True)
class PieceRow:
    stock_no: str
    sku: str
    title: str
    location: str
    status: str
    price: str
    cost: str
    sort_value: Any
    tier: int = 0  # 0: an exact code match when the search ranks those first

    @property
    def where(self) -> str:
        """The location code (without its 'L-') while in stock; 'sold' or 'retired' after."""
        if self.status != "in stock":
            return self.status
        return self.location[2:] if self.location.startswith("L-") else self.location

    @property
    def key(self) -> tuple[int, Any, str]:
        return (self.tier, self.sort_value, self.stock_no)


@dataclass(frozen=True)
class PiecePage:
    rows: list[PieceRow]
    has_before: bool
    has_after: bool

    @property
    def first_key(self) -> tuple[int, Any, str] | None:
        return self.rows[0].key if self.rows else None

    @property
    def last_key(self) -> tuple[int, Any, str] | None:
        return self.rows[-1].key if self.rows else None


def _row(values: tuple, sort: str, tier: int) -> PieceRow:
    stock_no, sku, title, status, retail, cost, currency, location = values
    sort_value = {"stock_no": stock_no, "title": title, "price": retail, "location": location}
    return PieceRow(
        stock_no=stock_no,
        sku=sku,
        title=title,
        location=location,
        status=status.replace("_", " "),
        price=format_money(retail, currency),
        cost=format_money(cost, currency),
        sort_value=sort_value[sort],
        tier=tier,
    )


def _tiers(flt: PieceFilter) -> list:
    """The page's queries in rank order: exact codes first, then the other matches."""
    base = filtered_pieces(flt, with_text=False)
    matches = search.text_condition(flt.text)
    if matches is None:
        return [base]
    exact = search.exact_condition(flt.text)
    if exact is None:
        return [base.where(matches)]
    return [base.where(exact), base.where(matches & ~exact)]


def piece_page(
    flt: PieceFilter,
    sort: str = "stock_no",
    *,
    after: tuple[int, Any, str] | None = None,
    before: tuple[int, Any, str] | None = None,
    limit: int = PAGE_SIZE,
) -> PiecePage:
    """One keyset page on (rank tier, sort key, stock_no): the first page, the one after a
    key, or the one before a key. Reads limit+1 rows to know whether more follow."""
    column = SORT_COLUMNS[sort]
    # Sorting by stock number needs one key; any other sort breaks ties on stock_no.
    columns = (column,) if sort == "stock_no" else (column, Piece.stock_no)
    key = columns[0] if sort == "stock_no" else Tuple(*columns)

    def key_of(anchor: tuple[int, Any, str]):
        return anchor[2] if sort == "stock_no" else (anchor[1], anchor[2])

    tiers = _tiers(flt)
    backwards = before is not None
    anchor = before if backwards else after
    if backwards:
        order = [c.desc() for c in columns]
        walk = range(anchor[0], -1, -1)
    else:
        order = list(columns)
        walk = range(anchor[0] if anchor else 0, len(tiers))
    found: list[tuple[int, tuple]] = []
    for tier in walk:
        query = tiers[tier].select(*PAGE_COLUMNS)
        if anchor is not None and tier == anchor[0]:
            query = query.where(key < key_of(anchor) if backwards else key > key_of(anchor))
        rows = query.order_by(*order).limit(limit + 1 - len(found)).tuples()
        found.extend((tier, values) for values in rows)
        if len(found) > limit:
            break
    more = len(found) > limit
    page = [_row(values, sort, tier) for tier, values in found[:limit]]
    if backwards:
        page.reverse()
        return PiecePage(page, has_before=more, has_after=True)
    return PiecePage(page, has_before=after is not None, has_after=more)


def piece_count(flt: PieceFilter) -> search.Count:
    """How many pieces match the filter (past a bound of index hits, an estimate):
    a separate query, so the page shows first."""
    others = replace(flt, text="") != PieceFilter()
    return search.count_matches(filtered_pieces(flt, with_text=False), flt.text, filtered=others)


def page_label(start: int, shown: int, total: search.Count | int | None) -> str:
    """'201–400 of 104,332', or 'of about 5,000' past the search's bound (start is 0-based)."""
    if isinstance(total, int):
        total = search.Count(total)
    if shown == 0:
        return "no pieces match" if total is None or total.value == 0 else f"0 of {total.words()}"
    span = f"{start + 1:,}–{start + shown:,}"
    return f"{span} of {total.words()}" if total is not None else f"{span} of …"


# ---------------------------------------------------------------- home


@dataclass
class HomeSummary:
    by_location: list[dict[str, Any]] = field(default_factory=list)
    by_category: list[tuple[str, int]] = field(default_factory=list)
    holds_today: list[dict[str, Any]] = field(default_factory=list)
    overdue_work_orders: int | None = None  # None: the work order table does not exist yet
    last_export: str | None = None  # None: no exports table yet or no run yet
    in_stock: int = 0


def end_of_local_day(moment: datetime) -> datetime:
    local = clock.local(moment)
    return datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=local.tzinfo)


def holds_expiring_today() -> list[dict[str, Any]]:
    """Open holds that run out before midnight (local time), soonest first."""
    now = clock.now()
    rows = (
        Hold.select(Hold, Piece, Customer)
        .join(Piece)
        .switch(Hold)
        .join(Customer, JOIN.LEFT_OUTER)
        .where(
            Hold.closed_at.is_null()
            & (Hold.expires_at > now)
            & (Hold.expires_at < end_of_local_day(now))
        )
        .order_by(Hold.expires_at)
    )
    return [
        {
            "stock_no": h.piece.stock_no,
            "title": h.piece.title,
            "who": h.customer.name if h.customer_id else h.channel,
            "until": clock.local(h.expires_at).strftime("%H:%M"),
        }
        for h in rows
    ]


def _columns(table: str) -> set[str]:
    return {row[1] for row in database_proxy.obj.execute_sql(f"PRAGMA table_info({table})")}


def overdue_work_orders() -> int | None:
    """Open work orders past their promised date; None while that table does not exist.

    Read by column name so this view does not depend on the work order models.
    """
    db = database_proxy.obj
    if not db.table_exists("work_order"):
        return None
    columns = _columns("work_order")
    due = next((c for c in ("promised_at", "due_at", "due") if c in columns), None)
    if due is None or "status" not in columns:
        return None
    closed = ("done", "closed", "collected", "cancelled", "delivered", "picked_up")
    marks = ", ".join("?" for _ in closed)
    sql = (
        f"SELECT COUNT(*) FROM work_order WHERE {due} IS NOT NULL AND {due} < ?"
        f" AND status NOT IN ({marks})"
    )
    now = clock.now().strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return db.execute_sql(sql, (now, *closed)).fetchone()[0]


def last_export() -> str | None:
    """'webshop, Tue 24 Nov 22:00, 312 rows', or None when nothing was exported yet."""
    db = database_proxy.obj
    if not db.table_exists("export_run"):
        return None
    cursor = db.execute_sql("SELECT * FROM export_run ORDER BY id DESC LIMIT 1")
    row = cursor.fetchone()
    if row is None:
        return None
    record = dict(zip([c[0] for c in cursor.description], row, strict=True))
    parts = [str(record.get("channel") or record.get("exporter") or "export")]
    when = next((record[k] for k in ("finished_at", "at", "started_at") if record.get(k)), None)
    if when:
        try:
            parts.append(clock.format_local(datetime.fromisoformat(when.replace("Z", "+00:00"))))
        except (TypeError, ValueError):
            parts.append(str(when))
    count = next((record[k] for k in ("row_count", "rows", "count") if k in record), None)
    if count is not None:
        parts.append(f"{count} rows")
    if record.get("result") not in (None, "ok"):
        parts.append(str(record["result"]))
    return ", ".join(parts)


def home_summary() -> HomeSummary:
    by_location = [row for row in location_counts() if row["pieces"]]
    by_category = category_counts()
    return HomeSummary(
        by_location=by_location,
        by_category=by_category,
        holds_today=holds_expiring_today(),
        overdue_work_orders=overdue_work_orders(),
        last_export=last_export(),
        in_stock=sum(n for _, n in by_category),
    )


# ---------------------------------------------------------------- lists


def location_rows() -> list[dict[str, Any]]:
    return location_counts()


def location_choices() -> list[tuple[str, str]]:
    """(label, code) pairs for a location picker: active locations by code."""
    rows = Location.select(Location.code, Location.name).where(Location.active)
    return [(f"{loc.code}  {loc.name}", loc.code) for loc in rows.order_by(Location.code)]


def vendor_rows() -> list[dict[str, Any]]:
    in_stock = fn.SUM(Piece.status == "in_stock")
    rows = (
        Vendor.select(Vendor, fn.COALESCE(in_stock, 0).alias("pieces"))
        .join(Piece, JOIN.LEFT_OUTER)
        .group_by(Vendor.id)
        .order_by(Vendor.name)
    )
    return [
        {
            "code": v.code,
            "name": v.name,
            "contact": v.contact,
            "phone": v.phone,
            "email": v.email,
            "lead_time_days": v.lead_time_days,
            "pieces": v.pieces,
        }
        for v in rows
    ]


def vendor_choices() -> list[tuple[str, str]]:
    return [(v.name, v.code) for v in Vendor.select().order_by(Vendor.name)]


def piece_search(text: str, limit: int = 10) -> list[tuple[str, str]]:
    """(stock_no, title) of pieces whose stock number or title contains the text."""
    like = f"%{text.strip()}%"
    query = (
        Piece.select(Piece.stock_no, Piece.title)
        .where((Piece.stock_no**like) | (Piece.title**like))
        .order_by(Piece.stock_no)
        .limit(limit)
    )
    return list(query.tuples())


def customer_search(text: str, limit: int = 10) -> list[tuple[str, str]]:
    like = f"%{text.strip()}%"
    query = (
        Customer.select(Customer.code, Customer.name)
        .where((Customer.name**like) | (Customer.code**like) | (Customer.phone**like))
        .order_by(Customer.name)
        .limit(limit)
    )
    return list(query.tuples())


# ---------------------------------------------------------------- one piece


@dataclass(frozen=True)
class PieceDetail:
    record: dict[str, Any]  # piece_record(): attributes, state in words, stones, codes
    history: list[dict[str, Any]]  # reports.history_rows(): who, when, what, why
    image_path: str


def piece_detail(stock_no: str, *, with_cost: bool) -> PieceDetail:
    from jeweltui.services.lookup import find_piece
    from jeweltui.services.pieces import piece_record
    from jeweltui.services.reports import history_rows

    piece = find_piece(stock_no)
    return PieceDetail(
        record=piece_record(piece, with_cost=with_cost),
        history=history_rows(piece),
        image_path=piece.image_path,
    )
