"""Two stores, one stock book: each store's till sells, sends and receives at the same time.

Each till is its own OS process. It picks at random: sell any piece (wherever it is),
send one of its own pieces to the other store, or receive what was sent to it. Whatever
the interleaving, no piece is ever sold twice, a piece in transit is never sold, and the
ledger replays to what the pieces show. Short by default; JEWELTUI_STRESS=full makes it
the 10,000 attempts of the acceptance.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from pg import both_backends, sound

from jeweltui.models import Location, Movement, Piece, SaleLine
from jeweltui.services import ledger, pieces
from jeweltui.services.locations import create_location, main_store
from jeweltui.services.stores import create_store

FULL = os.environ.get("JEWELTUI_STRESS") == "full"
ATTEMPTS_PER_TILL = 5000 if FULL else 150
PIECES = 200 if FULL else 40

TILL = r"""
import json, os, random, sys, time
from pathlib import Path
from jeweltui.db import open_database
from jeweltui.errors import JewelError
from jeweltui.models.stores import Transfer
from jeweltui.services.staff import find_staff
from jeweltui.services.sales import sell_pieces
from jeweltui.services.stores import find_store, receive_transfer, send_transfer
from jeweltui.services.pieces import find_piece

db, own, other, case, codes_file, attempts, seed, go, out = sys.argv[1:]
open_database(db)
staff = find_staff(None)
own_store = find_store(own)
codes = json.loads(Path(codes_file).read_text())
rng = random.Random(int(seed))
Path(out + ".ready").touch()
while not os.path.exists(go):
    time.sleep(0.002)
outcomes = []
for _ in range(int(attempts)):
    roll = rng.random()
    code = rng.choice(codes)
    try:
        if roll < 0.5:
            sell_pieces([code], staff=staff)
            outcomes.append(["sell", code, "done"])
        elif roll < 0.8:
            if find_piece(code).location.store_id != own_store.id:
                continue  # a till sends only what its store has
            send_transfer([code], other, staff=staff)
            outcomes.append(["send", code, "done"])
        else:
            waiting = (Transfer.select().where((Transfer.to_store == own_store)
                       & (Transfer.status == "in_transit")).order_by(Transfer.id).first())
            if waiting is None:
                continue
            receive_transfer(waiting.code, case, staff=staff)
            outcomes.append(["receive", waiting.code, "done"])
    except JewelError as error:
        outcomes.append(["refused", code, type(error).__name__])
    except Exception as error:
        outcomes.append(["crash", code, repr(error)])
Path(out).write_text(json.dumps(outcomes))
"""


def _two_stores(owner) -> list[str]:
    branch = create_store("S-BRANCH", "Branch", staff=owner)
    create_location({"code": "L-MAIN-CASE", "name": "Main case"}, staff=owner)
    create_location({"code": "L-BRANCH-CASE", "name": "Branch case", "store": "S-BRANCH"},
                    staff=owner)  # fmt: skip
    assert Location.get(Location.code == "L-BRANCH-CASE").store_id == branch.id
    assert Location.get(Location.code == "L-MAIN-CASE").store_id == main_store().id
    return [
        pieces.create_piece(
            {"title": f"Ring {n}", "sku": "RNG", "category": "ring"},
            location="L-MAIN-CASE" if n % 2 else "L-BRANCH-CASE",
            staff=owner,
        ).stock_no
        for n in range(PIECES)
    ]


def _race(tmp_path: Path, db_path, codes: list[str]) -> list[list[str]]:
    codes_file = tmp_path / "codes.json"
    codes_file.write_text(json.dumps(codes))
    go = tmp_path / "go"
    tills = [("S-MAIN", "S-BRANCH", "L-MAIN-CASE"), ("S-BRANCH", "S-MAIN", "L-BRANCH-CASE")]
    outs = [tmp_path / f"till-{n}.json" for n in range(len(tills))]
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                TILL,
                str(db_path),
                own,
                other,
                case,
                str(codes_file),
                str(ATTEMPTS_PER_TILL),
                str(n),
                str(go),
                str(out),
            ],
            stderr=subprocess.PIPE,
        )  # fmt: skip
        for n, ((own, other, case), out) in enumerate(zip(tills, outs, strict=True))
    ]
    deadline = time.monotonic() + 60
    while not all(Path(f"{out}.ready").exists() for out in outs):
        assert all(p.poll() is None for p in procs), "a till died before the race"
        assert time.monotonic() < deadline, "tills never got ready"
        time.sleep(0.01)
    go.touch()
    for proc in procs:
        _, err = proc.communicate(timeout=1800)
        assert proc.returncode == 0, err.decode()
    return [row for out in outs for row in json.loads(out.read_text())]


@pytest.mark.slow
@both_backends
def test_two_stores_selling_and_transferring_at_once_never_sell_a_piece_twice(
    db, db_path, owner, tmp_path
):
    codes = _two_stores(owner)
    outcomes = _race(tmp_path, db_path, codes)

    assert not [o for o in outcomes if o[0] == "crash"], [o for o in outcomes if o[0] == "crash"]
    refusals = Counter(o[2] for o in outcomes if o[0] == "refused")
    assert set(refusals) <= {"AlreadySold", "NotAvailable", "InvalidInput"}, refusals
    sold_by_tills = Counter(code for kind, code, _ in outcomes if kind == "sell")
    assert sold_by_tills and set(sold_by_tills.values()) == {1}, "a piece sold twice"

    db.connect(reuse_if_open=True)
    sold = {p.stock_no for p in Piece.select().where(Piece.status == "sold")}
    assert sold == set(sold_by_tills)
    lines = Counter(line.piece_id for line in SaleLine.select().where(SaleLine.active))
    assert set(lines.values()) == {1} and len(lines) == len(sold)
    sells = Counter(m.piece_id for m in Movement.select().where(Movement.action == "sell"))
    assert set(sells.values()) == {1} and len(sells) == len(sold)
    in_transit_sold = (
        Piece.select().join(Location).where((Piece.status == "sold") & (Location.kind == "transit"))
    )
    assert not in_transit_sold.exists(), "a piece in transit was sold"
    assert sum(1 for o in outcomes if o[0] == "send") > 0
    replayed = ledger.replay()
    assert all(replayed[p.id] == ledger.piece_state(p) for p in Piece.select())
    assert sound(db_path)
