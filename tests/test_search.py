"""Search through the trigram index finds exactly what LIKE over the tables finds; the index
stays in step with every write, rollbacks included; exact codes rank first."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jeweltui.db import open_database, write_transaction
from jeweltui.errors import InvalidInput
from jeweltui.imports.stocklist import import_stocklist
from jeweltui.models import Movement, Piece, PieceCode, Stone, Vendor, database_proxy
from jeweltui.models.search_index import _BODY_SELECT, FTS_TABLE, TEXT_TABLE
from jeweltui.services import pieces, search
from jeweltui.services.locations import create_location
from jeweltui.services.piece_pages import piece_count, piece_page
from jeweltui.services.pieces import PieceFilter, StoneInput
from jeweltui.services.receiving import plan_receiving, receive
from jeweltui.services.staff import ensure_owner
from jeweltui.services.vendors import create_vendor

DATA = Path(__file__).parent / "data"

# ASCII only: SQLite's LIKE folds ASCII case alone, the trigram index folds Unicode too.
ALPHABET = "abcdefgxyzABCDEXYZ0123456789 -._%\\\"'"
words = st.text(alphabet=ALPHABET, min_size=0, max_size=12)
codes = st.text(alphabet="ABCXYZ0129-", min_size=2, max_size=10)


def _ids(condition) -> set[int]:
    return {p.id for p in Piece.select(Piece.id).where(condition)}


def _reference(text: str) -> set[int]:
    """The old rule, LIKE '%text%' (wildcards escaped), plus stone words: the reference."""
    return _ids(search._like_condition(text))


def _prefix_reference(text: str) -> set[int]:
    start = text.upper()
    found = {
        p.id for p in Piece.select() if p.stock_no.startswith(start) or p.sku.startswith(start)
    }
    return found | {c.piece_id for c in PieceCode.select() if c.code.startswith(start)}


piece_specs = st.lists(
    st.tuples(words, words, st.lists(codes, max_size=2), st.lists(words, max_size=2)),
    min_size=1,
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs=piece_specs, vendor_name=words, queries=st.lists(words, min_size=1, max_size=6))
def test_index_finds_what_like_finds_on_a_random_shop(specs, vendor_name, queries):
    folder = Path(tempfile.mkdtemp())
    try:
        open_database(folder / "shop.db", create=True)
        search.forget_index_state()
        owner = ensure_owner()
        create_location({"code": "L-CASE-A", "name": "Case A"}, staff=owner)
        vendor = Vendor.create(code="V-001", name=vendor_name or "Vendor")
        made = []
        for n, (title, style, extra, stones) in enumerate(specs):
            piece = pieces.create_piece(
                {"title": title.strip() or "Piece", "sku": f"SKU-{n}", "category": "ring",
                 "vendor_style": style},
                location="L-CASE-A", staff=owner, vendor=vendor.code,
                stones=[StoneInput(type=w or "diamond", colour="G") for w in stones],
            )  # fmt: skip
            for code in extra:
                try:
                    pieces.add_code(piece, code)
                except InvalidInput:
                    pass  # taken already: codes are unique
            made.append(piece)
        # Substrings of what is stored, as a clerk would type them, besides random text.
        stored = [p.title for p in made] + [p.stock_no for p in made] + [vendor.name]
        texts = queries + [s[i : i + 4] for s in stored for i in (0, 2)]
        for raw in texts:
            text = search.clean_text(raw)
            if not text:
                continue
            if len(text) < search.MIN_TRIGRAM:
                assert _ids(search.text_condition(text)) == _prefix_reference(text), text
                continue
            expected = _reference(text)
            hits = search.index_hits(text)
            # Both plans, whatever the shop's size would pick: sorted hits and the row walk.
            sparse = search.Hits(hits.count, hits.last_rowid, 10**9, hits.highest_id)
            dense = search.Hits(hits.count, hits.last_rowid, -1, hits.highest_id)
            assert _ids(search.text_condition(text, sparse)) == expected, text
            assert _ids(search.text_condition(text, dense)) == expected, text
            assert piece_count(PieceFilter(text=text)).value == len(expected), text
    finally:
        database_proxy.obj.close()
        shutil.rmtree(folder, ignore_errors=True)


def index_in_step() -> None:
    """The text table holds what the tables say now, and the FTS index agrees with it."""
    db = database_proxy.obj
    stored = dict(db.execute_sql(f"SELECT piece_id, body FROM {TEXT_TABLE}").fetchall())
    fresh = dict(db.execute_sql(_BODY_SELECT.format(where="1")).fetchall())
    assert stored == fresh
    db.execute_sql(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('integrity-check', 1)")


def found(text: str) -> list[str]:
    return [row.stock_no for row in piece_page(PieceFilter(text=text)).rows]


def test_every_write_path_keeps_the_index_in_step(shop, owner, tmp_path):
    ring = shop["rings"][0]
    index_in_step()
    made = pieces.create_piece(
        {"title": "Tennis bracelet", "sku": "BR-TEN-18W", "category": "bracelet"},
        location="L-CASE-A", staff=owner,
        stones=[StoneInput(type="sapphire", shape="oval", clarity="VS1")],
        extra_codes=[("4006381333900", "ean")],
    )  # fmt: skip
    index_in_step()
    assert found("sapphire") == found("4006381333") == found("tennis") == [made.stock_no]
    pieces.add_code(ring, "OLD-7781", "legacy")
    pieces.edit_piece(ring, {"title": "Halo ring", "vendor_style": "AUR-55"}, staff=owner)
    index_in_step()
    assert found("old-778") == found("halo") == found("aur-55") == [ring.stock_no]
    assert found("solitaire ring 1") == []
    Stone.update(type="ruby").where(Stone.piece == made.id).execute()
    PieceCode.delete().where(PieceCode.code == "OLD-7781").execute()
    index_in_step()
    assert found("ruby") == [made.stock_no] and found("OLD-77") == found("sapphire") == []
    vendor = create_vendor({"name": "Aurora Findings"}, staff=owner)
    Piece.update(vendor=vendor).where(Piece.id == ring.id).execute()
    Vendor.update(name="Bellini Gold").where(Vendor.id == vendor.id).execute()
    index_in_step()
    assert found("bellini") == [ring.stock_no] and found("aurora") == []
    pieces.retire_piece(ring, staff=owner, reason="scrapped")
    import_stocklist(DATA / "stocklist.csv", staff=owner, location="L-CASE-A")
    create_location({"code": "L-SAFE-2", "name": "Safe 2", "kind": "safe"}, staff=owner)
    invoice = tmp_path / "invoice.csv"
    invoice.write_text("Style,Description,Category,Cost,UPC\nST-1,Opal drop,pendant,10.00,7701\n")
    receive(plan_receiving(invoice, vendor.code, markup="2.5"), location="L-SAFE-2", staff=owner)
    index_in_step()
    assert len(found("opal drop")) == 1
    # Pieces are never deleted by jeweltui (the ledger points at them); a repair tool might.
    Movement.delete().where(Movement.piece == made.id).execute()
    Piece.delete().where(Piece.id == made.id).execute()
    index_in_step()
    assert found("ruby") == []


def test_a_rollback_takes_the_index_back_too(shop, owner):
    before = found("ring")
    with pytest.raises(RuntimeError), write_transaction():
        pieces.create_piece(
            {"title": "Emerald ring", "sku": "RNG-EM", "category": "ring"},
            location="L-CASE-A", staff=owner, extra_codes=[("EM-1", "vendor")],
        )  # fmt: skip
        pieces.edit_piece(shop["rings"][1], {"title": "Renamed"}, staff=owner)
        raise RuntimeError("the till lost power")
    index_in_step()
    assert found("emerald") == found("EM-1") == found("renamed") == []
    assert found("ring") == before


def test_an_exact_code_ranks_first_then_the_rest_in_order(shop, owner):
    rings = shop["rings"]
    pieces.add_code(rings[2], "RNG-SOL-14Y-1X", "vendor")
    rows = piece_page(PieceFilter(text=rings[1].stock_no.lower())).rows
    assert rows[0].stock_no == rings[1].stock_no
    rows = piece_page(PieceFilter(text="RNG-SOL-14Y-1")).rows
    assert [r.stock_no for r in rows] == [rings[0].stock_no, rings[2].stock_no]
    assert piece_count(PieceFilter(text="RNG-SOL-14Y-1")).value == 2


def test_short_text_matches_the_start_of_codes(shop):
    rings = shop["rings"]
    assert set(found("r-")) == {r.stock_no for r in rings}
    assert found("zz") == []


def test_the_count_is_estimated_past_the_bound_and_says_about(shop, owner, monkeypatch):
    monkeypatch.setattr(search, "_bound", lambda highest: 1)
    count = piece_count(PieceFilter(text="solitaire"))
    assert count.about and count.words().startswith("about ")
    assert count.value == 3  # every piece matches: the hits reach the highest id


def test_the_browser_asks_a_fixed_number_of_queries_per_page(shop, owner):
    """No query per row: a page of 3 and a page of 200 cost the same statements."""
    for n in range(40):
        pieces.create_piece(
            {"title": f"Gold chain {n}", "sku": f"CH-{n}", "category": "necklace"},
            location="L-CASE-A", staff=owner,
        )  # fmt: skip
    statements: list[str] = []
    database_proxy.obj.connection().set_trace_callback(statements.append)
    try:
        for text, limit in (("gold chain", 3), ("gold chain", 200), ("CH-1", 200), ("", 200)):
            statements.clear()
            piece_page(PieceFilter(text=text), limit=limit)
            piece_count(PieceFilter(text=text, category="necklace"))
            reads = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "PRAGMA"))]
            assert len(reads) <= 7, (text, limit, reads)
    finally:
        database_proxy.obj.connection().set_trace_callback(None)
