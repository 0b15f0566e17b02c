"""Attacks on the shop file: restoring something that is not this shop's database, restoring
under a running program, damaged pages, and a full disk. The shop stays as it was."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeweltui.cli import main
from jeweltui.models import database_proxy
from jeweltui.services import moves


def cli(db_path: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db_path), *args])


def shop_state(db_path: Path) -> tuple:
    """What a shop would check after a refused restore: its pieces and its whole ledger."""
    with sqlite3.connect(db_path) as raw:
        pieces = raw.execute(
            "SELECT stock_no, status, location_id FROM piece ORDER BY stock_no"
        ).fetchall()
        ledger = raw.execute("SELECT id, action, piece_id FROM movement ORDER BY id").fetchall()
    return pieces, ledger


def one_line_refusal(result, says: str) -> None:
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and says in errors[0], result.output


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _foreign(path: Path) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
        raw.execute("INSERT INTO recipes (name) VALUES ('bread')")


def _from_the_future(good: Path, path: Path) -> None:
    path.write_bytes(good.read_bytes())
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO schema_version (version, applied_at) VALUES (999, '2099')")


def _without_ledger(good: Path, path: Path) -> None:
    path.write_bytes(good.read_bytes())
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA foreign_keys=OFF")
        raw.execute("DROP TABLE movement")


@pytest.mark.parametrize(
    "kind, says",
    [
        ("empty", "is empty"),
        ("foreign", "is not a jeweltui database"),
        ("schema 999", "newer jeweltui (schema 999"),
        ("no ledger", "has no ledger"),
    ],
)
def test_restoring_a_file_that_is_not_this_shops_database_is_refused(
    shop, db_path, tmp_path, kind, says
):
    good = tmp_path / "good.db"
    assert cli(db_path, "db", "backup", str(good)).exit_code == 0
    bad = tmp_path / "bad.db"
    {
        "empty": lambda: _empty(bad),
        "foreign": lambda: _foreign(bad),
        "schema 999": lambda: _from_the_future(good, bad),
        "no ledger": lambda: _without_ledger(good, bad),
    }[kind]()
    before = shop_state(db_path)
    result = cli(db_path, "db", "restore", str(bad), "--yes")
    one_line_refusal(result, says)
    assert "nothing was restored" in result.output
    assert shop_state(db_path) == before
    assert not list(tmp_path.glob("shop.db.replaced-*"))


def test_a_good_restore_keeps_the_replaced_database_beside_it(shop, db_path, tmp_path):
    good = tmp_path / "monday.db"
    assert cli(db_path, "db", "backup", str(good)).exit_code == 0
    monday = shop_state(good)
    moves.move_pieces(["R-000001"], "L-SAFE", staff=shop["owner"])
    tuesday = shop_state(db_path)
    result = cli(db_path, "db", "restore", str(good), "--yes")
    assert result.exit_code == 0, result.output
    (kept,) = tmp_path.glob("shop.db.replaced-*")
    assert str(kept) in result.output
    assert shop_state(db_path) == monday
    assert shop_state(kept) == tuesday  # Tuesday's move, WAL included, is not lost
    assert os.stat(kept).st_mode & 0o777 == 0o600


HOLDER = """
import sys
from jeweltui.db import open_database
open_database(sys.argv[1])
print("open", flush=True)
sys.stdin.read()
"""


def test_a_restore_while_another_program_has_the_shop_open_is_refused(shop, db_path, tmp_path):
    good = tmp_path / "good.db"
    assert cli(db_path, "db", "backup", str(good)).exit_code == 0
    moves.move_pieces(["R-000002"], "L-SAFE", staff=shop["owner"])
    before = shop_state(db_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        result = cli(db_path, "db", "restore", str(good), "--yes")
        one_line_refusal(result, "has the shop database open")
        assert shop_state(db_path) == before
    finally:
        holder.communicate("", timeout=30)
    assert cli(db_path, "db", "restore", str(good), "--yes").exit_code == 0


def test_db_check_on_overwritten_pages_says_damaged_in_words(shop, db_path):
    database_proxy.close()
    with sqlite3.connect(db_path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = os.path.getsize(db_path)
    with open(db_path, "r+b") as handle:
        for page in range(1, size // 4096):
            handle.seek(page * 4096)
            handle.write(b"\xde\xad\xbe\xef" * 1024)
    result = cli(db_path, "db", "check")
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "damaged" in result.output or "Problem:" in result.output
    assert "Traceback" not in result.output


# --- A full disk --------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A real 2 MB filesystem: a tmpfs when we may mount one (root in CI containers)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
    )
    if made.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root; the RLIMIT test below covers ENOSPC")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    return filler


def _subprocess_cli(db_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from jeweltui.cli import main; main()",
            "--db",
            str(db_path),
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_full_disk_fails_writes_cleanly_and_the_shop_stays_sound(small_disk, tmp_path):
    db_path = small_disk / "shop.db"
    assert _subprocess_cli(db_path, "init").returncode == 0
    assert _subprocess_cli(db_path, "location", "add", "L-A", "--name", "A").returncode == 0
    filler = _fill(small_disk)
    names = []
    for n in range(40):  # enough long names to need new pages whatever space is left
        name = f"Case {n} " + "x" * 3000
        done = _subprocess_cli(db_path, "location", "add", f"L-F{n}", "--name", name)
        assert "Traceback" not in done.stderr, done.stderr
        if done.returncode == 0:
            names.append(f"L-F{n}")
            continue
        assert "disk holding the shop database is full" in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        break
    else:
        pytest.fail("the disk never filled up")
    # A read needs room for SQLite's shared-memory file: on a disk with not one block
    # left it may be refused too, but in words.
    listed = _subprocess_cli(db_path, "location", "list")
    assert "Traceback" not in listed.stderr
    assert "L-A" in listed.stdout or "disk holding the shop database is full" in listed.stderr
    backup = small_disk / "backup.db"
    made = _subprocess_cli(db_path, "db", "backup", str(backup))
    assert made.returncode != 0 and "full" in made.stderr and "Traceback" not in made.stderr
    assert sorted(p.name for p in small_disk.iterdir() if "backup" in p.name) == []
    filler.unlink()
    assert _subprocess_cli(db_path, "db", "check").returncode == 0
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        codes = {row[0] for row in raw.execute("SELECT code FROM location")}
    assert codes == {"L-A", *names}  # the refused location left nothing behind


SIZE_LIMITED_BACKUP = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), int(sys.argv[3])))
from jeweltui.cli import main
main(["--db", sys.argv[1], "db", "backup", sys.argv[2]])
"""


def test_db_backup_that_runs_out_of_room_leaves_no_partial_file(shop, db_path, tmp_path):
    """ENOSPC simulated at the OS level: RLIMIT_FSIZE makes the backup's writes fail."""
    database_proxy.close()
    folder = tmp_path / "backups"
    folder.mkdir()
    target = folder / "monday.db"
    done = subprocess.run(
        [sys.executable, "-c", SIZE_LIMITED_BACKUP, str(db_path), str(target), "8192"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert list(folder.iterdir()) == []
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_db_backup_keep_rotates_old_backups(shop, db_path, tmp_path):
    folder = tmp_path / "nightly"
    folder.mkdir()
    for day in ("mon", "tue", "wed", "thu"):
        made = cli(db_path, "db", "backup", str(folder / f"{day}.db"), "--keep", "2")
        assert made.exit_code == 0, made.output
        os.utime(folder / f"{day}.db", (0, {"mon": 1, "tue": 2, "wed": 3, "thu": 4}[day] * 1e6))
    assert sorted(p.name for p in folder.iterdir()) == ["thu.db", "wed.db"]
