"""A shop on a real PostgreSQL server: starting one, its backups, and moving a SQLite shop in.

Every test here runs against the throwaway cluster of tests/pg.py (skipped with the
reason where no server can be had; CI fails instead).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from pg import run_sql

from jeweltui.cli import main
from jeweltui.models import Movement, Piece, database_proxy
from jeweltui.services import moves

pytestmark = pytest.mark.postgres


def _cli(db: Path | str, *args: str, **kwargs):
    return CliRunner().invoke(main, ["--db", str(db), *args], **kwargs)


@pytest.fixture
def server_url(pg_server) -> str:
    return pg_server.fresh_database()


def test_init_makes_a_shop_on_the_server_and_refuses_a_second_time(server_url):
    made = _cli(server_url, "init")
    assert made.exit_code == 0, made.output
    assert "New shop database" in made.output
    assert _cli(server_url, "location", "add", "L-CASE-A", "--name", "Case A").exit_code == 0
    listed = _cli(server_url, "location", "list", "--json")
    assert [row["code"] for row in json.loads(listed.output)] == ["L-CASE-A"]
    again = _cli(server_url, "init")
    assert again.exit_code != 0 and "has a shop already" in again.output
    assert _cli(server_url, "db", "check").exit_code == 0


def test_an_empty_or_unreachable_server_gives_one_clear_line(server_url, tmp_path):
    empty = _cli(server_url, "location", "list")
    assert empty.exit_code != 0 and "No shop in" in empty.output and "init" in empty.output
    nowhere = f"postgresql://nobody:secret@/nothing?host={tmp_path}"
    failed = _cli(nowhere, "location", "list")
    assert failed.exit_code != 0
    assert failed.output.startswith("Error: Cannot open the PostgreSQL shop")
    assert "secret" not in failed.output and "Traceback" not in failed.output


def test_pg_dump_backup_and_restore_bring_the_old_state_back(shop_on_server, tmp_path):
    url, owner = shop_on_server
    backup = tmp_path / "backups" / "monday.dump"
    backup.parent.mkdir()
    made = _cli(url, "db", "backup", str(backup))
    assert made.exit_code == 0, made.output
    assert os.stat(backup).st_mode & 0o777 == 0o600
    moves.move_pieces(["R-000001"], "L-SAFE", staff=owner)
    database_proxy.close()
    where = "SELECT location.code FROM piece JOIN location ON location.id = piece.location_id"
    assert run_sql(url, where + " WHERE stock_no = 'R-000001'") == [("L-SAFE",)]
    restored = _cli(url, "db", "restore", str(backup), "--yes")
    assert restored.exit_code == 0, restored.output
    assert run_sql(url, where + " WHERE stock_no = 'R-000001'") == [("L-CASE-A",)]
    bad = tmp_path / "bad.dump"
    bad.write_bytes(b"not a dump at all")
    refused = _cli(url, "db", "restore", str(bad), "--yes")
    assert refused.exit_code != 0 and "pg_restore failed" in refused.output
    assert run_sql(url, "SELECT COUNT(*) FROM piece") == [(3,)]


@pytest.fixture
def shop_on_server(pg_server):
    from jeweltui.db import open_database
    from jeweltui.services import pieces
    from jeweltui.services.locations import create_location
    from jeweltui.services.staff import ensure_owner

    url = pg_server.fresh_database()
    open_database(url, create=True)
    owner = ensure_owner()
    for code, name in (("L-CASE-A", "Case A"), ("L-SAFE", "Safe")):
        create_location({"code": code, "name": name, "kind": "case"}, staff=owner)
    for n in range(3):
        pieces.create_piece(
            {"title": f"Ring {n}", "sku": "RNG", "category": "ring"},
            location="L-CASE-A",
            staff=owner,
        )
    return url, owner


def test_the_demo_shop_moves_to_postgresql_and_reads_the_same(tmp_path, pg_server):
    demo_file = tmp_path / "demo.db"
    loaded = _cli(demo_file, "demo", "--no-tui")
    assert loaded.exit_code == 0, loaded.output
    codes = [p["stock_no"] for p in json.loads(_cli(demo_file, "piece", "list", "--json").output)]
    moves_file = {code: _cli(demo_file, "history", code, "--json").output for code in codes}

    url = pg_server.fresh_database()
    moved = _cli(url, "db", "migrate-to", url)
    assert moved.exit_code != 0 and "SQLite shop file" in moved.output  # --db is the source
    moved = _cli(demo_file, "db", "migrate-to", url)
    assert moved.exit_code == 0, moved.output
    assert "row counts match and the ledger replays" in moved.output

    for listing in (["piece", "list", "--json"], ["piece", "list"], ["location", "list"]):
        assert _cli(url, *listing).output == _cli(demo_file, *listing).output, listing
    for code in codes:
        assert _cli(url, "history", code, "--json").output == moves_file[code], code
    assert run_sql(url, "SELECT COUNT(*) FROM movement")[0][0] == _count(demo_file, "movement")

    # The counters came along: the next ring's number and ids continue after the file's.
    added = _cli(url, "piece", "add", "--title", "New band", "--sku", "WB", "--category", "ring",
                 "--location", "L-CASE-A")  # fmt: skip
    assert added.exit_code == 0, added.output
    newest = Piece.select().order_by(Piece.id.desc()).get()
    assert newest.stock_no not in codes and newest.stock_no.startswith("R-")
    assert Movement.select().where(Movement.piece == newest).count() == 1

    again = _cli(demo_file, "db", "migrate-to", url)
    assert again.exit_code != 0 and "is not empty" in again.output


def _count(path: Path, table: str) -> int:
    return run_sql(path, f"SELECT COUNT(*) FROM {table}")[0][0]


def test_the_backend_check_names_each_server(db, pg_server):
    from jeweltui.db import backend, open_database

    assert backend() == "sqlite"
    open_database(pg_server.fresh_database(), create=True)
    assert backend() == "postgresql"
