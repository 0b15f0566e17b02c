"""Forward migrations: MIGRATIONS[n] takes the schema from version n-1 to n, in one transaction.

A feature adds its tables by adding a step with the next free number and its own
models module; a step, once released, never changes. Versions already reserved:
2 holds & channels, 3 exports, 4 work orders, 5 sales & orders & incidents,
6 vendors, memo & receiving.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import Database

from .catalog import Customer, Location, Staff, Vendor
from .stock import Item, Piece, PieceCode, StockLevel, Stone
from .trade import (
    Hold,
    Movement,
    Sale,
    SaleLine,
    SchemaVersion,
    Sequence,
    Setting,
    partial_indexes,
)

# The tables of version 1, frozen here: later steps create their own tables.
V1_MODELS = [
    Location,
    Vendor,
    Customer,
    Staff,
    Piece,
    PieceCode,
    Stone,
    Item,
    StockLevel,
    Hold,
    Sale,
    SaleLine,
    Sequence,
    Movement,
    Setting,
    SchemaVersion,
]


def _v1_initial(db: Database) -> None:
    db.create_tables(V1_MODELS)
    for statement in partial_indexes():
        db.execute_sql(statement)


MIGRATIONS: dict[int, Callable[[Database], None]] = {1: _v1_initial}


def latest_version() -> int:
    return max(MIGRATIONS)
