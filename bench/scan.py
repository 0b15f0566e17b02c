"""Scans per second through `jeweltui scan`: a location, N pieces, the location again.

    python bench/scan.py [N]

Prints JSON: wall time of the whole station run (process start, N lookups, one commit of
N moves) and the rate; and the start-up time alone (an empty input) for comparison.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jeweltui.db import open_database, write_transaction
from jeweltui.services import pieces
from jeweltui.services.locations import create_location
from jeweltui.services.staff import ensure_owner

CLI = [sys.executable, "-c", "from jeweltui.cli import main; main()"]


def make_shop(path: Path, count: int) -> list[str]:
    db = open_database(path, create=True)
    owner = ensure_owner()
    for code, name, kind in (("L-SAFE", "Safe", "safe"), ("L-CASE-A", "Case A", "case")):
        create_location({"code": code, "name": name, "kind": kind}, staff=owner)
    with write_transaction():
        made = [
            pieces.create_piece(
                {"title": f"Band {n}", "sku": f"RNG-BND-{n}", "category": "ring"},
                location="L-SAFE",
                staff=owner,
            )
            for n in range(count)
        ]
    db.close()
    return [p.stock_no for p in made]


def run_station(db_path: Path, lines: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    data = ("\n".join(lines) + "\n").encode() if lines else b""
    started = time.perf_counter()
    run = subprocess.run(
        [*CLI, "--db", str(db_path), "scan"], input=data, capture_output=True, check=False
    )
    return time.perf_counter() - started, run


def main(count: int = 1000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.db"
        codes = make_shop(db_path, count)
        startup, _ = run_station(db_path, [])
        wall, run = run_station(db_path, ["L-CASE-A", *codes, "L-CASE-A"])
        lines = run.stdout.decode().splitlines()
        print(
            json.dumps(
                {
                    "bench": "jeweltui scan",
                    "pieces": count,
                    "exit_code": run.returncode,
                    "output_lines": len(lines),
                    "last_line": lines[-1] if lines else "",
                    "startup_seconds": round(startup, 3),
                    "wall_seconds": round(wall, 3),
                    "scans_per_second": round((count + 2) / wall, 1),
                    "scans_per_second_after_startup": round((count + 2) / (wall - startup), 1),
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
