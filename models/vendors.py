"""Vendors' paperwork: memo/consignment headers and lines, header mappings, cost history,
reorder rules. What is owed on memo is derived from sale lines, never stored twice."""

from __future__ import annotations

from peewee import CharField, ForeignKeyField, IntegerField, TextField

from .base import BaseModel, UTCDateTimeField
from .catalog import Customer, Location, Vendor
from .stock import Item, Piece

MEMO_DIRECTIONS = ("in", "out")
MEMO_LINE_STATUSES = ("out", "returned", "bought", "sold")


class MemoHeader(BaseModel):
    """One memo: goods in from a vendor/consignor, or out on approval to someone."""

    direction = CharField()  # in | out
    kind = CharField(default="memo")  # memo | consignment
    vendor = ForeignKeyField(Vendor, null=True, backref="memos", on_delete="RESTRICT")
    customer = ForeignKeyField(Customer, null=True, backref="memos", on_delete="RESTRICT")
    memo_no = CharField(default="", index=True)  # the vendor's own memo number
    date = UTCDateTimeField()
    terms_days = IntegerField(default=30)
    due_at = UTCDateTimeField(index=True)
    status = CharField(default="open")  # open | closed
    note = TextField(default="")


class MemoLine(BaseModel):
    """A piece on one memo. 'sold' is derived from the piece's sale, so a cancelled sale
    puts the line back to 'out' by itself; returned/bought are stored when they happen."""

    memo = ForeignKeyField(MemoHeader, backref="lines", on_delete="CASCADE")
    piece = ForeignKeyField(Piece, backref="memo_lines", on_delete="RESTRICT")
    cost_cents = IntegerField(default=0)
    status = CharField(default="out")
    home_location = ForeignKeyField(Location, null=True, on_delete="RESTRICT")
    closed_at = UTCDateTimeField(null=True)


class VendorMapping(BaseModel):
    """A saved header mapping for one vendor's packing lists: our field -> their column."""

    vendor = ForeignKeyField(Vendor, backref="mappings", on_delete="CASCADE")
    name = CharField(default="default")
    mapping = TextField(default="{}")  # JSON

    class Meta:
        indexes = ((("vendor", "name"), True),)


class CostHistory(BaseModel):
    vendor = ForeignKeyField(Vendor, null=True, backref="costs", on_delete="RESTRICT")
    sku = CharField(index=True)
    piece = ForeignKeyField(Piece, null=True, on_delete="SET NULL")
    cost_cents = IntegerField()
    at = UTCDateTimeField()
    source = CharField(default="")  # receive | memo_buy | import


class ReorderRule(BaseModel):
    """Per quantity-tracked item: how much to keep as a cushion and how far back to look."""

    item = ForeignKeyField(Item, unique=True, backref="reorder_rule", on_delete="CASCADE")
    safety_stock = IntegerField(default=0)
    weeks = IntegerField(default=8)  # sales velocity window, 8–12 weeks
    lead_time_days = IntegerField(null=True)  # overrides the vendor's lead time


def vendor_indexes() -> list[str]:
    return [
        "CREATE INDEX IF NOT EXISTS memo_line_open_by_piece ON memo_line(piece_id)"
        " WHERE status = 'out'",
    ]
