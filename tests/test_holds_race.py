"""Two counters put the same ring on hold at the same moment: exactly one wins."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from jeweltui.models import Hold, Movement

ROUNDS = 3

# One counter: waits for the starting gun, then tries to hold the ring for its customer.
COUNTER = r"""
import json, os, sys, time
from pathlib import Path
from jeweltui.db import open_database
from jeweltui.errors import JewelError
from jeweltui.services.holds import place_hold
from jeweltui.services.customers import find_customer
from jeweltui.services.pieces import find_piece
from jeweltui.services.staff import find_staff

db_path, code, customer, go_file, out_file = sys.argv[1:]
open_database(db_path)
staff, buyer = find_staff(None), find_customer(customer)
Path(out_file + ".ready").touch()
while not os.path.exists(go_file):
    time.sleep(0.001)
try:
    place_hold(find_piece(code), staff=staff, customer=buyer)
    result = ["won", ""]
except JewelError as error:
    result = [type(error).__name__, str(error)]
Path(out_file).write_text(json.dumps(result))
"""


def _race(db_path: Path, tmp: Path, code: str, customers: list[str]) -> list[list[str]]:
    go = tmp / f"go-{code}"
    outs = [tmp / f"{code}-{n}.json" for n in range(len(customers))]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", COUNTER, str(db_path), code, who, str(go), str(out)]
        )
        for who, out in zip(customers, outs, strict=True)
    ]
    deadline = time.monotonic() + 30
    while not all(Path(f"{out}.ready").exists() for out in outs):
        assert time.monotonic() < deadline, "a counter never got ready"
        time.sleep(0.01)
    go.touch()
    for proc in procs:
        assert proc.wait(timeout=30) == 0
    return [json.loads(out.read_text()) for out in outs]


def test_two_processes_hold_the_same_ring_at_once_and_exactly_one_wins(shop, db_path, tmp_path):
    from jeweltui.services.customers import create_customer

    rival = create_customer({"name": "Anna Bianchi"}, staff=shop["owner"])
    for ring in shop["rings"][:ROUNDS]:
        before = Movement.select().count()
        results = _race(db_path, tmp_path, ring.stock_no, [shop["customer"].code, rival.code])
        assert sorted(r[0] for r in results) == ["NotAvailable", "won"], results
        loser = next(r for r in results if r[0] != "won")
        assert "never held twice" in loser[1]
        assert Hold.select().where(Hold.piece == ring).count() == 1
        assert Movement.select().count() == before + 1
    assert os.path.exists(db_path)
