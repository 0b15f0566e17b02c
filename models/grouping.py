"""Grouping existing stock into styles by SKU core (migration 8). Plain SQL on purpose:
a migration must not depend on how the models look later."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime

from peewee import Database

from .base import to_utc_text

METAL_SEGMENTS = {"SS", "AG", "PT", "PD", "AU", "STS", "TI", "GF", "VM", "925", "950", "585", "750"}
_KARAT_SEGMENT = re.compile(r"^\d{1,2}[A-Z]{1,2}$")  # 14Y, 18W, 22YW


def is_variant_segment(segment: str) -> bool:
    return segment in METAL_SEGMENTS or bool(_KARAT_SEGMENT.match(segment)) or segment.isdigit()


def sku_core(sku: str) -> str:
    """'RNG-STK-14Y-65-01' -> 'RNG-STK'; 'CHN-BOX-SS-40' -> 'CHN-BOX'; see migration 8."""
    segments = sku.upper().split("-")
    for index, segment in enumerate(segments):
        if index > 0 and is_variant_segment(segment):
            return "-".join(segments[:index])
    return segments[0] if len(segments) == 1 else "-".join(segments)


def _agreed(values: list) -> object:
    distinct = set(values)
    return values[0] if len(distinct) == 1 else None


def _most_common(values: list) -> object:
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)  # ties: the earliest


def group_by_sku_core(db: Database) -> int:
    """Give every piece and item without a style the style of its SKU core; returns how
    many styles were made."""
    groups: dict[str, list[tuple]] = {}
    for table in ("piece", "item"):
        cursor = db.execute_sql(
            f"SELECT id, sku, title, category, metal, karat, "
            f"{'colour' if table == 'piece' else chr(39) * 2}, vendor_id, "
            f"{'vendor_style' if table == 'piece' else chr(39) * 2} "
            f"FROM {table} WHERE style_id IS NULL ORDER BY id"
        )
        for row in cursor.fetchall():
            groups.setdefault(sku_core(row[1]), []).append((table, *row))
    now = to_utc_text(datetime.now(UTC))
    mark = db.param  # '?' on SQLite, '%s' on PostgreSQL
    made = 0
    for core, rows in sorted(groups.items()):
        find = f"SELECT id FROM style WHERE code = {mark}"
        existing = db.execute_sql(find, (core,)).fetchone()
        if not existing:
            column = list(zip(*rows, strict=True))
            values = (
                core,
                _most_common(list(column[3])),
                _most_common(list(column[4])) or "other",
                _agreed(list(column[5])) or "",
                _agreed(list(column[6])),
                _agreed(list(column[7])) or "",
                _agreed(list(column[8])),
                _agreed(list(column[9])) or "",
                now,
                now,
            )
            db.execute_sql(
                "INSERT INTO style (code, title, category, description, metal, karat, colour,"
                " attributes, vendor_id, vendor_style, channel_title, channel_description,"
                " created_at, updated_at)"
                f" VALUES ({mark}, {mark}, {mark}, '', {mark}, {mark}, {mark}, '{{}}', {mark},"
                f" {mark}, '', '', {mark}, {mark})",
                values,
            )
            made += 1
        style_id = db.execute_sql(find, (core,)).fetchone()[0]
        for table in ("piece", "item"):
            ids = [row[1] for row in rows if row[0] == table]
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join([mark] * len(chunk))
                db.execute_sql(
                    f"UPDATE {table} SET style_id = {mark} WHERE id IN ({marks})",
                    (style_id, *chunk),
                )
    return made
