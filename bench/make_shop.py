"""A big, realistic shop for benchmarks, built by raw bulk SQL into a schema made by our
own opener (so it has every migration, indexes and search triggers included).

    python bench/make_shop.py --pieces 100000 [--out shop.db] [--seed 7]

Pieces across ten categories, twelve locations and 150 vendors; scan codes (UPC, old
tags), stones, a ledger row for every change (create, moves, sales, retirements), open,
expired and closed holds, sales with customers. The search index is filled in one
statement after the load (its triggers are dropped for the load and put back), the way
a bulk path may. Other benchmarks import make_shop() from here.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jeweltui.db import open_database
from jeweltui.models import search_index
from jeweltui.models.base import to_utc_text
from jeweltui.services.pieces import CATEGORIES

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)

LOCATIONS = [  # code, name, kind, sellable, share of pieces
    ("L-CASE-A", "Case A", "case", 1, 14),
    ("L-CASE-B", "Case B", "case", 1, 14),
    ("L-CASE-C", "Case C", "case", 1, 12),
    ("L-CASE-D", "Case D", "case", 1, 10),
    ("L-WINDOW", "Window", "case", 1, 6),
    ("L-SAFE", "Safe", "safe", 0, 18),
    ("L-BACK", "Back room", "backroom", 0, 10),
    ("L-WAREHOUSE", "Warehouse", "warehouse", 0, 10),
    ("L-BENCH", "Bench", "bench", 0, 2),
    ("L-VENDOR", "At vendor", "vendor", 0, 1),
    ("L-TRANSIT", "In transit", "transit", 0, 1),
    ("L-CONSIGN", "Consignment out", "consignment", 0, 2),
]
CATEGORY_SHARE = {
    "ring": 22,
    "engagement_ring": 8,
    "wedding_band": 10,
    "earrings": 16,
    "pendant": 12,
    "necklace": 10,
    "bracelet": 10,
    "watch": 4,
    "brooch": 3,
    "other": 5,
}
NOUN = {
    "ring": "ring",
    "engagement_ring": "engagement ring",
    "wedding_band": "wedding band",
    "earrings": "earrings",
    "pendant": "pendant",
    "necklace": "necklace",
    "bracelet": "bracelet",
    "watch": "watch",
    "brooch": "brooch",
    "other": "charm",
}
STYLES = [
    "solitaire",
    "halo",
    "three-stone",
    "eternity",
    "vintage",
    "signet",
    "cluster",
    "tennis",
    "drop",
    "hoop",
    "stud",
    "cuban",
    "rope",
    "bezel",
    "pavé",
    "cocktail",
]
METALS = [
    ("yellow gold", "Y", 14),
    ("white gold", "W", 18),
    ("rose gold", "R", 14),
    ("yellow gold", "Y", 18),
    ("platinum", "PT", None),
    ("silver", "S", None),
    ("yellow gold", "Y", 9),
    ("white gold", "W", 14),
]
STONES = [
    "diamond",
    "sapphire",
    "ruby",
    "emerald",
    "pearl",
    "opal",
    "garnet",
    "amethyst",
    "topaz",
    "aquamarine",
    "tanzanite",
    "morganite",
]
SHAPES = ["round", "oval", "princess", "cushion", "emerald", "pear", "marquise", ""]
CLARITY = ["IF", "VVS1", "VVS2", "VS1", "VS2", "SI1", "SI2", ""]
VENDOR_WORDS = [
    "Aurora",
    "Bellini",
    "Carat",
    "Duchess",
    "Everly",
    "Fiore",
    "Gilded",
    "Harlow",
    "Ivory",
    "Jasper",
    "Kestrel",
    "Lumen",
    "Marlowe",
    "Nova",
    "Orla",
    "Pavia",
    "Quill",
    "Rosen",
    "Sable",
    "Tiber",
]
VENDOR_KINDS = ["Findings", "Gold", "Gems", "Designs", "Jewels", "Trading", "Atelier", "& Sons"]


@dataclass
class ShopFacts:
    path: str
    pieces: int
    in_stock: int
    codes: int
    stones: int
    holds_open: int
    holds_expired: int
    sales: int
    movements: int
    seconds: float


def _weighted(rng: random.Random, shares: dict, count: int) -> list:
    return rng.choices(list(shares), weights=list(shares.values()), k=count)


def _setup(conn: sqlite3.Connection, pieces: int) -> None:
    conn.executemany(
        "INSERT INTO location (code, name, kind, sellable, active) VALUES (?, ?, ?, ?, 1)",
        [row[:4] for row in LOCATIONS],
    )
    vendors = [
        (f"V-{n:03d}", f"{VENDOR_WORDS[n % 20]} {VENDOR_KINDS[n // 20 % 8]} {n}")
        for n in range(1, 151)
    ]
    conn.executemany(
        "INSERT INTO vendor (code, name, contact, email, phone, terms, lead_time_days,"
        " memo_days) VALUES (?, ?, '', '', '', 'net 30', 14, 30)",
        vendors,
    )
    conn.executemany(
        "INSERT INTO staff (code, name, role, active, pin_hash, failed_tries)"
        " VALUES (?, ?, ?, 1, '', 0)",
        [
            ("S-OWNER", "Owner", "owner"),
            ("S-ANNA", "Anna", "manager"),
            ("S-BEN", "Ben", "sales"),
            ("S-CLEO", "Cleo", "sales"),
        ],
    )
    created = to_utc_text(NOW - timedelta(days=900))
    conn.executemany(
        "INSERT INTO customer (code, name, phone, email, notes, created_at)"
        " VALUES (?, ?, ?, '', '', ?)",
        [
            (f"C-{n:06d}", f"Customer {n}", f"+39 0{n:09d}", created)
            for n in range(1, max(50, pieces // 20) + 1)
        ],
    )


def _pieces(rng: random.Random, count: int) -> list[tuple]:
    numbers = dict.fromkeys(CATEGORIES.values(), 0)
    location_ids = list(range(1, len(LOCATIONS) + 1))
    location_weights = [row[4] for row in LOCATIONS]
    categories = _weighted(rng, CATEGORY_SHARE, count)
    locations = rng.choices(location_ids, weights=location_weights, k=count)
    rows = []
    for n in range(count):
        category = categories[n]
        prefix = CATEGORIES[category]
        numbers[prefix] += 1
        metal, metal_code, karat = METALS[rng.randrange(len(METALS))]
        style = STYLES[rng.randrange(len(STYLES))]
        stone = STONES[rng.randrange(len(STONES))]
        size = f"{rng.randrange(4, 11)}.{rng.choice('05')}" if "ring" in category else ""
        words = f"{karat}K " if karat else ""
        title = f"{words}{metal} {stone} {style} {NOUN[category]}"
        vendor = rng.randrange(1, 151)
        cost = rng.randrange(2000, 500000)
        created = NOW - timedelta(minutes=rng.randrange(0, 60 * 24 * 1000))
        roll = rng.random()
        status = "sold" if roll < 0.12 else "retired" if roll < 0.15 else "in_stock"
        sku = f"{prefix}-{style[:3].upper()}-{karat or ''}{metal_code}-{rng.randrange(1, 400):03d}"
        rows.append(
            (
                f"{prefix}-{numbers[prefix]:06d}",
                sku,
                category,
                title,
                "",
                metal,
                karat,
                metal.split()[0] if "gold" in metal else "",
                size,
                rng.randrange(800, 30000),
                cost,
                cost * rng.choice((2, 3)) // 100 * 100 + 99,
                "EUR",
                vendor,
                f"{VENDOR_WORDS[vendor % 20][:3].upper()}-{rng.randrange(1000, 9999)}",
                "memo_in" if rng.random() < 0.05 else "owned",
                locations[n],
                status,
                "",
                to_utc_text(created),
                to_utc_text(created),
            )
        )
    return rows


def make_shop(path: Path, pieces: int, seed: int = 7) -> ShopFacts:
    """Build the shop at `path` (which must not exist yet)."""
    started = time.perf_counter()
    open_database(path, create=True).close()
    rng = random.Random(seed)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")
    conn.execute("BEGIN")
    search_index.drop_triggers(conn.execute)
    _setup(conn, pieces)
    piece_rows = _pieces(rng, pieces)
    conn.executemany(
        "INSERT INTO piece (stock_no, sku, category, title, description, metal, karat, colour,"
        " ring_size, metal_mg, cost_cents, retail_cents, currency, vendor_id, vendor_style,"
        " ownership, location_id, status, image_path, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        piece_rows,
    )
    facts = _details(conn, rng, piece_rows)
    for prefix in CATEGORIES.values():
        conn.execute(
            "INSERT OR REPLACE INTO sequence (name, next_value) SELECT ?, COALESCE(MAX("
            "CAST(substr(stock_no, length(?) + 2) AS INTEGER)), 0) + 1 FROM piece"
            " WHERE stock_no LIKE ? || '-%'",
            (f"stock:{prefix}", prefix, prefix),
        )
    if conn.execute(
        f"SELECT 1 FROM sqlite_master WHERE name = '{search_index.FTS_TABLE}'"
    ).fetchone():
        search_index.rebuild(conn.execute)
        search_index.create_triggers(conn.execute)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return ShopFacts(
        path=str(path), pieces=pieces, seconds=round(time.perf_counter() - started, 2), **facts
    )


def _details(conn: sqlite3.Connection, rng: random.Random, piece_rows: list[tuple]) -> dict:
    """Codes, stones, the ledger, holds and sales of the pieces just inserted (ids 1..n)."""
    count = len(piece_rows)
    customers = max(50, count // 20)
    codes, stones, movements, holds, sales, lines = [], [], [], [], [], []
    for pid in range(1, count + 1):
        row = piece_rows[pid - 1]
        created, location, status = row[19], row[16], row[17]
        staff = rng.randrange(1, 5)
        if rng.random() < 0.4:
            codes.append((f"0{pid:011d}", pid, "upc"))
        if rng.random() < 0.1:
            codes.append((f"OLD-{pid:07d}", pid, "legacy"))
        if rng.random() < 0.6:
            for position in range(1, rng.randrange(2, 5)):
                stones.append(
                    (
                        pid,
                        position,
                        STONES[rng.randrange(12)],
                        SHAPES[rng.randrange(8)],
                        rng.randrange(1, 300),
                        rng.randrange(1, 20),
                        rng.choice("DEFGHIJ"),
                        CLARITY[rng.randrange(8)],
                        f"GIA{rng.randrange(10**9)}" if rng.random() < 0.1 else "",
                    )
                )
        movements.append(
            (
                created,
                staff,
                "create",
                pid,
                "",
                None,
                "received",
                "",
                "{}",
                json.dumps({"location_id": location, "status": "in_stock"}),
            )
        )
        if rng.random() < 0.3:
            movements.append(
                (
                    created,
                    staff,
                    "move",
                    pid,
                    "",
                    None,
                    "move",
                    "",
                    json.dumps({"location_id": 1, "status": "in_stock"}),
                    json.dumps({"location_id": location}),
                )
            )
        if status == "sold":
            sale_id = len(sales) + 1
            sales.append((created, rng.randrange(1, customers + 1), "store", staff, "card"))
            lines.append((sale_id, pid, row[11]))
            movements.append(
                (
                    created,
                    staff,
                    "sell",
                    pid,
                    "sale",
                    sale_id,
                    "sale",
                    "",
                    json.dumps({"status": "in_stock"}),
                    json.dumps({"status": "sold"}),
                )
            )
        elif status == "retired":
            movements.append(
                (
                    created,
                    staff,
                    "retire",
                    pid,
                    "",
                    None,
                    "scrapped",
                    "",
                    json.dumps({"status": "in_stock"}),
                    json.dumps({"status": "retired"}),
                )
            )
        else:
            roll = rng.random()
            if roll < 0.03:  # open, expired-but-unswept, closed
                until = NOW + timedelta(hours=rng.randrange(1, 24 * 14))
                state = (until, None, "")
            elif roll < 0.04:
                state = (NOW - timedelta(hours=rng.randrange(1, 48)), None, "")
            elif roll < 0.07:
                state = (NOW - timedelta(days=3), NOW - timedelta(days=4), "released")
            else:
                continue
            until, closed, why = state
            holds.append(
                (
                    pid,
                    "hold",
                    rng.randrange(1, customers + 1),
                    "",
                    "customer",
                    staff,
                    to_utc_text(until - timedelta(days=3)),
                    to_utc_text(until),
                    closed and to_utc_text(closed),
                    why,
                )
            )
    conn.executemany("INSERT INTO piece_code (code, piece_id, kind) VALUES (?, ?, ?)", codes)
    conn.executemany(
        "INSERT INTO stone (piece_id, position, type, shape, carat_points, count, colour,"
        " clarity, cert_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        stones,
    )
    conn.executemany(
        "INSERT INTO sale (at, customer_id, channel, staff_id, payment_method, external_ref,"
        " note, cancelled_at) VALUES (?, ?, ?, ?, ?, '', '', NULL)",
        sales,
    )
    conn.executemany(
        "INSERT INTO sale_line (sale_id, piece_id, price_cents, active) VALUES (?, ?, ?, 1)",
        lines,
    )
    conn.executemany(
        "INSERT INTO hold (piece_id, kind, customer_id, channel, reason, placed_by_id,"
        " placed_at, expires_at, closed_at, closed_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        holds,
    )
    conn.executemany(
        "INSERT INTO movement (at, staff_id, action, piece_id, ref_table, ref_id, reason, note,"
        " before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        movements,
    )
    return {
        "in_stock": sum(row[17] == "in_stock" for row in piece_rows),
        "codes": len(codes),
        "stones": len(stones),
        "holds_open": sum(h[8] is None and h[7] > to_utc_text(NOW) for h in holds),
        "holds_expired": sum(h[8] is None and h[7] <= to_utc_text(NOW) for h in holds),
        "sales": len(sales),
        "movements": len(movements),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    out = args.out or Path(f"shop-{args.pieces}.db")
    if out.exists():
        sys.exit(f"{out} exists already; choose another --out.")
    print(json.dumps(asdict(make_shop(out, args.pieces, args.seed)), indent=2))


if __name__ == "__main__":
    main()
