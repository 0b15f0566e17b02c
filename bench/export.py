"""Export speed at 100k pieces: each exporter end to end (query, rows, file, hash, fsync,
rename) against two bare writers. Prints JSON. Goal: <= 3 s, <= 2x bare.

- x_bare: against a csv.writer over the raw query tuples (the same rows, but narrower and
  unformatted: a flattering baseline for the wide Shopify files).
- x_same_rows: against a bare csv.writer (json: the C JSON encoder) writing this exporter's
  own output, pre-materialised in memory: identical bytes (checked), so the ratio is our
  pipeline's overhead (query + formatting + safety + hash + fsync) over pure writing.

    python bench/export.py [--pieces 100000]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import tempfile
import time
from pathlib import Path

from jeweltui import clock
from jeweltui.channels.base import ExportSettings
from jeweltui.channels.feed import _query
from jeweltui.channels.registry import exporter_names
from jeweltui.channels.runner import export_file
from jeweltui.db import open_database
from jeweltui.models import Location, Piece, database_proxy
from jeweltui.services.locations import create_location
from jeweltui.services.staff import ensure_owner


def fill(count: int) -> None:
    owner = ensure_owner()
    for code, kind in (("L-CASE-A", "case"), ("L-SAFE", "safe")):
        create_location({"code": code, "name": code, "kind": kind}, staff=owner)
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


def materialise(name: str, path: Path) -> tuple[str, list]:
    """The exporter's output as what a bare writer takes: header + rows (json: records)."""
    if name == "json":
        data = json.loads(path.read_text("utf-8"))
        return data["currency"], data["pieces"]
    with open(path, newline="", encoding="utf-8") as handle:
        if name == "google-merchant":
            lines = handle.read().split("\n")[:-1]
            return "", [line.split("\t") for line in lines]
        first = handle.readline()
        return first, list(csv.reader(handle))


def same_rows_writer(name: str, header: str, rows: list, target: Path) -> float:
    """Pure writing of identical output: csv.writer (TSV for Google) or json encoding."""
    tick = time.perf_counter()
    with open(target, "w", newline="", encoding="utf-8") as handle:
        if name == "json":
            encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
            handle.write('{"currency": ' + encode(header) + ', "pieces": [\n')
            handle.write(",\n".join(map(encode, rows)) + "\n]}\n")
        elif name == "google-merchant":
            tsv = csv.writer(
                handle, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None, lineterminator="\n"
            )
            tsv.writerows(rows)
        else:
            handle.write(header)
            csv.writer(handle, lineterminator="\n").writerows(rows)
    return time.perf_counter() - tick


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pieces", type=int, default=100_000)
    parser.add_argument("--only", default="", help="one exporter (for profiling)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        open_database(folder / "bench.db", create=True)
        fill(args.pieces)
        bare = bare_writer(folder / "bare.csv")
        results = {}
        for name in [args.only] if args.only else exporter_names():
            outcome = export_file(name, folder / f"{name}.out")
            seconds = outcome.duration_ms / 1000
            header, rows = materialise(name, outcome.path)
            same = same_rows_writer(name, header, rows, folder / f"{name}.bare")
            data = outcome.path.read_bytes()
            results[name] = {
                "seconds": round(seconds, 3),
                "rows": outcome.rows,
                "rows_per_s": round(outcome.rows / seconds) if seconds else None,
                "x_bare": round(seconds / bare, 2),
                "same_rows_bare_s": round(same, 3),
                "x_same_rows": round(seconds / same, 2),
                "same_bytes": (folder / f"{name}.bare").read_bytes() == data,
                "mb": round(len(data) / 1e6, 1),
                "sha256": hashlib.sha256(data).hexdigest()[:16],
            }
        print(
            json.dumps(
                {"pieces": args.pieces, "bare_csv_s": round(bare, 3), "exporters": results},
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
