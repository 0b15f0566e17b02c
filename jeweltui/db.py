"""Opening the shop database, in one place: pragmas, private file mode, migrations, backup."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; a restore then cannot see others
    fcntl = None

from peewee import DatabaseError, OperationalError, SqliteDatabase

from jeweltui import clock
from jeweltui.errors import DatabaseBusy, DatabaseProblem, JewelError, StorageProblem
from jeweltui.models import SchemaVersion, Setting, database_proxy
from jeweltui.models.migrations import MIGRATIONS, latest_version

log = logging.getLogger(__name__)

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
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # a new data folder is private too
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
    close_database()  # one shop database per process: don't leak the last one's handle
    _take_shared_lock(path, timeout / 1000)
    database_proxy.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        _migrate(db, path)
        load_shop_day()
        from jeweltui.money import configure_from_settings

        configure_from_settings()  # every screen and command shows money the shop's way
    except OperationalError as error:
        db.close()
        raise _translate(error, path) from error
    except (sqlite3.DatabaseError, DatabaseError) as error:  # peewee wraps sqlite3's errors
        db.close()
        if "malformed" in str(error).lower():
            raise DatabaseProblem(
                f"{path} is damaged ({error}). Restore the last good backup "
                "with 'jeweltui db restore'."
            ) from error
        raise DatabaseProblem(f"{path} is not a jeweltui database ({error}).") from error
    return db


def load_shop_day() -> None:
    """Hand the shop's time zone and closing time to the clock (see jeweltui.clock).

    A stored value that no longer parses (a zone this machine lacks) falls back to the
    default, so the shop can still open its database and set it again.
    """
    keys = (clock.TIME_ZONE_KEY, clock.CLOSING_TIME_KEY)
    stored = {row.key: row.value for row in Setting.select().where(Setting.key.in_(keys))}
    try:
        clock.set_shop_day(stored.get(keys[0], ""), stored.get(keys[1], ""))
    except JewelError as error:
        log.warning("shop day settings ignored, defaults used: %s", error.message)
        clock.set_shop_day()


DISK_FULL_MESSAGE = (
    "The disk holding the shop database is full. Nothing was changed; "
    "free some space and try again."
)
DISK_ERROR_MESSAGE = (
    "The disk holding the shop database reported an error ({error}). Nothing was changed; "
    "run 'jeweltui db check' once the disk is sound."
)


def _translate(error: BaseException, path: Path) -> BaseException:
    """A storage error as a message a shop understands; the error itself when it is not one.

    A failed write can surface as a later error (SQLite rolls back on a full disk, then
    peewee's own rollback says 'no transaction is active'): look down the whole chain.
    """
    cause: BaseException | None = error
    while cause is not None:
        text = str(cause).lower()
        errno_value = getattr(cause, "errno", None)
        if "locked" in text or "busy" in text:
            return DatabaseBusy(BUSY_MESSAGE)
        if "disk is full" in text or "database or disk is full" in text or errno_value == 28:
            return StorageProblem(DISK_FULL_MESSAGE)
        if "disk i/o error" in text or errno_value in (5, 27):  # EIO, EFBIG
            # A write into a full WAL is often reported as an I/O error: look at the disk.
            if _nearly_full(path):
                return StorageProblem(DISK_FULL_MESSAGE)
            return StorageProblem(DISK_ERROR_MESSAGE.format(error=cause))
        if "not a database" in text or "malformed" in text:
            return DatabaseProblem(f"{path} is not a jeweltui database or is damaged ({cause}).")
        cause = cause.__cause__ or cause.__context__
    return error


def _nearly_full(path: Path) -> bool:
    try:
        disk = os.statvfs(path.parent)  # not shutil: it would load bz2/lzma on every start
        return disk.f_bavail * disk.f_frsize < 1_000_000
    except OSError:
        return False


def storage_error(error: BaseException) -> JewelError | None:
    """The shop's message for a database or disk error, or None when it is something else."""
    db = database_proxy.obj
    translated = _translate(error, Path(db.database) if db is not None else Path("database"))
    return translated if isinstance(translated, JewelError) else None


def schema_version(db: SqliteDatabase) -> int:
    if not db.table_exists("schema_version"):
        return 0
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def applied_versions(db: SqliteDatabase) -> set[int]:
    if not db.table_exists("schema_version"):
        return set()
    return {row[0] for row in db.execute_sql("SELECT version FROM schema_version")}


def _migrate(db: SqliteDatabase, path: Path) -> None:
    """Run every step this file has not had yet, in order, each in its own transaction."""
    applied = applied_versions(db)
    if applied and max(applied) > latest_version():
        raise DatabaseProblem(
            f"{path} was written by a newer jeweltui (schema {max(applied)}); upgrade jeweltui."
        )
    missing = sorted(set(MIGRATIONS) - applied)
    if not missing:
        return
    if applied:
        stamp = clock.now().strftime("%Y%m%dT%H%M%S")
        from jeweltui.backups import backup_database  # it builds on this module

        backup_database(db, path.with_name(f"{path.name}.before-v{latest_version()}-{stamp}.bak"))
    with _foreign_keys_deferred(db):
        for version in missing:
            with db.atomic(lock_type="IMMEDIATE"):
                MIGRATIONS[version](db)
                SchemaVersion.create(version=version, applied_at=clock.now())
                _check_foreign_keys(db, version)
    # Fresh statistics, so the planner picks the covering indexes (e.g. "available only").
    db.execute_sql("PRAGMA optimize=0x10002")


@contextmanager
def _foreign_keys_deferred(db) -> Iterator[None]:
    """SQLite's own recipe for schema changes: a step that rebuilds a table (peewee does so
    to add a NOT NULL column) must not have the old table's rows checked as it is dropped.
    Each step's result is checked instead (_check_foreign_keys), before it commits."""
    sqlite = isinstance(db, SqliteDatabase)
    if sqlite:
        db.execute_sql("PRAGMA foreign_keys=OFF")  # only outside a transaction, as here
    try:
        yield
    finally:
        if sqlite:
            db.execute_sql("PRAGMA foreign_keys=ON")


def _check_foreign_keys(db, version: int) -> None:
    if not isinstance(db, SqliteDatabase):
        return
    broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        table, rowid, parent, _ = broken[0]
        raise DatabaseProblem(
            f"Upgrading to schema {version} would leave {table} row {rowid} pointing to a "
            f"missing {parent}; nothing of that step was kept."
        )


@contextmanager
def thread_connection() -> Iterator[None]:
    """A worker thread's own connection (peewee keeps one per thread), closed when done,
    so screens' workers never leak file handles."""
    db = database_proxy.obj
    opened_here = db.is_closed()
    if opened_here:
        db.connect()
    try:
        yield
    finally:
        if opened_here:
            db.close()


@contextmanager
def write_transaction() -> Iterator[None]:
    """One state change: BEGIN IMMEDIATE, so two writers never interleave a read-check-write.

    Nested calls join the outer transaction (as a savepoint): a batch stays all-or-nothing.
    """
    db = database_proxy.obj
    try:
        with db.atomic(lock_type="IMMEDIATE"):
            yield
    except (OperationalError, sqlite3.OperationalError) as error:
        translated = _translate(error, Path(db.database))
        if translated is error:
            raise
        raise translated from error


# SQL text peewee built once per (query name, backend). peewee composes SQL in Python on
# every call (about 0.1 ms for a 22-column SELECT): on a scan-to-move that is most of the
# cost, so the few queries on that path are built once and then only bound.
_COMPILED: dict[tuple, str] = {}


def _compile(name: str, build, params: tuple) -> str:
    key = (name, type(database_proxy.obj))
    sql = _COMPILED.get(key)
    if sql is None:
        sql, bound = build(*params).sql()
        # The kept SQL is reused with new values in the same order: make sure it is that order.
        if list(bound) != list(params):
            raise RuntimeError(f"{name}: the SQL binds {bound}, not {params}")
        _COMPILED[key] = sql
    return sql


def first_of(model, name: str, build, *params):
    """The first row of a named query, as a model instance (None when there is none).

    `build(*params)` returns the peewee query; its SQL is kept, so it must only vary by
    the values of `params`, never by their number.
    """
    cursor = database_proxy.obj.execute_sql(_compile(name, build, params), params)
    row = cursor.fetchone()
    if row is None:
        return None
    # Filled by hand: peewee's row wrapper costs ~0.15 ms to set up for each query.
    columns = model._meta.columns
    instance = model(__no_default__=True)
    for (column, *_), value in zip(cursor.description, row, strict=True):
        field = columns[column]
        instance.__data__[field.name] = None if value is None else field.python_value(value)
    return instance


def execute_named(name: str, build, *params):
    """Run a named write (UPDATE, DELETE) built once by `build(*params)`; params are db values."""
    return database_proxy.obj.execute_sql(_compile(name, build, params), params)


def insert_row(model, values: dict) -> int:
    """INSERT one row from field values (model instances allowed for foreign keys); its id."""
    db = database_proxy.obj
    fields = [model._meta.fields[name] for name in values]
    key = ("insert", model, tuple(values), type(db))
    sql = _COMPILED.get(key)
    if sql is None:
        quote = f"{db.quote[0]}{{}}{db.quote[1]}".format
        columns = ", ".join(quote(field.column_name) for field in fields)
        marks = ", ".join(db.param for _ in fields)
        table = quote(model._meta.table_name)
        sql = _COMPILED[key] = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
    params = [field.db_value(value) for field, value in zip(fields, values.values(), strict=True)]
    return db.execute_sql(sql, params).lastrowid


def check_database(db: SqliteDatabase) -> list[str]:
    """Problems found by SQLite's own checks; an empty list means the file is sound."""
    try:
        return _problems(db)
    except (sqlite3.DatabaseError, DatabaseError) as error:  # pages too damaged to even list
        return [f"the file is damaged beyond SQLite's own check ({error})"]


def _problems(db: SqliteDatabase) -> list[str]:
    problems = [
        row[0] for row in db.execute_sql("PRAGMA integrity_check").fetchall() if row[0] != "ok"
    ]
    for table, rowid, parent, _ in db.execute_sql("PRAGMA foreign_key_check").fetchall():
        problems.append(f"{table} row {rowid} points to a missing {parent}")
    version = schema_version(db)
    if version != latest_version():
        problems.append(f"schema version {version}, expected {latest_version()}")
    return problems


# --- Who has the shop open -------------------------------------------------------------
# Every jeweltui process that opens the shop holds a shared lock on 'shop.db.lock' beside
# it; a restore takes the exclusive lock, so it is refused while the app, cron or a scan
# station has the file open, and they wait for a restore to finish before opening.
# (A lock file, not the database itself: a restore replaces the database's inode.)
_held_locks: dict[Path, int] = {}


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _lock_fd(path: Path) -> int:
    return os.open(lock_path(path), os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)


def _take_shared_lock(path: Path, timeout_s: float) -> None:
    if fcntl is None or path in _held_locks:
        return
    fd = _lock_fd(path)
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() > deadline:
                os.close(fd)
                raise DatabaseBusy(
                    "The shop database is being restored from a backup; try again in a moment."
                ) from None
            time.sleep(0.05)
    _held_locks[path] = fd


def _release_locks() -> None:
    for fd in _held_locks.values():
        os.close(fd)  # closing the descriptor drops its lock
    _held_locks.clear()


def close_database() -> None:
    """Close this process's shop database and let go of its 'open' lock."""
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()
    _release_locks()


@contextmanager
def exclusive_shop_lock(path: str | os.PathLike) -> Iterator[None]:
    """Hold the shop for a restore: refused while any other jeweltui process has it open."""
    path = Path(path)
    if fcntl is None:
        yield
        return
    fd = _lock_fd(path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DatabaseBusy(
                "Another jeweltui program (the app, a scan station or a cron job) has the "
                "shop database open. Close it and try again; nothing was restored."
            ) from None
        yield
    finally:
        os.close(fd)
