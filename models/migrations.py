"""Forward migrations. Each step takes the schema from version N-1 to N, in one transaction.

Later features add their tables by appending a step to MIGRATIONS; a step never changes.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import Database

from . import ALL_MODELS
from .trade import partial_indexes


def _v1_initial(db: Database) -> None:
    db.create_tables(ALL_MODELS_V1)
    for statement in partial_indexes():
        db.execute_sql(statement)


# The tables of version 1, frozen: later steps create their own tables.
ALL_MODELS_V1 = list(ALL_MODELS)

MIGRATIONS: list[Callable[[Database], None]] = [_v1_initial]

LATEST_VERSION = len(MIGRATIONS)
