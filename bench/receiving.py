"""Receiving a 500-line vendor invoice: plan (validate) and receive (one transaction) times."""

from __future__ import annotations

import csv
import json
import sys
import tempfile
import time
from pathlib import Path

from jeweltui.db import open_database
from jeweltui.services.locations import create_location
from jeweltui.services.receiving import plan_receiving, receive
from jeweltui.services.staff import ensure_owner
from jeweltui.services.vendors import create_vendor


def main(rows: int = 500) -> None:
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "shop.db", create=True)
        owner = ensure_owner()
        create_location({"code": "L-SAFE", "name": "Safe", "kind": "safe"}, staff=owner)
        create_vendor({"name": "Bench vendor"}, staff=owner)
        path = Path(folder) / "invoice.csv"
        with path.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Style", "Description", "Category", "Cost", "UPC"])
            for n in range(rows):
                writer.writerow([f"ST-{n}", f"Ring {n}", "ring", f"{100 + n}.00", f"77{n:010d}"])
        start = time.perf_counter()
        plan = plan_receiving(path, "V-001", markup="2.5")
        planned = time.perf_counter()
        receive(plan, location="L-SAFE", staff=owner)
        done = time.perf_counter()
    print(
        json.dumps(
            {
                "rows": rows,
                "plan_s": round(planned - start, 3),
                "receive_s": round(done - planned, 3),
                "pieces_per_s": round(rows / (done - planned)),
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
