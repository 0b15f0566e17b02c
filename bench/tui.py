"""Benchmark of the Textual app. Prints JSON:

- cold start: a fresh Python process until the first screen is up (headless), and until
  the home tiles show their data; beside it the cost of `import textual.app` alone.
- keystroke -> filtered table at 100k pieces: for every key typed into the pieces search,
  the time until the table holds the page for the new text (p50/p95/p99/max).

    python bench/tui.py [--pieces 100000] [--db /tmp/bench.db]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from textual import events

CHILD = """
import asyncio, json, os, sys, time
t0 = float(os.environ["BENCH_T0"])
from jeweltui.screens.app import make_app

async def main():
    app = make_app(sys.argv[1])
    async with app.run_test(size=(80, 24)) as pilot:
        first = time.time() - t0
        await app.workers.wait_for_complete()
        await pilot.pause()
        data = time.time() - t0
    print(json.dumps({"first_screen_s": first, "home_with_data_s": data}))

asyncio.run(main())
"""

QUERIES = ["J-0042", "sty-31", "piece 777", "white gold", "no such thing", "style 12 piece"]


def make_database(path: Path, count: int) -> None:
    from jeweltui import clock
    from jeweltui.db import open_database
    from jeweltui.models import Location, Piece
    from jeweltui.services.locations import create_location
    from jeweltui.services.staff import ensure_owner

    db = open_database(path, create=True)
    owner = ensure_owner()
    for code, name in (("L-CASE-A", "Case A"), ("L-CASE-B", "Case B"), ("L-SAFE", "Safe")):
        create_location({"code": code, "name": name}, staff=owner)
    ids = [loc.id for loc in Location.select()]
    now = clock.now()
    metals = ("yellow gold", "white gold", "platinum", "silver")
    with db.atomic():
        batch = []
        for n in range(1, count + 1):
            batch.append(
                {
                    "stock_no": f"J-{n:06d}",
                    "sku": f"STY-{n % 997:03d}-{n:06d}",
                    "category": "other",
                    "title": f"Style {n % 997} piece {n}",
                    "metal": metals[n % 4],
                    "retail_cents": 10000 + (n * 7919) % 500000,
                    "cost_cents": 4000 + (n * 7919) % 200000,
                    "location": ids[n % len(ids)],
                    "created_at": now,
                    "updated_at": now,
                }
            )
            if len(batch) == 1000:
                Piece.insert_many(batch).execute()
                batch = []
        if batch:
            Piece.insert_many(batch).execute()
    db.close()


def cold_start(db: Path, runs: int = 5) -> dict:
    samples = []
    for _ in range(runs):
        env = dict(os.environ, BENCH_T0=repr(time.time()))
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(db)], env=env, capture_output=True, text=True
        )
        samples.append(json.loads(out.stdout.strip().splitlines()[-1]))
    imports = []
    for _ in range(runs):
        t0 = time.time()
        subprocess.run([sys.executable, "-c", "import textual.app"], check=True)
        imports.append(time.time() - t0)
    return {
        "cold_start_first_screen_s": round(
            statistics.median(s["first_screen_s"] for s in samples), 3
        ),
        "cold_start_home_with_data_s": round(
            statistics.median(s["home_with_data_s"] for s in samples), 3
        ),
        "python_plus_import_textual_app_s": round(statistics.median(imports), 3),
        "runs": runs,
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def keystrokes(db: Path) -> dict:
    from jeweltui.screens.app import make_app
    from jeweltui.screens.pieces import PiecesScreen

    app = make_app(db)
    latencies: list[float] = []  # key posted -> the table holds the new page
    settled: list[float] = []  # key posted -> painted and idle (includes pause overhead)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PiecesScreen)
        search = screen.query_one("#search")
        for query in QUERIES:
            typed = ""
            for ch in query:
                typed += ch
                # What the terminal driver does for a key press: post the Key event.
                start = time.perf_counter()
                app.post_message(events.Key("space" if ch == " " else ch, ch))
                while not (screen.shown_query and screen.shown_query[0] == typed):
                    await asyncio.sleep(0.0002)
                latencies.append(screen.shown_at - start)
                await pilot.pause()  # the screen is painted and idle
                settled.append(time.perf_counter() - start)
            search.value = ""
            await app.workers.wait_for_complete()
            await pilot.pause()
    ms = [v * 1000 for v in latencies]
    idle_ms = [v * 1000 for v in settled]
    return {
        "keystroke_to_table_ms_p50": round(percentile(ms, 50), 1),
        "keystroke_to_table_ms_p95": round(percentile(ms, 95), 1),
        "keystroke_to_table_ms_p99": round(percentile(ms, 99), 1),
        "keystroke_to_table_ms_max": round(max(ms), 1),
        "keystroke_to_idle_ms_p99": round(percentile(idle_ms, 99), 1),
        "keystrokes": len(ms),
        "queries": QUERIES,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pieces", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="jeweltui-bench-")
    db = args.db or Path(folder) / "bench.db"
    if not db.exists():
        t0 = time.perf_counter()
        make_database(db, args.pieces)
        built = time.perf_counter() - t0
    else:
        built = 0.0
    result = {"pieces": args.pieces, "build_db_s": round(built, 2)}
    result.update(cold_start(db))
    result.update(asyncio.run(keystrokes(db)))
    result["goals"] = {"cold_start_s": 0.8, "keystroke_p99_ms": 50}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
