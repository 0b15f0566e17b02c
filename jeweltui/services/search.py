"""Finding pieces by what a clerk types: one place for the text-search rule, on any backend.

The rule: a piece matches when the text (trimmed, control characters dropped) occurs,
ignoring case, in its stock number, SKU, title, vendor name, vendor style, one of its
scan codes, or one of its stones' words (type, shape, colour, clarity, certificate).
Text of one or two characters is too short for a trigram index: it matches stock
numbers, SKUs and scan codes that *start* with it (an index range), which is what a
clerk means by typing "R" or "WB".

An exact code (stock number, SKU or scan code) ranks first: exact_condition() is the
first tier of a page, the rest follows in the page's sort order.

On SQLite the text goes through the FTS5 trigram index of models.search_index. For
each text it counts the index's hits up to a bound (grows with the shop): few hits are fetched by rowid
and sorted (sparse plan); many hits are checked row by row while the page walks its
sort index, and it stops after one page (dense plan). The same bounded hits give the
count: exact up to the bound, an estimate past it ("about"). Without the index
(another backend, an old SQLite) the same rule runs as LIKE.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from peewee import SQL, NodeList, fn

from jeweltui.codes import normalise_code
from jeweltui.errors import InvalidInput
from jeweltui.models import Piece, PieceCode, Stone, Vendor, database_proxy
from jeweltui.models.search_index import FTS_TABLE, PieceText, installed

MIN_TRIGRAM = 3
# Past this many index hits a page walks its sort index (about 200 * pieces / hits rows,
# each looked up) instead of sorting every hit: the two cost the same near sqrt(300 * pieces).
MIN_BOUND = 2000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_INDEX_PRESENT: dict[tuple, bool] = {}


def clean_text(text: str) -> str:
    """What the rule searches for: no surrounding spaces, no control characters."""
    return _CONTROL.sub("", text or "").strip()


def _has_index() -> bool:
    db = database_proxy.obj
    key = (id(db), getattr(db, "database", None))
    if key not in _INDEX_PRESENT:
        _INDEX_PRESENT[key] = installed(db)
    return _INDEX_PRESENT[key]


def forget_index_state() -> None:
    """After opening another database in this process (tests)."""
    _INDEX_PRESENT.clear()


def _like_pattern(text: str, *, prefix: bool = False) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%" if prefix else f"%{escaped}%"


def _like(column, pattern: str):
    return NodeList((column, SQL("LIKE"), pattern, SQL("ESCAPE '\\'")))


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def exact_code(text: str) -> str | None:
    """The text as a code (upper case, scanner noise off), or None when it cannot be one."""
    try:
        return normalise_code(text)
    except InvalidInput:
        return None


def exact_condition(text: str):
    """Pieces whose stock number, SKU or a scan code is exactly the text (indexed)."""
    code = exact_code(clean_text(text))
    if code is None:
        return None
    return (
        (Piece.stock_no == code)
        | (Piece.sku == code)
        | Piece.id.in_(PieceCode.select(PieceCode.piece).where(PieceCode.code == code))
    )


def _short_condition(text: str):
    """One or two characters: codes that start with them (upper case, as codes are kept)."""
    start = text.upper()
    end = start + "\U0010ffff"
    return (
        ((Piece.stock_no >= start) & (Piece.stock_no < end))
        | ((Piece.sku >= start) & (Piece.sku < end))
        | Piece.id.in_(
            PieceCode.select(PieceCode.piece).where(
                (PieceCode.code >= start) & (PieceCode.code < end)
            )
        )
    )


def _like_condition(text: str):
    """The rule as LIKE over the tables: the fallback without an index, and the reference."""
    pattern = _like_pattern(text)
    stone_words = fn.trim(
        Stone.type.concat(" ")
        .concat(Stone.shape)
        .concat(" ")
        .concat(Stone.colour)
        .concat(" ")
        .concat(Stone.clarity)
        .concat(" ")
        .concat(Stone.cert_no)
    )
    return (
        _like(Piece.stock_no, pattern)
        | _like(Piece.sku, pattern)
        | _like(Piece.title, pattern)
        | _like(Piece.vendor_style, pattern)
        | Piece.id.in_(PieceCode.select(PieceCode.piece).where(_like(PieceCode.code, pattern)))
        | Piece.vendor.in_(Vendor.select(Vendor.id).where(_like(Vendor.name, pattern)))
        | Piece.id.in_(Stone.select(Stone.piece).where(_like(stone_words, pattern)))
    )


@dataclass(frozen=True)
class Hits:
    """The index's first hits for a text, in rowid order, up to bound + 1."""

    count: int
    last_rowid: int
    bound: int
    highest_id: int  # the shop's highest piece id: how far the hits could reach

    @property
    def dense(self) -> bool:
        return self.count > self.bound


