"""Reading pieces for the screens: keyset pages of the stock list, search, one piece's detail.

Nothing here writes. Every function is safe to call from a worker thread: peewee opens
one connection per thread, and `jeweltui.db.thread_connection()` closes it again when the
worker is done.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from peewee import Tuple

from jeweltui.models import (
    Location,
    Piece,
)
from jeweltui.money import format_money
from jeweltui.services import search
from jeweltui.services.pieces import PieceFilter, filtered_pieces, piece_record

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
    tier: int = 0  # the rank tier: exact code matches come before the other matches

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


@dataclass(frozen=True)
class PieceDetail:
    record: dict[str, Any]  # piece_record(): attributes, state in words, stones, codes
    history: list[dict[str, Any]]  # reports.history_rows(): who, when, what, why
    image_path: str


def piece_detail(stock_no: str, *, with_cost: bool) -> PieceDetail:
    from jeweltui.services.history import piece_history as history_rows
    from jeweltui.services.pieces import find_piece

    piece = find_piece(stock_no)
    return PieceDetail(
        record=piece_record(piece, with_cost=with_cost),
        history=history_rows(piece),
        image_path=piece.image_path,
    )
