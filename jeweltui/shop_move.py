"""Moving a shop from its SQLite file into an empty PostgreSQL database, then proving it.

The target gets its schema from the same migrations as any new shop; then every table's
rows go across in one transaction (COPY, in foreign-key order), the id sequences are set
past the copied ids, and the move is checked: the same row count in every table, and the
ledger replayed on the server gives what it gave in the file, piece by piece.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jeweltui.errors import DatabaseProblem
from jeweltui.models import database_proxy

# Kept by each side for itself: the schema history is written by the target's own migrations.
NOT_COPIED = {"schema_version"}


@dataclass
class MoveReport:
    rows: dict[str, int]  # table -> rows copied (and counted again on the server)
    pieces_replayed: int


def migrate_to(
    source: Path, url: str, *, progress: Callable[[str, int], None] | None = None
) -> MoveReport:
    """Copy the shop in `source` into the empty PostgreSQL database at `url` and verify it."""
    from jeweltui import postgres
    from jeweltui.db import BUSY_TIMEOUT_MS, open_database

    open_database(source)  # bring the file's schema up to date (with its backup)
    before = _ledger_picture()
    database_proxy.close()
    probe = postgres.connect(url, busy_timeout_ms=BUSY_TIMEOUT_MS)
    try:
        if probe.get_tables():
            raise DatabaseProblem(
                f"{postgres.display_url(url)} is not empty; moving a shop needs an empty database."
            )
    finally:
        probe.close()
    target = open_database(url, create=True)  # the schema, from the migrations
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        tables = _tables_to_copy(reader, set(target.get_tables()))
        with target.atomic():  # the rows arrive, and are checked, all at once or not at all
            order = _foreign_key_order(target, tables)
            for table in reversed(order):  # rows a migration seeded (the first store) give way
                target.execute_sql(f'DELETE FROM "{table}"')
            for table in order:
                _copy_table(reader, target.connection(), table, progress)
            _move_sequences_past_ids(target, tables)
            return _verify(reader, target, tables, before)
    except BaseException as error:
        _empty_again(target)  # so the same command can simply be run again
        if isinstance(error, DatabaseProblem) or not _is_driver_error(error):
            raise
        raise DatabaseProblem(f"the move failed, nothing was kept: {_first_line(error)}") from error
    finally:
        reader.close()


def _is_driver_error(error: BaseException) -> bool:
    import psycopg
    from peewee import DatabaseError

    return isinstance(error, psycopg.Error | DatabaseError)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _empty_again(target) -> None:
    try:
        target.rollback()
        for table in target.get_tables():
            target.execute_sql(f'DROP TABLE IF EXISTS "{table}" CASCADE')
        target.commit()
    except Exception:  # the server went away: there is nothing more to tidy from here
        pass


def _tables_to_copy(reader: sqlite3.Connection, on_server: set[str]) -> list[str]:
    """The file's own tables; SQLite's internal and virtual (search) tables stay behind,
    since the server builds its own twins of those."""
    rows = reader.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    tables = []
    for name, _ in rows:
        if name.startswith("sqlite_") or name in NOT_COPIED or name in _sqlite_only():
            continue
        if any(name == v or name.startswith(f"{v}_") for v in virtual):
            continue
        if name not in on_server:
            raise DatabaseProblem(f"table {name} has no place on the server; nothing was moved.")
        tables.append(name)
    return tables


def _sqlite_only() -> set[str]:
    """Derived tables the file keeps for its own search index; the server has its twin."""
    from jeweltui.models.search_index import TEXT_TABLE

    return {TEXT_TABLE}


def _foreign_key_order(target, tables: list[str]) -> list[str]:
    """Parents before children, so every row's foreign keys exist when it arrives."""
    parents: dict[str, set[str]] = {t: set() for t in tables}
    for table in tables:
        for key in target.get_foreign_keys(table):
            if key.dest_table != table and key.dest_table in parents:
                parents[table].add(key.dest_table)
    ordered: list[str] = []
    while parents:
        ready = sorted(t for t, needs in parents.items() if not needs - set(ordered))
        if not ready:
            raise DatabaseProblem(f"foreign keys go round in a circle: {sorted(parents)}")
        for table in ready:
            ordered.append(table)
            del parents[table]
    return ordered


def _copy_table(reader, conn, table: str, progress) -> None:
    cursor = reader.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
    columns = ", ".join(f'"{c[0]}"' for c in cursor.description)
    # COPY's text format reads each value with its column's own input (1/0 as booleans too).
    with conn.cursor().copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
        while batch := cursor.fetchmany(2000):
            for row in batch:
                copy.write_row(row)
            if progress:
                progress(table, len(batch))


def _move_sequences_past_ids(target, tables: list[str]) -> None:
    """An id handed out after the move must be new: each serial continues past the copied ids."""
    for table in tables:
        if "id" not in {column.name for column in target.get_columns(table)}:
            continue  # keyed by name (settings, counters): nothing to continue
        sequence = target.execute_sql(
            "SELECT pg_get_serial_sequence(%s, 'id')", (f'"{table}"',)
        ).fetchone()
        if sequence and sequence[0]:
            target.execute_sql(
                f'SELECT setval(%s, COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM "{table}"',
                (sequence[0],),
            )


def _ledger_picture() -> tuple[dict, dict]:
    """What the ledger replays to, and every piece's tracked state, in the open shop."""
    from jeweltui.models import Piece
    from jeweltui.services import ledger

    states = {piece.id: ledger.piece_state(piece) for piece in Piece.select()}
    return ledger.replay(), states


def _verify(reader, target, tables: list[str], before: tuple[dict, dict]) -> MoveReport:
    counts = {}
    for table in tables:
        here = reader.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        there = target.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        if here != there:
            raise DatabaseProblem(f"{table}: {here} rows in the file but {there} on the server")
        counts[table] = there
    replayed, states = _ledger_picture()
    if (replayed, states) != before:
        changed = sorted(
            pid
            for pid in states.keys() | before[1].keys()
            if replayed.get(pid) != before[0].get(pid) or states.get(pid) != before[1].get(pid)
        )
        raise DatabaseProblem(
            f"the ledger replayed on the server differs from the file's for {len(changed)} "
            f"pieces (ids {changed[:5]})"
        )
    return MoveReport(rows=counts, pieces_replayed=len(replayed))
