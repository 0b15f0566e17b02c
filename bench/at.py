"""The stock on a past date at 100,000 pieces and 1,000,000 ledger rows.

    python bench/at.py [--pieces 100000] [--rows-per-piece 10] [--keep DIR]

Builds a shop whose ledger tells a year of moves, sales, cancels and price edits
(bulk-inserted, consistent: replaying it gives today's table), then prints JSON:

* one piece (`piece_at`, what `piece show CODE --at T` reads): p50/p99 ms over 200
  random pieces and moments; goal <= 50 ms;
* a whole-shop snapshot (`stock_at`, what `stock --at T` reads) at an early, a middle
  and a late moment of the year; goal <= 3 s;
* baselines measured in the same run on the same file: the same snapshot with each
  piece's deciding row picked by GROUP BY inside SQLite (stock_at(in_sql=True)), and
  the naive full replay of the whole ledger (ledger.replay()). Ratios are baseline / ours. The ledger's own indexes
  (piece_id, id) and (at) are all this needs: no index was added, so no ledger write
  (every scan writes one) got slower.

The machine may be shared: compare ratios, not absolute times, between runs.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jeweltui import clock
from jeweltui.db import open_database
from jeweltui.models import Location, Piece, database_proxy
from jeweltui.models.base import to_utc_text
from jeweltui.services import ledger, locations, staff
from jeweltui.services.history_at import piece_at, stock_at

YEAR_START = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)
LOCATIONS = ("L-CASE-A", "L-CASE-B", "L-CASE-C", "L-WINDOW", "L-SAFE", "L-BACK")


def _history(piece_id: int, steps: int, rng: random.Random, places: list[int]):
    """One piece's ledger rows (at, action, before, after) and its final state."""
    when = YEAR_START + timedelta(minutes=rng.randrange(0, 60 * 24 * 60))
    where, status, price = rng.choice(places), "in_stock", 10000 + rng.randrange(500) * 100
    rows = [(when, "create", {}, {"location_id": where, "status": status})]
    for _ in range(steps - 1):
        when += timedelta(minutes=rng.randrange(60, 60 * 24 * 30))
        roll = rng.random()
        if status == "sold":
            rows.append((when, "cancel_sale", {"status": "sold"}, {"status": "in_stock"}))
            status = "in_stock"
        elif roll < 0.7:
            to = rng.choice(places)
            before = {"location_id": where, "status": status}
            rows.append((when, "move", before, {"location_id": to}))
            where = to
        elif roll < 0.85:
            new = price + 1000
            rows.append((when, "edit", {"retail_cents": price}, {"retail_cents": new}))
            price = new
        else:
            rows.append(
                (when, "sell", {"location_id": where, "status": status}, {"status": "sold"})
            )
            status = "sold"
    return rows, (where, status, price, YEAR_START + timedelta(days=0))