def _hits_sql(text: str, bound: int) -> tuple[str, list]:
    return (
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? LIMIT {bound + 1}",
        [_fts_phrase(text)],
    )


def _bound(highest_id: int) -> int:
    return max(MIN_BOUND, int(math.sqrt(300 * highest_id)))


_HITS: dict[tuple, Hits] = {}


def _data_state() -> tuple:
    """Changes when anyone commits (data_version: other connections; total_changes: ours)."""
    db = database_proxy.obj
    connection = db.connection()
    version = db.execute_sql("PRAGMA data_version").fetchone()[0]
    return (db.database, id(connection), version, connection.total_changes)


def index_hits(text: str) -> Hits:
    """The bounded hits, once per text while the data stays the same: a page and its count
    (and the next page) ask the index once."""
    key = (text, *_data_state())
    hits = _HITS.get(key)
    if hits is None:
        db = database_proxy.obj
        highest = db.execute_sql("SELECT max(id) FROM piece").fetchone()[0] or 0
        bound = _bound(highest)
        sql, params = _hits_sql(text, bound)
        count, last = db.execute_sql(f"SELECT count(*), max(rowid) FROM ({sql})", params).fetchone()
        if len(_HITS) > 64:
            _HITS.clear()
        hits = _HITS[key] = Hits(count, last or 0, bound, highest)
    return hits


def uses_index(text: str) -> bool:
    return len(clean_text(text)) >= MIN_TRIGRAM and _has_index()


def text_condition(text: str, hits: Hits | None = None):
    """Pieces matching the text by the rule above, as a condition on Piece (None: no text)."""
    text = clean_text(text)
    if not text:
        return None
    if len(text) < MIN_TRIGRAM:
        return _short_condition(text)
    if not _has_index():
        return _like_condition(text)
    hits = hits or index_hits(text)
    if hits.dense:
        # Row by row from the page's sort index: a page of 200 is found after a few
        # hundred rows. LIKE on the indexed text follows the same rule (ASCII case-folding).
        return fn.EXISTS(
            PieceText.select(SQL("1")).where(
                (PieceText.piece_id == Piece.id) & _like(PieceText.body, _like_pattern(text))
            )
        )
    sql, params = _hits_sql(text, hits.bound)
    return Piece.id.in_(SQL(f"({sql})", params))


@dataclass(frozen=True)
class Count:
    value: int
    about: bool = False  # estimated past the bound of index hits

    def words(self) -> str:
        if not self.about:
            return f"{self.value:,}"
        return f"about {_round(self.value):,}"


def _round(value: int) -> int:
    """Two significant figures: an estimate should not look exact."""
    if value < 100:
        return value
    digits = len(str(value)) - 2
    return round(value, -digits)


def count_matches(query, text: str, *, filtered: bool = True) -> Count:
    """How many pieces of `query` (a Piece query with every other filter) match the text.

    Exact through the index's hits when they are few; past the bound, the share of the
    first hits that pass the other filters, scaled by how far into the pieces those hits
    reach: hits come in rowid order, which is spread over the whole shop.
    filtered=False: `query` has no other filter (the count needs no join).
    """
    text = clean_text(text)
    if not uses_index(text):
        condition = text_condition(text)
        if condition is not None:
            query = query.where(condition)
        return Count(query.select(fn.COUNT(Piece.id)).order_by().scalar() or 0)
    hits = index_hits(text)
    sql, params = _hits_sql(text, hits.bound)
    if filtered:
        passing = query.where(Piece.id.in_(SQL(f"({sql})", params)))
        passed = passing.select(fn.COUNT(Piece.id)).order_by().scalar() or 0
    else:  # every piece has its location: the hits are the count
        passed = hits.count
    if passed == 0 and hits.dense:  # the other filters are rare among the text's pieces
        return Count(query.where(text_condition(text, hits)).count())
    if not hits.dense:
        return Count(passed)
    estimate = round(passed * hits.highest_id / max(hits.last_rowid, 1))
    return Count(max(estimate, passed), about=True)
