"""Reading pieces for the screens: keyset pages of the stock list, search, one piece's detail.

Nothing here writes. Every function is safe to call from a worker thread: peewee opens
one connection per thread, and `jeweltui.db.thread_connection()` closes it again when the
worker is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peewee import Tuple, fn

from jeweltui.models import (
    Location,
    Piece,
)
from jeweltui.money import format_money
from jeweltui.services.pieces import PieceFilter, filtered_pieces, piece_record

PAGE_SIZE = 200


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

    @property
    def where(self) -> str:
        """The location code (without its 'L-') while in stock; 'sold' or 'retired' after."""
        if self.status != "in stock":
            return self.status
        return self.location[2:] if self.location.startswith("L-") else self.location

    @property
    def key(self) -> tuple[Any, str]:
        return (self.sort_value, self.stock_no)


@dataclass(frozen=True)
class PiecePage:
    rows: list[PieceRow]
    has_before: bool
    has_after: bool

    @property
    def first_key(self) -> tuple[Any, str] | None:
        return self.rows[0].key if self.rows else None

    @property
    def last_key(self) -> tuple[Any, str] | None:
        return self.rows[-1].key if self.rows else None


def _row(values: tuple, sort: str) -> PieceRow:
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
    )


def piece_page(
    flt: PieceFilter,
    sort: str = "stock_no",
    *,
    after: tuple[Any, str] | None = None,
    before: tuple[Any, str] | None = None,
    limit: int = PAGE_SIZE,
) -> PiecePage:
    """One keyset page on (sort key, stock_no): the first page, the one after a key, or
    the one before a key. Reads limit+1 rows to know whether more follow."""
    column = SORT_COLUMNS[sort]
    # Sorting by stock number needs one key; any other sort breaks ties on stock_no.
    columns = (column,) if sort == "stock_no" else (column, Piece.stock_no)

    def key_of(pair: tuple[Any, str]):
        return pair[1] if sort == "stock_no" else pair

    key = columns[0] if sort == "stock_no" else Tuple(*columns)
    query = filtered_pieces(flt).select(
        Piece.stock_no,
        Piece.sku,
        Piece.title,
        Piece.status,
        Piece.retail_cents,
        Piece.cost_cents,
        Piece.currency,
        Location.code,
    )
    backwards = before is not None
    if after is not None:
        query = query.where(key > key_of(after))
    if before is not None:
        query = query.where(key < key_of(before))
    order = [c.desc() for c in columns] if backwards else list(columns)
    found = list(query.order_by(*order).limit(limit + 1).tuples())
    more = len(found) > limit
    rows = [_row(values, sort) for values in found[:limit]]
    if backwards:
        rows.reverse()
        return PiecePage(rows, has_before=more, has_after=True)
    return PiecePage(rows, has_before=after is not None, has_after=more)


def piece_count(flt: PieceFilter) -> int:
    """How many pieces match the filter: a separate query so the page shows first."""
    return filtered_pieces(flt).select(fn.COUNT(Piece.id)).order_by().scalar() or 0


def page_label(start: int, shown: int, total: int | None) -> str:
    """'201–400 of 104,332' (start is 0-based)."""
    if shown == 0:
        return "no pieces match" if total in (0, None) else f"0 of {total:,}"
    span = f"{start + 1:,}–{start + shown:,}"
    return f"{span} of {total:,}" if total is not None else f"{span} of …"


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
