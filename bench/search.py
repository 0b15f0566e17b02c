"""Search in the pieces browser: the first page and the count, through the services, at 100k
(or 1M) pieces, against the old way (LIKE '%text%' over every row) in the same run.

    python bench/search.py [--pieces 100000] [--db shop.db] [--rounds 5]

Prints JSON: p50/p99 (ms) of piece_page() + piece_count() over a set of texts a clerk
types (words, partial words, codes, vendor names, stone words, with and without other
filters), the same for raw LIKE queries, and an exact stock-number / scan-code search.
Goals (issue 22): p99 <= 20 ms at 100k, <= 60 ms at 1M; exact code <= 2 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import time
from pathlib import Path

from common import figures, ratio, shop_for

from jeweltui.db import open_database
from jeweltui.services.piece_pages import piece_count, piece_page
from jeweltui.services.pieces import PieceFilter

WORDS = ["gold", "diamond", "sapphire", "white gold", "solitaire", "halo ring", "tanzanite",
         "pavé", "eternity", "Aurora", "Fiore Gems", "VS1", "oval", "emerald", "18K",
         "cluster earrings", "signet", "no such thing", "zzz", "GIA5", "KES-44", "14W",
         "opal drop pendant", "rope necklace"]  # fmt: skip
FILTERS = [{}, {"category": "ring"}, {"location": "L-CASE-A"}, {"status": "in_stock"},
           {"category": "earrings", "status": "in_stock"}]  # fmt: skip


def plan(path: Path, rng: random.Random) -> list[PieceFilter]:
    conn = sqlite3.connect(path)
    stock = [r[0] for r in conn.execute("SELECT stock_no FROM piece ORDER BY random() LIMIT 10")]
    codes = [r[0] for r in conn.execute("SELECT code FROM piece_code ORDER BY random() LIMIT 5")]
    conn.close()
    texts = WORDS + [s[:5] for s in stock] + stock[:3] + codes[:2]
    return [PieceFilter(text=t, **rng.choice(FILTERS)) for t in texts]


LIKE_PAGE = """SELECT p.stock_no, p.sku, p.title, p.status, p.retail_cents, p.cost_cents,
 p.currency, l.code FROM piece p JOIN location l ON l.id = p.location_id WHERE {where}
 ORDER BY p.stock_no LIMIT 201"""
LIKE_TEXT = """(p.stock_no LIKE ?1 OR p.sku LIKE ?1 OR p.title LIKE ?1 OR p.vendor_style LIKE ?1
 OR p.id IN (SELECT piece_id FROM piece_code WHERE code LIKE ?1)
 OR p.vendor_id IN (SELECT id FROM vendor WHERE name LIKE ?1))"""


def raw_like(conn: sqlite3.Connection, flt: PieceFilter) -> None:
    """The old filtered_pieces(), as raw SQL: a page and a count."""
    where, params = [LIKE_TEXT], [f"%{flt.text}%"]
    for name in ("category", "status"):
        if getattr(flt, name):
            where.append(f"p.{name} = ?{len(params) + 1}")
            params.append(getattr(flt, name))
    if flt.location:
        where.append(f"l.code = ?{len(params) + 1}")
        params.append(flt.location)
    condition = " AND ".join(where)
    conn.execute(LIKE_PAGE.format(where=condition), params).fetchall()
    conn.execute(
        "SELECT count(*) FROM piece p JOIN location l ON l.id = p.location_id WHERE " + condition,
        params,
    ).fetchall()


def timed(call, items, rounds: int) -> list[int]:
    samples = []
    for _ in range(rounds):
        for item in items:
            started = time.perf_counter_ns()
            call(item)
            samples.append(time.perf_counter_ns() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline-rounds", type=int, default=1)
    args = parser.parse_args()
    path = shop_for(args.pieces, args.db)
    rng = random.Random(3)
    queries = plan(path, rng)
    open_database(path)

    def service(flt: PieceFilter) -> None:
        page = piece_page(flt)
        if page.has_after:
            piece_count(flt)

    timed(service, queries, 1)  # warm: page cache, compiled statements
    ours = figures(timed(service, queries, args.rounds))
    conn = sqlite3.connect(path)
    raw = figures(timed(lambda f: raw_like(conn, f), queries, args.baseline_rounds))
    exact_codes = [f.text for f in queries if f.text[:1].isalpha() and len(f.text) == 8]
    exact_filters = [PieceFilter(text=code) for code in exact_codes]
    exact = figures(timed(service, exact_filters, args.rounds * 4))
    raw_exact = figures(timed(lambda f: raw_like(conn, f), exact_filters, args.baseline_rounds))
    goal_ms = 20 if args.pieces <= 100_000 else 60
    print(
        json.dumps(
            {
                "bench": "search",
                "pieces": args.pieces,
                "queries": len(queries),
                "search_page_and_count": ours,
                "baseline_raw_like": raw,
                "ratio_p99": ratio(ours["p99_ms"], raw["p99_ms"]),
                "exact_code": exact,
                "baseline_exact_raw_like": raw_exact,
                "goals": {
                    f"search_p99_le_{goal_ms}ms": ours["p99_ms"] <= goal_ms,
                    "exact_code_p99_le_2ms": exact["p99_ms"] <= 2,
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
