"""Forward migrations: MIGRATIONS[n] takes the schema from version n-1 to n, in one transaction.

A feature adds its tables by adding a step with the next free number and its own
models module; a step, once released, never changes. The opener runs every step a
file has not had yet, in order.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import BooleanField, CharField, Database, ForeignKeyField, IntegerField

from .catalog import Customer, Location, Staff, Store, Vendor
from .channels import Channel, ChannelExclusion, ChannelSafetyStock, channel_indexes
from .stock import Item, Piece, PieceCode, StockLevel, Stone, Style
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
    # Here so the new tables' foreign keys have a table to point at (PostgreSQL checks);
    # their rows and columns come in later steps (8: styles, 14: stores).
    Style,
    Store,
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
    for statement in partial_indexes(db):
        db.execute_sql(statement)


def _v2_holds_channels(db: Database) -> None:
    db.create_tables([Channel, ChannelSafetyStock, ChannelExclusion])
    for statement in channel_indexes():
        db.execute_sql(statement)


def _v3_exports(db: Database) -> None:
    from .exports import ChannelExport, ExportRun

    db.create_tables([ChannelExport, ExportRun])


def _v4_work_orders(db: Database) -> None:
    from .workorders import Appraisal, WorkOrder, WorkOrderEvent, workorder_indexes

    db.create_tables([WorkOrder, WorkOrderEvent, Appraisal])
    for statement in workorder_indexes():
        db.execute_sql(statement)


def _v5_sales_orders(db: Database) -> None:
    from .orders import ORDER_MODELS

    db.create_tables(ORDER_MODELS)


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


def _v7_browse_indexes(db: Database) -> None:
    # The pieces browser sorts by price or title with a keyset on (key, stock_no):
    # measured at 100k pieces, the first page drops from 14 ms to 1.3 ms.
    db.execute_sql("CREATE INDEX IF NOT EXISTS piece_by_price ON piece(retail_cents, stock_no)")
    db.execute_sql("CREATE INDEX IF NOT EXISTS piece_by_title ON piece(title, stock_no)")


def _v8_styles(db: Database) -> None:
    """Styles: one record per design; pieces and items get a style_id.

    Existing pieces (and quantity items) are grouped by the core of their SKU: the dash-
    separated segments before the first variant segment. A variant segment is a metal
    code with karat ("14Y", "18W", "22YW"), a metal ("SS", "PT", "PD", "AG", "925"…), or
    digits (a size, a length, a serial): "RNG-STK-14Y-65-01" and "RNG-STK-18W-70-02" are
    both style "RNG-STK"; "CHN-BOX-SS-40" is "CHN-BOX". A SKU that starts with a variant
    segment keeps its first segment. Each style takes the title and category most of its
    pieces share (ties: the earliest piece), and the vendor, vendor style, metal, karat and
    colour only when every piece agrees. Nothing else in the file changes.
    """
    from playhouse.migrate import SchemaMigrator, migrate

    from .stock import Style

    db.create_tables([Style])
    migrator = SchemaMigrator.from_database(db)
    for table in ("piece", "item"):
        if "style_id" not in {column.name for column in db.get_columns(table)}:
            field = ForeignKeyField(Style, null=True, field=Style.id, on_delete="RESTRICT")
            migrate(migrator.add_column(table, "style_id", field))
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {table}_style_id ON {table}(style_id)")
    from .grouping import group_by_sku_core

    group_by_sku_core(db)


def _v9_quantity_and_photos(db: Database) -> None:
    """Quantity items sold, held and returned by the unit; photos of pieces and styles."""
    from .quantity import QUANTITY_MODELS, quantity_indexes

    db.create_tables(QUANTITY_MODELS)
    for statement in quantity_indexes():
        db.execute_sql(statement)


def _v16_stocktake(db: Database) -> None:
    from .stocktake import STOCKTAKE_MODELS

    db.create_tables(STOCKTAKE_MODELS)


def _v10_staff_sign_in(db: Database) -> None:
    """PINs and lockout for staff; the old role 'staff' is now called 'sales'; the
    per-channel opt-in for webhooks to private addresses."""
    from playhouse.migrate import SchemaMigrator, migrate

    from .base import UTCDateTimeField
    from .exports import ChannelExport

    migrator = SchemaMigrator.from_database(db)
    staff_columns = {c.name for c in db.get_columns("staff")}
    steps = [
        migrator.add_column("staff", name, field)
        for name, field in (
            ("pin_hash", CharField(default="")),
            ("failed_tries", IntegerField(default=0)),
            ("locked_until", UTCDateTimeField(null=True)),
        )
        if name not in staff_columns
    ]
    if "webhook_private" not in {c.name for c in db.get_columns("channel_export")}:
        steps.append(
            migrator.add_column(
                ChannelExport._meta.table_name, "webhook_private", BooleanField(default=False)
            )
        )
    migrate(*steps)
    Staff.update(role="sales").where(Staff.role == "staff").execute()


def _v14_stores(db: Database) -> None:
    """Stores: every location belongs to one; a one-store shop gets its store here."""
    from peewee import ForeignKeyField
    from playhouse.migrate import SchemaMigrator, migrate

    from .stores import Transfer, TransferLine

    db.create_tables([Store, Transfer, TransferLine])
    if "store_id" not in {c.name for c in db.get_columns("location")}:
        migrator = SchemaMigrator.from_database(db)
        migrate(
            # add_column indexes a foreign key itself: a second add_index would fail.
            migrator.add_column(
                "location", "store_id", ForeignKeyField(Store, null=True, field=Store.id)
            ),
        )
    main = Store.select().order_by(Store.id).first()
    if main is None:
        main = Store.create(code="S-MAIN", name="Main store")
    Location.update(store=main).where(Location.store.is_null()).execute()


def _v11_ledger_approver(db: Database) -> None:
    """The ledger names the approver of an override as well as the member who acted."""
    from playhouse.migrate import SchemaMigrator, migrate

    if "approved_by_id" in {c.name for c in db.get_columns("movement")}:
        return  # a file created at this version has it from its first table
    migrator = SchemaMigrator.from_database(db)
    migrate(migrator.add_column("movement", "approved_by_id", IntegerField(null=True)))


def _v12_piece_search(db: Database) -> None:
    # Search by trigram index instead of LIKE '%text%' over every row (issue 22);
    # SQLite only: on another backend this step does nothing.
    from .search_index import install

    install(db)


MIGRATIONS: dict[int, Callable[[Database], None]] = {
    1: _v1_initial,
    2: _v2_holds_channels,
    3: _v3_exports,
    4: _v4_work_orders,
    5: _v5_sales_orders,
    6: _v6_vendors_memo,
    7: _v7_browse_indexes,
    8: _v8_styles,
    9: _v9_quantity_and_photos,
    10: _v10_staff_sign_in,
    14: _v14_stores,
    11: _v11_ledger_approver,
    12: _v12_piece_search,
    16: _v16_stocktake,
}


def latest_version() -> int:
    return max(MIGRATIONS)
