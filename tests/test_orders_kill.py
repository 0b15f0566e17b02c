"""An order import killed with SIGKILL part-way leaves nothing of it: no order, no sale,
no sold piece, no ledger row; a run left to finish sells every piece with its ledger row."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from jeweltui import clock
from jeweltui.models import Location, Piece
from jeweltui.services.locations import create_location
from tests.test_orders import shopify_csv

LINES = 1500

IMPORTER = r"""
import sys, time
from jeweltui.db import open_database
from jeweltui.channels.orders import import_orders
open_database(sys.argv[1])
print("start", flush=True)
started = time.perf_counter()
import_orders(sys.argv[2], channel="shopify", staff=None)
print("done", time.perf_counter() - started, flush=True)
time.sleep(30)
"""


def _shop(db, owner, tmp_path: Path) -> Path:
    create_location({"code": "L-CASE-A", "name": "Case A", "kind": "case"}, staff=owner)
    case = Location.get(Location.code == "L-CASE-A")
    now = clock.now()
    rows = [
        {"stock_no": f"R-{n:06d}", "sku": "RNG-BAND", "category": "ring", "title": f"Band {n}",
         "location": case.id, "retail_cents": 10000, "created_at": now, "updated_at": now}
        for n in range(1, LINES + 1)
    ]  # fmt: skip
    with db.atomic():
        for start in range(0, LINES, 500):
            Piece.insert_many(rows[start : start + 500]).execute()
    db.close()
    orders = [
        {"name": f"#{n}", "status": "paid", "lines": [(f"R-{n:06d}", "100.00")]}
        for n in range(1, LINES + 1)
    ]
    return shopify_csv(tmp_path / "orders.csv", orders)


def _state(db_path: Path) -> tuple[int, int, int, int, str]:
    with sqlite3.connect(db_path) as conn:
        counts = [
            conn.execute(sql).fetchone()[0]
            for sql in (
                "SELECT COUNT(*) FROM channel_order",
                "SELECT COUNT(*) FROM sale_line WHERE active",
                "SELECT COUNT(*) FROM piece WHERE status = 'sold'",
                "SELECT COUNT(*) FROM movement WHERE action = 'sell'",
            )
        ]
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return (*counts, verdict)


def _run(db_path: Path, orders: Path, delay: float | None) -> float:
    child = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(db_path), str(orders)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert child.stdout.readline().strip() == "start", child.stderr.read()
    if delay is None:
        line = child.stdout.readline()
        child.send_signal(signal.SIGKILL)
        child.wait()
        return float(line.split()[1])
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.communicate()
    return 0.0


def test_a_killed_order_import_leaves_nothing_partial(db, owner, db_path, tmp_path):
    orders = _shop(db, owner, tmp_path)
    backup = tmp_path / "before.db"
    with sqlite3.connect(db_path) as source, sqlite3.connect(backup) as copy:
        source.backup(copy)
    for fraction in (0.2, 0.6):
        _run(db_path, orders, 0.5 + fraction)  # part-way through the one transaction
        state = _state(db_path)
        assert state in ((0, 0, 0, 0, "ok"), (LINES, LINES, LINES, LINES, "ok")), state
    with sqlite3.connect(backup) as source, sqlite3.connect(db_path) as target:
        source.backup(target)
    _run(db_path, orders, None)
    assert _state(db_path) == (LINES, LINES, LINES, LINES, "ok")
