"""Backups a shop can trust and a restore that cannot wipe the shop.

A backup is written to a temporary file and renamed, so a full disk never leaves a
partial file behind. A restore only accepts this program's database (its tables, a
schema version this jeweltui knows, the ledger), keeps the file it replaces beside it
with a timestamp, and refuses while another jeweltui program has the database open.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from jeweltui import clock
from jeweltui.db import (
    _create_private_file,
    _translate,
    close_database,
    exclusive_shop_lock,
)
from jeweltui.errors import DatabaseProblem, JewelError, StorageProblem
from jeweltui.models.migrations import latest_version

# A file is a jeweltui database when it has these tables: the stock, the places, the
# people and, above all, the ledger.
REQUIRED_TABLES = ("piece", "location", "staff", "movement", "schema_version", "sequence")
BACKUP_GLOB = "*.db"


@dataclass(frozen=True)
class Restored:
    path: Path
    kept: Path  # the file that was replaced, beside it with a timestamp


def _stamp() -> str:
    return clock.now().strftime("%Y%m%dT%H%M%S")


def backup_database(db: SqliteDatabase, target: str | os.PathLike, *, keep: int = 0) -> Path:
    """An online, consistent copy through SQLite's backup API (safe while others write).

    Written to a hidden temporary file beside the target and renamed when complete; on
    any error the temporary file is removed. keep > 0 keeps only the newest `keep`
    backups in the target's folder that share its suffix.
    """
    target = Path(target)
    if target.exists():
        raise DatabaseProblem(f"{target} exists already; choose a new backup file name.")
    staged = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        _create_private_file(staged)
        _copy_with_backup_api(db.connection(), staged)
        os.replace(staged, target)
    except (OSError, sqlite3.Error) as error:
        staged.unlink(missing_ok=True)
        raise _storage_message(error, target) from error
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    if keep:
        rotate_backups(target, keep)
    return target


def _copy_with_backup_api(source: sqlite3.Connection, path: Path) -> None:
    destination = sqlite3.connect(path)
    try:
        source.backup(destination)
        destination.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        destination.close()


def _storage_message(error: BaseException, target: Path) -> JewelError:
    translated = _translate(error, target)
    if isinstance(translated, JewelError):
        return translated
    return StorageProblem(f"Could not write {target} ({error}); no backup file was left.")


def rotate_backups(newest: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` backups beside `newest` (same suffix); returns them."""
    siblings = sorted(
        (p for p in newest.parent.glob(f"*{newest.suffix}") if p.is_file()),
        key=lambda p: p.stat().st_mtime_ns,
    )
    removed = siblings[:-keep] if len(siblings) > keep else []
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def check_backup(backup: str | os.PathLike) -> None:
    """Refuse, with the reason, anything that is not a sound database of this program."""
    backup = Path(backup)
    if not backup.is_file():
        raise DatabaseProblem(f"{backup} is not a file; nothing was restored.")
    if backup.stat().st_size == 0:
        raise DatabaseProblem(f"{backup} is empty; nothing was restored.")
    try:
        source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise DatabaseProblem(
            f"{backup} cannot be opened ({error}); nothing was restored."
        ) from None
    try:
        problem = _backup_problem(source)
    except sqlite3.DatabaseError as error:  # not a database at all, or a damaged header
        problem = f"is not a database or is damaged ({error})"
    finally:
        source.close()
    if problem:
        raise DatabaseProblem(f"{backup} {problem}; nothing was restored.")


def _backup_problem(source: sqlite3.Connection) -> str:
    verdict = source.execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        return f"is damaged ({verdict})"
    tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing == list(REQUIRED_TABLES):
        return "is not a jeweltui database (it has none of the shop's tables)"
    if "movement" in missing:
        return "has no ledger (movement table), so it is not a whole jeweltui database"
    if missing:
        return f"is not a whole jeweltui database (missing tables: {', '.join(missing)})"
    version = source.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
    if not version:
        return "has no schema version, so it is not a jeweltui database"
    if version > latest_version():
        return (
            f"was written by a newer jeweltui (schema {version}; this one knows up to "
            f"{latest_version()})"
        )
    return ""


def restore_database(backup: str | os.PathLike, target: str | os.PathLike) -> Restored:
    """Put a checked backup in place of the live file, keeping the replaced one beside it."""
    backup, target = Path(backup), Path(target)
    check_backup(backup)
    close_database()  # our own handle must not count as 'another program'
    kept = target.with_name(f"{target.name}.replaced-{_stamp()}")
    staged = target.with_name(f".{target.name}.restoring-{os.getpid()}")
    with exclusive_shop_lock(target):
        try:
            if target.exists():
                _create_private_file(kept)
                _copy_file_with_wal(target, kept)
            _create_private_file(staged)
            source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
            try:
                _copy_with_backup_api(source, staged)
            finally:
                source.close()
            for suffix in ("-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            os.replace(staged, target)
        except (OSError, sqlite3.Error) as error:
            staged.unlink(missing_ok=True)
            if kept.exists() and target.exists():
                kept.unlink(missing_ok=True)
            raise _storage_message(error, target) from error
    return Restored(target, kept)


def _copy_file_with_wal(live: Path, copy: Path) -> None:
    """The live database including what still sits in its write-ahead log."""
    source = sqlite3.connect(live)
    try:
        _copy_with_backup_api(source, copy)
    finally:
        source.close()
