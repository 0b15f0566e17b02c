"""Opening the shop database, in one place: pragmas, private file mode, migrations, backup."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from peewee import OperationalError, SqliteDatabase

from jeweltui import clock
from jeweltui.errors import DatabaseBusy, DatabaseProblem
from jeweltui.models import SchemaVersion, database_proxy
from jeweltui.models.migrations import MIGRATIONS, latest_version

BUSY_TIMEOUT_MS = int(os.environ.get("JEWELTUI_BUSY_TIMEOUT_MS", "5000"))

# WAL lets the TUI read while the nightly job writes; NORMAL is durable against a
# crash of the program (an OS crash may lose the last commits, never consistency).
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
}

BUSY_MESSAGE = (
    "The shop database is busy: another jeweltui program is writing to it. "
    "Nothing was changed; try again in a moment."
)


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def open_database(
    path: str | os.PathLike, *, create: bool = False, busy_timeout_ms: int | None = None
) -> SqliteDatabase:
    """Open (or with create=True, make) the shop database and bring its schema up to date."""
    path = Path(path)
    if not path.exists():
        if not create:
            raise DatabaseProblem(
                f"No shop database at {path}. Run 'jeweltui init' to start one, "
                "or 'jeweltui demo' to try the demo shop."
            )
        _create_private_file(path)
    timeout = BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
    pragmas = dict(PRAGMAS, busy_timeout=timeout)
    db = SqliteDatabase(str(path), pragmas=pragmas, timeout=timeout / 1000)
    database_proxy.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        _migrate(db, path)
    except OperationalError as error:
        raise _translate(error, path) from error
    except sqlite3.DatabaseError as error:
        raise DatabaseProblem(f"{path} is not a jeweltui database ({error}).") from error
    return db


def _translate(error: Exception, path: Path) -> Exception:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return DatabaseBusy(BUSY_MESSAGE)
    if "not a database" in text or "malformed" in text:
        return DatabaseProblem(f"{path} is not a jeweltui database or is damaged ({error}).")
    return error


def schema_version(db: SqliteDatabase) -> int:
    if not db.table_exists("schema_version"):
        return 0
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def _migrate(db: SqliteDatabase, path: Path) -> None:
    current, latest = schema_version(db), latest_version()
    if current > latest:
        raise DatabaseProblem(
            f"{path} was written by a newer jeweltui (schema {current}); upgrade jeweltui."
        )
    if current == latest:
        return
    if current > 0:
        backup_database(db, path.with_name(f"{path.name}.before-v{latest}.bak"))
    for version in sorted(v for v in MIGRATIONS if v > current):
        with db.atomic(lock_type="IMMEDIATE"):
            MIGRATIONS[version](db)
            SchemaVersion.create(version=version, applied_at=clock.now())


@contextmanager
def write_transaction() -> Iterator[None]:
    """One state change: BEGIN IMMEDIATE, so two writers never interleave a read-check-write.

    Nested calls join the outer transaction (as a savepoint): a batch stays all-or-nothing.
    """
    db = database_proxy.obj
    try:
        with db.atomic(lock_type="IMMEDIATE"):
            yield
    except OperationalError as error:
        translated = _translate(error, Path(db.database))
        if translated is error:
            raise
        raise translated from error


def backup_database(db: SqliteDatabase, target: str | os.PathLike) -> Path:
    """An online, consistent copy through SQLite's backup API (safe while others write)."""
    target = Path(target)
    if target.exists():
        raise DatabaseProblem(f"{target} exists already; choose a new backup file name.")
    _create_private_file(target)
    with sqlite3.connect(target) as destination:
        db.connection().backup(destination)
    destination.close()
    return target


def check_database(db: SqliteDatabase) -> list[str]:
    """Problems found by SQLite's own checks; an empty list means the file is sound."""
    problems = [
        row[0] for row in db.execute_sql("PRAGMA integrity_check").fetchall() if row[0] != "ok"
    ]
    for table, rowid, parent, _ in db.execute_sql("PRAGMA foreign_key_check").fetchall():
        problems.append(f"{table} row {rowid} points to a missing {parent}")
    version = schema_version(db)
    if version != latest_version():
        problems.append(f"schema version {version}, expected {latest_version()}")
    return problems


def restore_database(backup: str | os.PathLike, target: str | os.PathLike) -> Path:
    """Put a backup in place of the live file, after checking the backup is sound."""
    backup, target = Path(backup), Path(target)
    with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as source:
        verdict = source.execute("PRAGMA integrity_check").fetchone()[0]
    source.close()
    if verdict != "ok":
        raise DatabaseProblem(f"{backup} is damaged ({verdict}); nothing was restored.")
    staged = target.with_name(target.name + ".restoring")
    shutil.copyfile(backup, staged)
    os.chmod(staged, 0o600)
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    os.replace(staged, target)
    return target
