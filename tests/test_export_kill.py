"""A killed export: the last good file survives byte for byte, the database stays sound, and
the half-written temp file is never taken for an export and is swept by the next run."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from jeweltui.channels.runner import export_file
from jeweltui.cli import main
from jeweltui.models.exports import ExportRun

EXTRA_PIECES = 3000

# The child adds stock in one transaction, then exports it through a Shopify exporter slowed
# down (a pause every 50 rows, flushed) so the parent can kill it while the temp file grows.
CHILD = f"""
import sys, time
from jeweltui import clock
from jeweltui.channels.registry import register
from click.testing import CliRunner

from jeweltui.channels.runner import export_file
from jeweltui.cli import main
from jeweltui.models.exports import ExportRun
from jeweltui.channels.shopify import ShopifyProducts
from jeweltui.db import open_database
from jeweltui.models import Location, Piece, database_proxy

open_database(sys.argv[1])
case = Location.get(Location.code == "L-CASE-A")
now = clock.now()
rows = [
    dict(stock_no=f"K-{{n:06d}}", sku="RNG-K", category="ring", title=f"Band {{n}}",
         retail_cents=50000 + n, location=case.id, created_at=now, updated_at=now)
    for n in range({EXTRA_PIECES})
]
with database_proxy.obj.atomic():
    for start in range(0, len(rows), 1000):
        Piece.insert_many(rows[start:start + 1000]).execute()


class SlowShopify(ShopifyProducts):
    name = "slow-shopify"

    def write(self, rows, out, settings):
        def slowly():
            for count, row in enumerate(rows):
                if count % 50 == 0:
                    out.flush()
                    time.sleep(0.05)
                yield row

        super().write(slowly(), out, settings)


register(SlowShopify)
export_file("slow-shopify", sys.argv[2])
"""


def skus(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [row["SKU"] for row in csv.DictReader(handle) if row["SKU"]]


def kill_once_writing(child: subprocess.Popen, folder: Path, deadline_s: float = 8.0) -> Path:
    """SIGKILL the child as soon as its temp file holds bytes; return that temp file."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        temps = [p for p in folder.glob(".export-*.tmp") if p.stat().st_size > 0]
        if temps:
            child.send_signal(signal.SIGKILL)
            child.wait(5)
            return temps[0]
        if child.poll() is not None:
            raise AssertionError(f"the export ended before it was killed: {child.stderr.read()}")
        time.sleep(0.005)
    child.kill()
    raise AssertionError("no temp file appeared")


def test_killing_an_export_midway_leaves_the_previous_file_and_a_sound_database(
    shop, db_path, tmp_path
):
    folder = tmp_path / "feeds"
    target = folder / "shop.csv"
    good = export_file("shopify-products", target)
    good_bytes = target.read_bytes()
    assert skus(target) == ["R-000001", "R-000002", "R-000003"]

    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), str(target)],
        stderr=subprocess.PIPE,
        text=True,
    )
    temp = kill_once_writing(child, folder)
    assert child.returncode == -signal.SIGKILL

    # The shop's file is the last good export, to the byte.
    assert target.read_bytes() == good_bytes
    # The database is sound and holds the stock the child committed before exporting.
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("SELECT count(*) FROM piece").fetchone() == (3 + EXTRA_PIECES,)
    # The leftover is hidden, ends in .tmp and names its target: no feed reader takes it.
    assert temp.exists() and temp.name.startswith(".export-shop.csv-")
    assert temp.suffix == ".tmp" and temp.name != target.name
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == ["shop.csv"]

    # Files the next run must leave alone: another target's temp, and one being written now.
    other = folder / ".export-other.csv-abcdefgh.tmp"
    other.write_text("another export's temp")
    os.utime(other, (time.time() - 60, time.time() - 60))
    busy = folder / ".export-shop.csv-busy0000.tmp"
    busy.write_text("a run writing right now")
    os.utime(busy, (time.time() + 60, time.time() + 60))

    killed = ExportRun.get(ExportRun.exporter == "slow-shopify")
    assert killed.result == "running"  # nobody was left to say otherwise

    again = export_file("shopify-products", target)
    assert not temp.exists()  # the killed run's temp file is swept
    assert other.exists() and busy.exists()
    assert again.rows == 3 + EXTRA_PIECES  # every piece is in Case A, none held or sold
    assert skus(target)[:3] == ["K-000000", "K-000001", "K-000002"]
    assert again.sha256 != good.sha256
    # A temp file being written right now: some run is alive, and which one cannot be told.
    assert ExportRun.get_by_id(killed.id).result == "running"

    busy.unlink()  # that run is over: the next run knows every 'running' one before it is dead
    export_file("shopify-products", target)
    assert ExportRun.get_by_id(killed.id).result == "interrupted"
    listed = CliRunner().invoke(main, ["--db", str(db_path), "export", "runs", "--json"])
    results = {r["id"]: r["result"] for r in json.loads(listed.output)}
    assert results[killed.id] == "interrupted"
    assert [results[r] for r in sorted(results) if r != killed.id] == ["ok"] * 3
