"""Time to sweep 10,000 expired holds (goal < 1 s). Prints JSON.

python bench/holds.py [--holds 10000]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jeweltui import clock
from jeweltui.db import open_database
from jeweltui.models import Hold, Movement, Piece, database_proxy
from jeweltui.services.holds import sweep_expired_holds
from jeweltui.services.locations import create_location
from jeweltui.services.staff import ensure_owner

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def build(count: int) -> None:
    owner = ensure_owner()
    case = create_location({"code": "L-CASE", "name": "Case", "kind": "case"}, staff=owner)
    with database_proxy.atomic():
        Piece.insert_many(
            {
                "stock_no": f"R-{n:06d}",
                "sku": "RNG-1",
                "category": "ring",
                "title": "Ring",
                "location": case.id,
                "created_at": START,
                "updated_at": START,
            }
            for n in range(1, count + 1)
        ).execute()
        ids = [p.id for p in Piece.select(Piece.id)]
        Hold.insert_many(
            {
                "piece": pid,
                "kind": "hold",
                "channel": "shopify",
                "placed_at": START,
                "expires_at": START + timedelta(hours=1),
            }
            for pid in ids
        ).execute()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--holds", type=int, default=10_000)
    count = parser.parse_args().holds
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "bench.db", create=True)
        clock.set_clock(lambda: START)
        build(count)
        clock.set_clock(lambda: START + timedelta(hours=2))
        began = time.perf_counter()
        swept = sweep_expired_holds()
        first = time.perf_counter() - began
        began = time.perf_counter()
        again = sweep_expired_holds()
        second = time.perf_counter() - began
        rows = Movement.select().where(Movement.action == "expire").count()
    print(
        json.dumps(
            {
                "holds": count,
                "swept": swept,
                "ledger_rows": rows,
                "sweep_seconds": round(first, 3),
                "second_sweep_found": again,
                "second_sweep_seconds": round(second, 4),
                "goal_seconds": 1.0,
            }
        )
    )


if __name__ == "__main__":
    main()