def build_shop(path: Path, count: int, steps: int) -> None:
    clock.set_clock(lambda: YEAR_START)  # the shop is set up before its year begins
    open_database(path, create=True)
    owner = staff.ensure_owner()
    for code in LOCATIONS:
        locations.create_location({"code": code, "name": code, "kind": "case"}, staff=owner)
    places = [loc.id for loc in Location.select(Location.id)]
    rng = random.Random(20)
    db = database_proxy.obj
    stamp = to_utc_text(YEAR_START)
    movements = []
    with db.atomic():
        for start in range(1, count + 1, 5000):
            pieces = []
            for n in range(start, min(count + 1, start + 5000)):
                rows, (where, status, price, _) = _history(n, steps, rng, places)
                pieces.append(
                    (n, f"R-{n:06d}", f"RNG-{n % 300:03d}", "ring", f"Ring {n}", price, where)
                    + (status, stamp, stamp)
                )
                movements.extend((at, action, n, b, a) for at, action, b, a in rows)
            db.connection().executemany(
                "INSERT INTO piece (id, stock_no, sku, category, title, retail_cents,"
                " location_id, status, created_at, updated_at, description, metal, colour,"
                " ring_size, cost_cents, currency, vendor_style, ownership, image_path)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,'','','','',0,'EUR','','owned','')",
                pieces,
            )
        # In time order, as a real ledger grows: a piece's rows are spread over the year.
        movements.sort(key=lambda row: row[0])
        db.connection().executemany(
            "INSERT INTO movement (at, action, piece_id, before, after, ref_table, reason,"
            " note) VALUES (?,?,?,?,?,'','','')",
            (
                (to_utc_text(at), action, n, json.dumps(b), json.dumps(a))
                for at, action, n, b, a in movements
            ),
        )
    clock.set_clock(lambda: YEAR_START + timedelta(days=366))
    db.execute_sql("ANALYZE")
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def cpu_timed(action) -> tuple[float, float, object]:
    """(wall seconds, this process's CPU seconds, result): on a shared machine the CPU
    time is what the work costs; the wall time includes waiting for a core."""
    started, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - started, time.process_time() - cpu, result


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure(path: Path, moments: dict[str, datetime], *, in_sql: bool = False) -> dict:
    open_database(path)
    rng = random.Random(7)
    total = Piece.select().count()
    one = []
    for _ in range(200):
        piece = Piece.get_by_id(rng.randrange(1, total + 1))
        moment = YEAR_START + timedelta(days=rng.uniform(0, 365))
        seconds, _ = timed(lambda p=piece, m=moment: piece_at(p, m).record())
        one.append(seconds * 1000)
    snapshots = {}
    for name, moment in moments.items():
        seconds, cpu, state = cpu_timed(lambda m=moment: stock_at(m, in_sql=in_sql))
        snapshots[name] = {
            "seconds": round(seconds, 3),
            "cpu_s": round(cpu, 3),
            "pieces": len(state),
        }
    database_proxy.obj.close()
    return {
        "one_piece_ms": {
            "p50": round(percentile(one, 0.5), 2),
            "p99": round(percentile(one, 0.99), 2),
            "mean": round(statistics.fmean(one), 2),
        },
        "snapshot": snapshots,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", type=int, default=100_000)
    parser.add_argument("--rows-per-piece", type=int, default=10)
    parser.add_argument("--keep", type=Path, default=None, help="Keep the shop file here.")
    args = parser.parse_args()
    clock.set_clock(lambda: YEAR_START + timedelta(days=366))
    folder = args.keep or Path(tempfile.mkdtemp(prefix="jeweltui-at-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "at.db"
    path.unlink(missing_ok=True)
    built, _ = timed(lambda: build_shop(path, args.pieces, args.rows_per_piece))
    db = database_proxy.obj
    rows = db.execute_sql("SELECT COUNT(*) FROM movement").fetchone()[0]
    db.close()
    moments = {
        "early": YEAR_START + timedelta(days=45),
        "middle": YEAR_START + timedelta(days=180),
        "late": YEAR_START + timedelta(days=330),
    }
    ours = measure(path, moments)

    without = measure(path, moments, in_sql=True)
    open_database(path)
    replay_s, replay_cpu, _ = cpu_timed(ledger.replay)
    database_proxy.obj.close()

    worst = max(s["seconds"] for s in ours["snapshot"].values())
    worst_cpu = max(s["cpu_s"] for s in ours["snapshot"].values())
    report = {
        "pieces": args.pieces,
        "ledger_rows": rows,
        "build_s": round(built, 1),
        "ours": ours,
        "baseline_group_by_in_sql": without,
        "baseline_full_replay_s": round(replay_s, 3),
        "baseline_full_replay_cpu_s": round(replay_cpu, 3),
        "ratio_snapshot_vs_group_by_in_sql": {
            name: round(without["snapshot"][name]["seconds"] / max(s["seconds"], 1e-6), 2)
            for name, s in ours["snapshot"].items()
        },
        "ratio_worst_snapshot_vs_full_replay": round(replay_s / max(worst, 1e-6), 2),
        "goals": {
            "one_piece_p99_le_50ms": ours["one_piece_ms"]["p99"] <= 50,
            "snapshot_le_3s": worst <= 3,
            "snapshot_cpu_le_3s": worst_cpu <= 3,
        },
    }
    print(json.dumps(report, indent=2))
    if args.keep is None:
        shutil.rmtree(folder)
    sys.exit(0)


if __name__ == "__main__":
    main()
