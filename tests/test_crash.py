"""A batch move killed with SIGKILL half-way: the file shows all pieces moved or none.

A child process moves 2,000 pieces from Case A to the safe in one move_pieces call; the
parent kills it at several moments (early, middle, late, around the commit). After each
kill the database is reopened: every piece is in one place, the ledger agrees, the file
is sound.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jeweltui import clock
from jeweltui.models import Location, Movement, Piece
from jeweltui.services.locations import create_location

BATCH = 2000

MOVER = r"""
import json, sys, time
from jeweltui.db import open_database
from jeweltui.services.staff import find_staff
from jeweltui.services.moves import move_pieces

db_path, target = sys.argv[1:3]
open_database(db_path)
staff = find_staff(None)
codes = [f"R-{n:06d}" for n in range(1, int(sys.argv[3]) + 1)]
print("start", flush=True)
started = time.perf_counter()
move_pieces(codes, target, staff=staff, reason="crash test")
print("done", time.perf_counter() - started, flush=True)
time.sleep(30)  # stay alive so a kill after the commit is told apart from one before
"""


@pytest.fixture
def full_case(db, owner):
    """Case A with 2,000 rings (bulk-inserted: this test is about the move, not receiving)."""
    for code, name, kind in (("L-CASE-A", "Case A", "case"), ("L-SAFE", "Safe", "safe")):
        create_location({"code": code, "name": name, "kind": kind}, staff=owner)
    case = Location.get(Location.code == "L-CASE-A")
    now = clock.now()
    rows = [
        {
            "stock_no": f"R-{n:06d}",
            "sku": "RNG-BAND-14Y",
            "category": "ring",
            "title": f"Band {n}",
            "location": case.id,
            "created_at": now,
            "updated_at": now,
        }
        for n in range(1, BATCH + 1)
    ]
    with db.atomic():
        for start in range(0, BATCH, 500):
            Piece.insert_many(rows[start : start + 500]).execute()
    db.close()  # the parent holds no connection while the child writes
    return case


def _move_and_kill(db_path: Path, delay: float | None) -> tuple[bool, float]:
    """Run the mover; kill it `delay` seconds after it starts (None: let it finish).

    Returns (finished, seconds the move took when it finished)."""
    child = subprocess.Popen(
        [sys.executable, "-c", MOVER, str(db_path), "L-SAFE", str(BATCH)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "start", child.stderr.read()
    if delay is None:
        line = child.stdout.readline()
        child.send_signal(signal.SIGKILL)
        child.wait()
        return True, float(line.split()[1])
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate()
    return out.startswith("done"), 0.0


def _state(db_path: Path) -> tuple[dict[str, int], int, str]:
    with sqlite3.connect(db_path) as conn:
        places = dict(
            conn.execute(
                "SELECT location.code, COUNT(*) FROM piece JOIN location"
                " ON location.id = piece.location_id GROUP BY location.code"
            ).fetchall()
        )
        moves = conn.execute("SELECT COUNT(*) FROM movement WHERE action = 'move'").fetchone()[0]
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return places, moves, verdict


def _reset(db_path: Path) -> None:
    """Put every ring back in Case A and forget the moves, for the next attempt."""
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM movement WHERE action = 'move'")
        conn.execute(
            "UPDATE piece SET location_id = (SELECT id FROM location WHERE code = 'L-CASE-A')"
        )
    conn.close()


def test_a_killed_batch_move_leaves_all_or_nothing(full_case, db_path):
    finished, duration = _move_and_kill(db_path, None)  # calibration: how long a move takes
    assert finished
    assert _state(db_path) == ({"L-SAFE": BATCH}, BATCH, "ok")
    _reset(db_path)

    killed_mid_way = 0
    for fraction in (0.05, 0.3, 0.6, 0.9, 1.0, 1.1):
        finished, _ = _move_and_kill(db_path, duration * fraction)
        places, moves, verdict = _state(db_path)
        assert verdict == "ok"
        assert places in ({"L-CASE-A": BATCH}, {"L-SAFE": BATCH}), places  # never a mix
        assert moves == (BATCH if "L-SAFE" in places else 0)
        if finished:
            assert places == {"L-SAFE": BATCH}
        if places == {"L-CASE-A": BATCH}:
            killed_mid_way += 1
        _reset(db_path)
    assert killed_mid_way >= 2, "the kills should land inside the transaction"
    assert Movement.select().where(Movement.action == "move").count() == 0
