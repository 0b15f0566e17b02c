"""The shop file itself: private, WAL, busy handling, migrations, backup, restore, which file."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeweltui.cli import main
from jeweltui.db import check_database, open_database, schema_version
from jeweltui.errors import DatabaseBusy, DatabaseProblem
from jeweltui.models import Location, Movement, SchemaVersion, database_proxy
from jeweltui.models.migrations import MIGRATIONS, latest_version
from jeweltui.services import moves

CLI = [sys.executable, "-c", "from jeweltui.cli import main; main()"]


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _pieces(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT stock_no, status, location.code FROM piece"
            " JOIN location ON location.id = piece.location_id ORDER BY stock_no"
        ).fetchall()
    conn.close()
    return rows


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return verdict


def test_a_new_shop_file_and_its_wal_are_private_to_the_owner(shop, db_path):
    assert _mode(db_path) == 0o600
    wal = Path(f"{db_path}-wal")
    assert wal.exists(), "the file is open in WAL mode, so the -wal file is there"
    assert _mode(wal) == 0o600


def test_every_connection_has_the_safety_pragmas(db):
    def pragma(name: str):
        return db.execute_sql(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") > 0
    assert pragma("synchronous") in (1, 2, 3)  # NORMAL, FULL or EXTRA


@pytest.fixture
def locked(shop, db_path):
    """Another program holds the write lock on the shop file."""
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    yield holder
    if holder.in_transaction:
        holder.execute("ROLLBACK")
    holder.close()


def test_a_locked_database_gives_a_clear_busy_error_quickly_and_changes_nothing(
    shop, db_path, locked
):
    before = (_pieces(db_path), Movement.select().count())
    open_database(db_path, busy_timeout_ms=100)
    started = time.perf_counter()
    with pytest.raises(DatabaseBusy, match="The shop database is busy"):
        moves.move_pieces([shop["rings"][0].stock_no], "L-SAFE", staff=shop["owner"])
    assert time.perf_counter() - started < 2
    locked.execute("ROLLBACK")  # the other program finishes
    assert (_pieces(db_path), Movement.select().count()) == before


def test_the_cli_on_a_locked_database_says_busy_exits_3_without_traceback(shop, db_path, locked):
    before = _pieces(db_path)
    env = dict(os.environ, JEWELTUI_BUSY_TIMEOUT_MS="100")
    result = subprocess.run(
        [*CLI, "--db", str(db_path), "piece", "move", "R-000001", "--to", "L-SAFE"],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert result.returncode == 3
    assert result.stderr.startswith("Error: The shop database is busy")
    assert "Traceback" not in result.stderr + result.stdout
    locked.execute("ROLLBACK")
    assert _pieces(db_path) == before


def test_an_old_file_is_upgraded_on_open_after_a_backup_copy(shop, db_path, monkeypatch):
    old_version = latest_version()
    assert schema_version(database_proxy.obj) == old_version
    before = _pieces(db_path)
    database_proxy.close()

    def add_gift_notes(database):  # a later release's step, as the next issue would add it
        database.execute_sql("CREATE TABLE gift_note (id INTEGER PRIMARY KEY, text TEXT)")

    monkeypatch.setitem(MIGRATIONS, old_version + 1, add_gift_notes)
    upgraded = open_database(db_path)
    assert schema_version(upgraded) == old_version + 1
    assert upgraded.table_exists("gift_note")
    assert check_database(upgraded) == []
    (backup,) = db_path.parent.glob(f"{db_path.name}.before-v{old_version + 1}*.bak")
    assert _mode(backup) == 0o600
    assert _integrity(backup) == "ok"
    assert _pieces(backup) == before == _pieces(db_path)
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == old_version
    conn.close()
    upgraded.close()
    open_database(db_path)  # opening again: nothing left to do, no second backup
    assert SchemaVersion.select().count() == len(MIGRATIONS)  # versions may have gaps
    assert len(list(db_path.parent.glob("*.bak"))) == 1


def test_a_file_from_a_newer_jeweltui_is_refused(db, db_path):
    SchemaVersion.create(version=latest_version() + 5, applied_at="2030-01-01T00:00:00.000000Z")
    db.close()
    with pytest.raises(DatabaseProblem, match="newer jeweltui"):
        open_database(db_path)


def test_a_file_that_is_not_a_database_gives_a_clear_problem(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Case A: 12 rings, Case B: 9 pendants\n" * 200)
    with pytest.raises(DatabaseProblem, match="not a jeweltui database"):
        open_database(notes)
    result = subprocess.run(
        [*CLI, "--db", str(notes), "piece", "list"], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 4
    assert result.stderr.startswith("Error:") and "not a jeweltui database" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert notes.read_text().startswith("Case A: 12 rings")


def test_a_missing_file_is_not_created_by_accident(tmp_path):
    missing = tmp_path / "typo.db"
    with pytest.raises(DatabaseProblem, match="jeweltui init"):
        open_database(missing)
    assert not missing.exists()


def _cli(args: list[str], db_path: Path, **kwargs):
    return CliRunner().invoke(main, ["--db", str(db_path), *args], **kwargs)


def test_db_backup_copies_every_piece_into_a_sound_file(shop, db_path, tmp_path):
    moves.move_pieces(["R-000002"], "L-SAFE", staff=shop["owner"])
    target = tmp_path / "backups" / "monday.db"
    target.parent.mkdir()
    result = _cli(["db", "backup", str(target)], db_path)
    assert result.exit_code == 0, result.output
    assert _integrity(target) == "ok"
    assert _pieces(target) == _pieces(db_path)
    assert ("R-000002", "in_stock", "L-SAFE") in _pieces(target)
    assert _mode(target) == 0o600
    again = _cli(["db", "backup", str(target)], db_path)
    assert again.exit_code != 0 and "exists already" in again.output


@pytest.mark.parametrize("damage", ["header", "page"])
def test_db_restore_refuses_a_damaged_backup_and_keeps_the_live_file(
    shop, db_path, tmp_path, damage
):
    good = tmp_path / "good.db"
    assert _cli(["db", "backup", str(good)], db_path).exit_code == 0
    bad = tmp_path / "bad.db"
    shutil.copyfile(good, bad)
    with open(bad, "r+b") as handle:
        if damage == "header":
            handle.write(b"GARBAGE!" * 16)
        else:  # a page in the middle of the file: the header still says 'SQLite'
            handle.seek(os.path.getsize(bad) // 2 // 4096 * 4096)
            handle.write(b"\xde\xad\xbe\xef" * 1024)
    database_proxy.close()
    live = _pieces(db_path)
    result = _cli(["db", "restore", str(bad), "--yes"], db_path)
    assert result.exit_code != 0
    assert "Error:" in result.output and "nothing was restored" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert _pieces(db_path) == live and _integrity(db_path) == "ok"


def test_db_restore_of_a_good_backup_brings_the_old_state_back(shop, db_path, tmp_path):
    good = tmp_path / "good.db"
    assert _cli(["db", "backup", str(good)], db_path).exit_code == 0
    saved = _pieces(good)
    moves.move_pieces(["R-000001", "R-000003"], "L-SAFE", staff=shop["owner"])
    database_proxy.close()
    assert _pieces(db_path) != saved
    result = _cli(["db", "restore", str(good), "--yes"], db_path)
    assert result.exit_code == 0, result.output
    assert _pieces(db_path) == saved
    assert _mode(db_path) == 0o600
    assert _cli(["db", "check"], db_path).exit_code == 0


def test_jeweltui_db_env_and_db_option_pick_the_file(tmp_path):
    runner = CliRunner()
    env_file, option_file = tmp_path / "env.db", tmp_path / "option.db"
    env = {"JEWELTUI_DB": str(env_file)}
    assert runner.invoke(main, ["init"], env=env).exit_code == 0
    assert runner.invoke(main, ["--db", str(option_file), "init"], env=env).exit_code == 0
    add = ["location", "add", "L-CASE-A", "--name", "Case A"]
    assert runner.invoke(main, add, env=env).exit_code == 0
    listed = runner.invoke(main, ["location", "list", "--json"], env=env)
    assert [row["code"] for row in json.loads(listed.output)] == ["L-CASE-A"]
    other = runner.invoke(main, ["--db", str(option_file), "location", "list", "--json"], env=env)
    assert json.loads(other.output) == []
    assert Location.select().count() == 0  # the last command opened option.db
    assert env_file.exists() and option_file.exists()
    assert _mode(env_file) == _mode(option_file) == 0o600
