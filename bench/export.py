"""Export speed at 100k pieces: each exporter end to end (query, rows, file, hash, rename)
against a bare csv.writer over the same query. Prints JSON. Goal: <= 3 s, <= 2x bare.

    python bench/export.py [--pieces 100000]
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
import time
from pathlib import Path

from jeweltui import clock
from jeweltui.channels.base import ExportSettings, exporter_names
from jeweltui.channels.feed import _query
from jeweltui.channels.runner import export_file
from jeweltui.db import open_database
from jeweltui.models import Location, Piece, database_proxy
from jeweltui.services import people


def fill(count: int) -> None:
    owner = people.ensure_owner()
    for code, kind in (("L-CASE-A", "case"), ("L-SAFE", "safe")):
        people.create_location({"code": code, "name": code, "kind": kind}, staff=owner)
    case, safe = (Location.get(Location.code == c) for c in ("L-CASE-A", "L-SAFE"))
    now = clock.now()
    rows = [
        {
            "stock_no": f"R-{n:06d}",
            "sku": "RNG-SOL-14Y",
            "category": "ring",
            "title": f"Solitaire ring {n}",
            "description": "A bright round diamond in a four-claw setting.\n\n14K yellow gold.",
            "metal": "yellow gold",
            "karat": 14,
            "ring_size": "6.5",
            "metal_mg": 3250,
            "retail_cents": 129900 + n,
            "cost_cents": 48000,
            "location": safe.id if n % 10 == 0 else case.id,
            "image_path": f"r{n}.jpg",
            "created_at": now,
            "updated_at": now,
        }
        for n in range(1, count + 1)
    ]
    db = database_proxy.obj
    with db.atomic():
        for start in range(0, len(rows), 5000):
            Piece.insert_many(rows[start : start + 5000]).execute()


def bare_writer(target: Path) -> float:
    tick = time.perf_counter()
    with open(target, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        query = _query(ExportSettings(), None, clock.now())
        writer.writerows(database_proxy.obj.execute(query))
    return time.perf_counter() - tick


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pieces", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        open_database(folder / "bench.db", create=True)
        fill(args.pieces)
        bare = bare_writer(folder / "bare.csv")
        results = {}
        for name in exporter_names():
            outcome = export_file(name, folder / f"{name}.out")
            seconds = outcome.duration_ms / 1000
            results[name] = {
                "seconds": round(seconds, 3),
                "rows": outcome.rows,
                "rows_per_s": round(outcome.rows / seconds) if seconds else None,
                "x_bare": round(seconds / bare, 2),
                "mb": round(outcome.path.stat().st_size / 1e6, 1),
            }
        print(
            json.dumps(
                {"pieces": args.pieces, "bare_csv_s": round(bare, 3), "exporters": results},
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
