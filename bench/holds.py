"""Sweeping 10,000 expired holds in the big shop: sweep_expired_holds() against raw sqlite3
doing the same outcome (INSERT…SELECT of the ledger rows + UPDATE) on a copy of the file.

    python bench/holds.py [--pieces 100000] [--holds 10000]

Goal (issue 22): < 0.5 s and <= 3x raw.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import time
from datetime import timedelta
from pathlib import Path

from common import ratio, shop_for
from make_shop import NOW

from jeweltui import clock
from jeweltui.db import open_database
from jeweltui.models import Movement
from jeweltui.models.base import to_utc_text
from jeweltui.services.holds import sweep_expired_holds

RAW_SWEEP = [
    """INSERT INTO movement (at, staff_id, action, piece_id, ref_table, ref_id, reason, note,
       before, after)
       SELECT ?, NULL, 'expire', piece_id, 'hold', id, 'expired', '',
         '{"expires_at": "' || expires_at || '", "hold_id": ' || id || '}', '{}'
       FROM hold WHERE closed_at IS NULL AND expires_at <= ? ORDER BY id""",
    """UPDATE hold SET closed_at = expires_at, closed_reason = 'expired'
       WHERE closed_at IS NULL AND expires_at <= ?""",
]


def add_expired_holds(path: Path, count: int) -> None:
    """`count` webshop reservations on in-stock pieces, all ended an hour before NOW."""
    conn = sqlite3.connect(path)
    placed, until = to_utc_text(NOW - timedelta(days=1)), to_utc_text(NOW - timedelta(hours=1))
    conn.execute(
        "INSERT INTO hold (piece_id, kind, customer_id, channel, reason, placed_by_id, placed_at,"
        " expires_at, closed_at, closed_reason) SELECT id, 'reservation', NULL, 'shopify', '',"
        " NULL, ?, ?, NULL, '' FROM piece WHERE status = 'in_stock' AND id NOT IN"
        " (SELECT piece_id FROM hold WHERE closed_at IS NULL) ORDER BY id LIMIT ?",
        (placed, until, count),
    )
    conn.commit()
    conn.close()


def raw_sweep(path: Path) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = normal")
    now = to_utc_text(NOW)
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(RAW_SWEEP[0], (now, now))
    conn.execute(RAW_SWEEP[1], (now,))
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", type=int, default=100_000)
    parser.add_argument("--holds", type=int, default=10_000)
    args = parser.parse_args()
    path = shop_for(args.pieces, copy=True)
    add_expired_holds(path, args.holds)
    raw_copy = path.with_name("raw.db")
    shutil.copyfile(path, raw_copy)
    clock.set_clock(lambda: NOW)
    open_database(path)
    started = time.perf_counter()
    swept = sweep_expired_holds()
    ours = time.perf_counter() - started
    ledger_rows = Movement.select().where(Movement.action == "expire").count()
    raw = raw_sweep(raw_copy)
    shutil.rmtree(path.parent, ignore_errors=True)
    print(
        json.dumps(
            {
                "bench": "hold sweep",
                "pieces": args.pieces,
                "swept": swept,
                "ledger_rows": ledger_rows,
                "seconds": round(ours, 3),
                "baseline_raw_s": round(raw, 3),
                "ratio": ratio(ours, raw),
                "goals": {"lt_0_5s": ours < 0.5, "le_3x_raw": ours <= 3 * raw},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
