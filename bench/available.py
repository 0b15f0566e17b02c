"""available(piece) in the big shop against one raw SQL statement that reads the same facts
(status, location, open hold, open job) through sqlite3, in the same run.

    python bench/available.py [--pieces 100000] [--checks 3000]

Goal (issue 22): p50 <= 5x the raw statement.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import time

from common import figures, ratio, shop_for
from make_shop import NOW

from jeweltui import clock
from jeweltui.db import open_database
from jeweltui.models import Piece
from jeweltui.models.base import to_utc_text
from jeweltui.models.workorders import CLOSED_STATUSES
from jeweltui.services.availability import available

RAW = f"""SELECT p.status, l.kind, l.sellable,
  (SELECT count(*) FROM hold h WHERE h.piece_id = p.id AND h.closed_at IS NULL
     AND h.expires_at > ?),
  (SELECT count(*) FROM work_order w WHERE w.piece_id = p.id
     AND w.status NOT IN ({", ".join("?" for _ in CLOSED_STATUSES)}))
FROM piece p JOIN location l ON l.id = p.location_id WHERE p.id = ?"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", type=int, default=100_000)
    parser.add_argument("--checks", type=int, default=3000)
    args = parser.parse_args()
    path = shop_for(args.pieces)
    clock.set_clock(lambda: NOW)
    open_database(path)
    ids = random.Random(5).sample(range(1, args.pieces + 1), args.checks)
    chosen = list(Piece.select().where(Piece.id.in_(ids)))
    for piece in chosen[:100]:
        available(piece)  # warm
    ours, verdicts = [], 0
    for piece in chosen:
        started = time.perf_counter_ns()
        verdicts += available(piece).ok
        ours.append(time.perf_counter_ns() - started)
    conn = sqlite3.connect(path)
    raw = []
    for piece in chosen:
        started = time.perf_counter_ns()
        moment = to_utc_text(clock.now())
        conn.execute(RAW, (moment, *CLOSED_STATUSES, piece.id)).fetchone()
        raw.append(time.perf_counter_ns() - started)
    ours_f, raw_f = figures(ours), figures(raw)
    print(
        json.dumps(
            {
                "bench": "available()",
                "pieces": args.pieces,
                "available_share": round(verdicts / len(chosen), 3),
                "available": ours_f,
                "baseline_one_raw_sql": raw_f,
                "ratio_p50": ratio(ours_f["p50_ms"], raw_f["p50_ms"]),
                "goals": {"p50_le_5x_raw": ours_f["p50_ms"] <= 5 * raw_f["p50_ms"]},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
