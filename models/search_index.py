"""The pieces' text index on SQLite, kept in step by triggers: every write (a service, an
import, the CLI, a bulk path) updates it in the same transaction as the row it changes,
and a rollback takes both back.

- piece_text: one row per piece, the text a clerk types to find it: stock number, SKU,
  title, vendor name, vendor style, scan codes and stone words, one per line. Search
  text never holds a newline (jeweltui.services.search strips control characters), so a
  match never spans two fields.
- piece_fts: an FTS5 index over piece_text.body with the trigram tokenizer (SQLite
  >= 3.34), external content, so the text is stored once.

Only SQLite: another backend keeps its own index (PostgreSQL: pg_trgm) behind
jeweltui.services.search; on it install() does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import Database, IntegerField, SqliteDatabase, TextField

from .base import BaseModel

FTS_TABLE = "piece_fts"
TEXT_TABLE = "piece_text"


class PieceText(BaseModel):
    """Read by search only; written by the triggers below, never by Python code."""

    piece_id = IntegerField(primary_key=True)
    body = TextField()

    class Meta:
        table_name = TEXT_TABLE


# The text of the pieces matching WHERE {where}, read from the tables themselves.
_BODY_SELECT = """
SELECT p.id, p.stock_no || char(10) || p.sku || char(10) || p.title || char(10)
  || COALESCE(v.name, '') || char(10) || p.vendor_style
  || COALESCE((SELECT char(10) || group_concat(c.code, char(10))
               FROM piece_code c WHERE c.piece_id = p.id), '')
  || COALESCE((SELECT char(10) || group_concat(trim(s.type || ' ' || s.shape || ' '
                 || s.colour || ' ' || s.clarity || ' ' || s.cert_no), char(10))
               FROM stone s WHERE s.piece_id = p.id), '')
FROM piece p LEFT JOIN vendor v ON v.id = p.vendor_id
WHERE {where}"""


def _refresh(where: str) -> str:
    return (
        f"INSERT INTO {TEXT_TABLE} (piece_id, body) {_BODY_SELECT.format(where=where)} "
        "ON CONFLICT (piece_id) DO UPDATE SET body = excluded.body;"
    )


_PIECE_TEXT_CHANGED = " OR ".join(
    f"OLD.{c} IS NOT NEW.{c}" for c in ("stock_no", "sku", "title", "vendor_id", "vendor_style")
)

# name -> body. A move or a sale changes location and status only: none of these fire.
TRIGGERS: dict[str, str] = {
    "piece_text_piece_insert": f"AFTER INSERT ON piece BEGIN {_refresh('p.id = NEW.id')} END",
    "piece_text_piece_update": (
        f"AFTER UPDATE ON piece WHEN {_PIECE_TEXT_CHANGED} BEGIN "
        f"DELETE FROM {TEXT_TABLE} WHERE piece_id = OLD.id AND OLD.id IS NOT NEW.id; "
        f"{_refresh('p.id = NEW.id')} END"
    ),
    "piece_text_piece_delete": (
        f"AFTER DELETE ON piece BEGIN DELETE FROM {TEXT_TABLE} WHERE piece_id = OLD.id; END"
    ),
    "piece_text_code_insert": (
        f"AFTER INSERT ON piece_code BEGIN {_refresh('p.id = NEW.piece_id')} END"
    ),
    "piece_text_code_update": (
        "AFTER UPDATE ON piece_code BEGIN "
        f"{_refresh('p.id = OLD.piece_id')} {_refresh('p.id = NEW.piece_id')} END"
    ),
    "piece_text_code_delete": (
        f"AFTER DELETE ON piece_code BEGIN {_refresh('p.id = OLD.piece_id')} END"
    ),
    "piece_text_stone_insert": f"AFTER INSERT ON stone BEGIN {_refresh('p.id = NEW.piece_id')} END",
    "piece_text_stone_update": (
        "AFTER UPDATE ON stone BEGIN "
        f"{_refresh('p.id = OLD.piece_id')} {_refresh('p.id = NEW.piece_id')} END"
    ),
    "piece_text_stone_delete": (
        f"AFTER DELETE ON stone BEGIN {_refresh('p.id = OLD.piece_id')} END"
    ),
    "piece_text_vendor_update": (
        f"AFTER UPDATE OF name ON vendor BEGIN {_refresh('p.vendor_id = NEW.id')} END"
    ),
    # piece_text -> piece_fts, the way FTS5's external content tables are kept.
    "piece_fts_insert": (
        f"AFTER INSERT ON {TEXT_TABLE} BEGIN "
        f"INSERT INTO {FTS_TABLE} (rowid, body) VALUES (NEW.piece_id, NEW.body); END"
    ),
    "piece_fts_update": (
        f"AFTER UPDATE ON {TEXT_TABLE} WHEN OLD.body IS NOT NEW.body BEGIN "
        f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, body) "
        "VALUES ('delete', OLD.piece_id, OLD.body); "
        f"INSERT INTO {FTS_TABLE} (rowid, body) VALUES (NEW.piece_id, NEW.body); END"
    ),
    "piece_fts_delete": (
        f"AFTER DELETE ON {TEXT_TABLE} BEGIN "
        f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, body) "
        "VALUES ('delete', OLD.piece_id, OLD.body); END"
    ),
}

CREATE_TABLES = (
    f"CREATE TABLE IF NOT EXISTS {TEXT_TABLE} (piece_id INTEGER PRIMARY KEY, body TEXT NOT NULL)",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(body, content = '{TEXT_TABLE}',"
    " content_rowid = 'piece_id', tokenize = 'trigram')",
)


def trigram_supported(execute: Callable) -> bool:
    """FTS5 with the trigram tokenizer needs SQLite >= 3.34 built with FTS5."""
    try:
        execute("CREATE VIRTUAL TABLE temp.fts_probe USING fts5(x, tokenize = 'trigram')")
        execute("DROP TABLE temp.fts_probe")
    except Exception:  # any failure means: no such index on this build of SQLite
        return False
    return True


def create_triggers(execute: Callable) -> None:
    for name, body in TRIGGERS.items():
        execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def drop_triggers(execute: Callable) -> None:
    """For a bulk load (bench/make_shop.py): drop, load, then rebuild() and create_triggers(),
    all in one transaction."""
    for name in TRIGGERS:
        execute(f"DROP TRIGGER IF EXISTS {name}")


def rebuild(execute: Callable) -> None:
    """Fill the text table and the index from the tables, from empty, merged into one segment."""
    execute(f"DELETE FROM {TEXT_TABLE}")
    execute(f"INSERT INTO {TEXT_TABLE} (piece_id, body) {_BODY_SELECT.format(where='1')}")
    execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('rebuild')")
    execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")


def installed(db: Database) -> bool:
    return isinstance(db, SqliteDatabase) and db.table_exists(FTS_TABLE)


def install(db: Database) -> None:
    """Migration step: the tables, their contents and the triggers (SQLite only)."""
    if not isinstance(db, SqliteDatabase) or not trigram_supported(db.execute_sql):
        return  # no such index here: jeweltui.services.search falls back to LIKE
    for statement in CREATE_TABLES:
        db.execute_sql(statement)
    rebuild(db.execute_sql)
    create_triggers(db.execute_sql)
