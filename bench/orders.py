"""Order import in the big shop: a Shopify orders CSV of paid one-line orders, each naming an
available piece by stock number, through import_orders(), against raw sqlite3 reaching
the same outcome (order, order line, sale, sale line, piece sold, ledger row) on a copy.

    python bench/orders.py [--pieces 100000] [--lines 10000]

Goal (issue 22): <= 5x raw.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sqlite3
import time
from pathlib import Path

from common import ratio, shop_for
from make_shop import NOW

from jeweltui import clock
from jeweltui.channels.orders import import_orders
from jeweltui.db import open_database
from jeweltui.models.base import to_utc_text

HEADER = ["Name", "Email", "Financial Status", "Paid at", "Created at", "Cancelled at",
          "Billing Name", "Currency", "Lineitem quantity", "Lineitem name", "Lineitem price",
          "Lineitem sku"]  # fmt: skip


def sellable_pieces(path: Path, count: int) -> list[tuple[int, str, int]]:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT p.id, p.stock_no, p.retail_cents FROM piece p JOIN location l"
        " ON l.id = p.location_id WHERE p.status = 'in_stock' AND l.sellable"
        " AND p.id NOT IN (SELECT piece_id FROM hold WHERE closed_at IS NULL)"
        " ORDER BY random() LIMIT ?",
        (count,),
    ).fetchall()
    conn.close()
    return rows


def write_orders(path: Path, pieces: list[tuple[int, str, int]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n, (_, stock_no, cents) in enumerate(pieces, start=1001):
            price = f"{cents / 100:.2f}"
            writer.writerow([f"#{n}", "web@example.com", "paid", "2026-11-24 05:04:00 -0500",
                             "2026-11-24 05:04:00 -0500", "", "Web Buyer", "EUR", "1",
                             f"Piece {stock_no}", price, stock_no])  # fmt: skip


def raw_import(path: Path, pieces: list[tuple[int, str, int]]) -> float:
    """The same outcome through sqlite3: each order's checks and rows, one transaction."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = normal")
    now = to_utc_text(NOW)
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for n, (_, stock_no, cents) in enumerate(pieces, start=1001):
        piece_id, location_id, status = conn.execute(
            "SELECT id, location_id, status FROM piece WHERE stock_no = ?", (stock_no,)
        ).fetchone()
        held = conn.execute(
            "SELECT count(*) FROM hold WHERE piece_id = ? AND closed_at IS NULL AND expires_at > ?",
            (piece_id, now),
        ).fetchone()[0]
        assert status == "in_stock" and not held
        order = conn.execute(
            "INSERT INTO channel_order (channel, external_id, raw_status, intent, content_hash,"
            " buyer, ordered_at, first_seen_at, changed_at) VALUES ('shopify', ?, 'paid', 'paid',"
            " ?, 'Web Buyer', ?, ?, ?)",
            (f"#{n}", f"{n:064d}", now, now, now),
        ).lastrowid
        sale = conn.execute(
            "INSERT INTO sale (at, customer_id, channel, staff_id, payment_method, external_ref,"
            " note, cancelled_at) VALUES (?, NULL, 'shopify', NULL, 'shopify', ?, ?, NULL)",
            (now, f"#{n}", f"shopify order #{n} for Web Buyer"),
        ).lastrowid
        conn.execute(
            "INSERT INTO sale_line (sale_id, piece_id, price_cents, active) VALUES (?, ?, ?, 1)",
            (sale, piece_id, cents),
        )
        conn.execute(
            "UPDATE piece SET status = 'sold', updated_at = ? WHERE id = ?", (now, piece_id)
        )
        conn.execute(
            "INSERT INTO movement (at, staff_id, action, piece_id, ref_table, ref_id, reason,"
            " note, before, after) VALUES (?, NULL, 'sell', ?, 'sale', ?, 'shopify', ?, ?, ?)",
            (now, piece_id, sale, f"shopify order #{n} for Web Buyer",
             json.dumps({"location_id": location_id, "status": "in_stock"}),
             '{"status": "sold"}'),
        )  # fmt: skip
        conn.execute(
            "INSERT INTO channel_order_line (order_id, position, sku, title, quantity,"
            " price_cents, piece_id, state, sale_id) VALUES (?, 1, ?, ?, 1, ?, ?, 'sold', ?)",
            (order, stock_no, f"Piece {stock_no}", cents, piece_id, sale),
        )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=10_000)
    args = parser.parse_args()
    path = shop_for(args.pieces, copy=True)
    pieces = sellable_pieces(path, args.lines)
    orders = path.with_name("orders.csv")
    write_orders(orders, pieces)
    raw_copy = path.with_name("raw.db")
    shutil.copyfile(path, raw_copy)
    clock.set_clock(lambda: NOW)
    open_database(path)
    started = time.perf_counter()
    report = import_orders(orders, channel="shopify", staff=None)
    ours = time.perf_counter() - started
    raw = raw_import(raw_copy, pieces)
    shutil.rmtree(path.parent, ignore_errors=True)
    print(
        json.dumps(
            {
                "bench": "order import",
                "pieces": args.pieces,
                "lines": len(pieces),
                "sold": len(report.sold),
                "incidents": len(report.incidents),
                "seconds": round(ours, 3),
                "baseline_raw_s": round(raw, 3),
                "ratio": ratio(ours, raw),
                "goals": {"le_5x_raw": ours <= 5 * raw},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
