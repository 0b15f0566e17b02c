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
from .channels import Channel, ChannelExclusion, ChannelSafetyStock, channel_indexes
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


def _v2_holds_channels(db: Database) -> None:
    db.create_tables([Channel, ChannelSafetyStock, ChannelExclusion])
    for statement in channel_indexes():
        db.execute_sql(statement)


MIGRATIONS: dict[int, Callable[[Database], None]] = {1: _v1_initial}
MIGRATIONS[2] = _v2_holds_channels


def _v4_work_orders(db: Database) -> None:
    from .workorders import Appraisal, WorkOrder, WorkOrderEvent, workorder_indexes

    db.create_tables([WorkOrder, WorkOrderEvent, Appraisal])
    for statement in workorder_indexes():
        db.execute_sql(statement)


MIGRATIONS[4] = _v4_work_orders


def _v3_exports(db: Database) -> None:
    from .exports import ChannelExport, ExportRun

    db.create_tables([ChannelExport, ExportRun])


MIGRATIONS[3] = _v3_exports


def _v6_vendors_memo(db: Database) -> None:
    from .vendors import (
        CostHistory,
        MemoHeader,
        MemoLine,
        ReorderRule,
        VendorMapping,
        vendor_indexes,
    )

    db.create_tables([MemoHeader, MemoLine, VendorMapping, CostHistory, ReorderRule])
    for statement in vendor_indexes():
        db.execute_sql(statement)


MIGRATIONS[6] = _v6_vendors_memo


def _v5_sales_orders(db: Database) -> None:
    from .orders import ORDER_MODELS

    db.create_tables(ORDER_MODELS)


MIGRATIONS[5] = _v5_sales_orders


def latest_version() -> int:
    return max(MIGRATIONS)
