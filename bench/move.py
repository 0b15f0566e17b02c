"""Scan-to-move at 100,000 pieces: the service's commit against raw sqlite3 doing the same writes.

    python bench/move.py [--pieces 100000] [--moves 2000] [--keep DIR]

Prints JSON: p50/p99 (ms) of one `move_pieces([code], location)` commit, of raw sqlite3
doing the same reads and writes (BEGIN IMMEDIATE; piece; location; UPDATE; INSERT;
COMMIT) with the same pragmas on a copy of the file, their ratio, and the wall time of
`jeweltui piece show CODE` as a fresh process. Goals (issue 3): ratio <= 3, service p99
<= 5 ms, piece show <= 0.35 s.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jeweltui import clock
from jeweltui.db import open_database
from jeweltui.models import Location, Piece, database_proxy
from jeweltui.models.base import to_utc_text
from jeweltui.services.locations import create_location
from jeweltui.services.moves import move_pieces
from jeweltui.services.staff import ensure_owner, find_staff

CATEGORIES = {"ring": "R", "pendant": "P", "earrings": "E", "bracelet": "B", "watch": "W"}


def build_shop(path: Path, count: int) -> list[str]:
    """A shop of `count` pieces in two cases, bulk-inserted in one transaction (setup only)."""
    open_database(path, create=True)
    owner = ensure_owner()
    for code, name in (("L-CASE-A", "Case A"), ("L-CASE-B", "Case B")):
        create_location({"code": code, "name": name, "kind": "case"}, staff=owner)
    case_a = Location.get(Location.code == "L-CASE-A")
    now = clock.now()
    kinds = list(CATEGORIES.items())
    rows = []
    for n in range(1, count + 1):
        category, prefix = kinds[n % len(kinds)]
        rows.append(
            {
                "stock_no": f"{prefix}-{n:06d}",
                "sku": f"{prefix}-STYLE-{n % 300:03d}",
                "category": category,
                "title": f"{category} {n}",
                "retail_cents": 10000 + n % 5000 * 100,
                "location": case_a.id,
                "created_at": now,
                "updated_at": now,
            }
        )
    db = database_proxy.obj
    with db.atomic():
        for start in range(0, len(rows), 1000):
            Piece.insert_many(rows[start : start + 1000]).execute()
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return [row["stock_no"] for row in rows]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def figures(samples_ns: list[int]) -> dict[str, float]:
    ms = [s / 1e6 for s in samples_ns]
    return {
        "p50_ms": round(percentile(ms, 0.50), 4),
        "p99_ms": round(percentile(ms, 0.99), 4),
        "mean_ms": round(statistics.fmean(ms), 4),
    }


def time_service(path: Path, plan: list[tuple[str, str]]) -> list[int]:
    open_database(path)
    staff = find_staff(None)
    samples = []
    for code, target in plan:
        started = time.perf_counter_ns()
        move_pieces([code], target, staff=staff, reason="move")
        samples.append(time.perf_counter_ns() - started)
    database_proxy.obj.close()
    return samples


def time_raw(path: Path, plan: list[tuple[str, str]], staff_id: int) -> list[int]:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=wal", "synchronous=normal", "foreign_keys=on"):
        conn.execute(f"PRAGMA {pragma}")
    samples = []
    for code, target in plan:
        started = time.perf_counter_ns()
        now = to_utc_text(clock.now())
        conn.execute("BEGIN IMMEDIATE")
        piece_id, location_id, _status = conn.execute(
            "SELECT id, location_id, status FROM piece WHERE stock_no = ?", (code,)
        ).fetchone()
        (destination,) = conn.execute(
            "SELECT id FROM location WHERE code = ?", (target,)
        ).fetchone()
        conn.execute(
            "UPDATE piece SET location_id = ?, updated_at = ? WHERE id = ?",
            (destination, now, piece_id),
        )
        conn.execute(
            "INSERT INTO movement (at, staff_id, action, piece_id, ref_table, ref_id, reason,"
            " note, before, after) VALUES (?, ?, 'move', ?, '', NULL, 'move', '', ?, ?)",
            (
                now,
                staff_id,
                piece_id,
                json.dumps({"location_id": location_id, "status": "in_stock"}),
                json.dumps({"location_id": destination}),
            ),
        )
        conn.execute("COMMIT")
        samples.append(time.perf_counter_ns() - started)
    conn.close()
    return samples


def time_piece_show(path: Path, code: str, runs: int = 5) -> dict[str, float]:
    script = Path(sys.executable).with_name("jeweltui")
    command = [str(script)] if script.exists() else [shutil.which("jeweltui") or "jeweltui"]
    walls = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [*command, "--db", str(path), "piece", "show", code], check=True, capture_output=True
        )
        walls.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(walls), 3), "min_s": round(min(walls), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", type=int, default=100_000)
    parser.add_argument("--moves", type=int, default=2000)
    parser.add_argument("--keep", type=Path, default=None, help="Build the files in this folder.")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="jeweltui-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    service_db, raw_db = folder / "service.db", folder / "raw.db"
    for path in (service_db, raw_db):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    started = time.perf_counter()
    codes = build_shop(service_db, args.pieces)
    build_s = time.perf_counter() - started
    shutil.copyfile(service_db, raw_db)

    rng = random.Random(7)
    chosen = rng.sample(codes, args.moves // 2)
    # Each chosen piece goes to Case B and back: alternating destinations, like a re-merch.
    plan = [(code, "L-CASE-B") for code in chosen] + [(code, "L-CASE-A") for code in chosen]
    warm = plan[:50]
    time_service(service_db, warm)  # warm the page cache and peewee's query machinery
    service = figures(time_service(service_db, plan[50:]))
    time_raw(raw_db, warm, staff_id=1)
    raw = figures(time_raw(raw_db, plan[50:], staff_id=1))
    show = time_piece_show(service_db, chosen[0])
    report = {
        "pieces": args.pieces,
        "moves_timed": len(plan) - 50,
        "build_s": round(build_s, 2),
        "service": service,
        "raw_sqlite3": raw,
        "ratio_p50": round(service["p50_ms"] / raw["p50_ms"], 2),
        "ratio_p99": round(service["p99_ms"] / raw["p99_ms"], 2),
        "piece_show": show,
        "goals": {
            "ratio_p50_le_3": service["p50_ms"] <= 3 * raw["p50_ms"],
            "service_p99_le_5ms": service["p99_ms"] <= 5,
            "piece_show_le_0_35s": show["median_s"] <= 0.35,
        },
        "folder": str(folder),
    }
    print(json.dumps(report, indent=2))
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
