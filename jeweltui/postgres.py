"""A shop on a PostgreSQL server: opening it, its writer lock, pg_dump / pg_restore.

SQLite stays the embedded default; a `postgresql://…` address instead of a file path
selects this backend. psycopg 3 is an optional extra (pip install 'jeweltui[postgres]'),
imported only when a PostgreSQL shop is opened.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

from peewee import Database, OperationalError

from jeweltui.config import is_server_url as is_server_url
from jeweltui.errors import DatabaseProblem

# BEGIN IMMEDIATE's twin: every write transaction first takes this transaction-scoped
# advisory lock, so two writers never interleave a read-check-write, whichever rows they
# touch, while readers never wait (MVCC). Any fixed 64-bit number works; this one spells
# "jewl" so it is recognisable in pg_locks.
WRITER_LOCK = 0x6A65776C


def display_url(url: str) -> str:
    """The address without a password, for messages."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def connect(url: str, *, busy_timeout_ms: int) -> Database:
    """A peewee database on the server at `url`, connected; one clear error if it can't be."""
    try:
        import psycopg  # noqa: F401
    except ImportError as error:
        raise DatabaseProblem(
            "A PostgreSQL shop needs psycopg: pip install 'jeweltui[postgres]'."
        ) from error
    from playhouse.db_url import connect as connect_url

    url = url.replace("postgres://", "postgresql://", 1)
    try:
        # A writer that waits longer than a SQLite writer would gives up the same way.
        db = connect_url(url, options=f"-c lock_timeout={busy_timeout_ms}")
        db.connect()
    except (OperationalError, ValueError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        raise DatabaseProblem(
            f"Cannot open the PostgreSQL shop at {display_url(url)}: {first_line}"
        ) from error
    return db


def take_writer_lock(db: Database) -> None:
    db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))


def find_tool(name: str) -> str | None:
    """A PostgreSQL program: the newest under /usr/lib/postgresql/*/bin, else on PATH."""

    def version(path: str) -> float:
        try:
            return float(Path(path).parent.parent.name)
        except ValueError:
            return 0.0

    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=version)
    if candidates:
        return candidates[-1]
    return shutil.which(name)


def _run_tool(name: str, *args: str) -> subprocess.CompletedProcess:
    tool = find_tool(name)
    if tool is None:
        raise DatabaseProblem(f"{name} is not installed (it comes with PostgreSQL's client tools).")
    # A list of arguments, never a shell: the address and file names are passed as they are.
    done = subprocess.run([tool, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        raise DatabaseProblem(f"{name} failed: {lines[0]}")
    return done


def dump(url: str, target: Path) -> Path:
    """A consistent copy of the shop in pg_dump's custom format (one snapshot, safe while
    others write) into `target`, which the caller made private."""
    _run_tool("pg_dump", "--format=custom", "--no-owner", f"--file={target}", f"--dbname={url}")
    os.chmod(target, 0o600)
    return target


def restore(backup: Path, url: str) -> None:
    """Replace the shop's tables with a checked pg_dump backup, in one transaction."""
    _run_tool("pg_restore", "--list", str(backup))  # reads the whole table of contents first
    _run_tool(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        f"--dbname={url}",
        str(backup),
    )
