"""Stocktakes (case counts): what was scanned where, the differences found and why,
and how often each location should be counted."""

from __future__ import annotations

from peewee import BooleanField, CharField, Check, ForeignKeyField, IntegerField, TextField

from .base import BaseModel, UTCDateTimeField
from .catalog import Location, Staff
from .stock import Item, Piece

COUNT_STATUSES = ("open", "finished", "abandoned")
# Why the book and the shelf disagreed: asked for every difference when a count ends.
COUNT_REASONS = ("lost", "found", "moved", "damaged", "theft", "book_error")
DIFFERENCE_KINDS = ("missing", "unexpected", "quantity")


class StockCount(BaseModel):
    """One count of one location, several, or the whole shop."""

    started_at = UTCDateTimeField(index=True)
    started_by = ForeignKeyField(Staff, null=True, on_delete="RESTRICT")
    whole_shop = BooleanField(default=False)
    status = CharField(default="open", index=True)
    # Where the next scans are: set by scanning a location's code (or the only one).
    current_location = ForeignKeyField(Location, null=True, on_delete="RESTRICT")
    finished_at = UTCDateTimeField(null=True)
    finished_by = ForeignKeyField(Staff, null=True, on_delete="RESTRICT", backref="+")
    lines = IntegerField(default=0)  # see services/stocktake.py for the accuracy formula
    matched = IntegerField(default=0)
    accuracy_bp = IntegerField(null=True)  # matched / lines in basis points: 9750 = 97.50 %


class StockCountLocation(BaseModel):
    """The locations a count covers: only these can have missing pieces."""

    count = ForeignKeyField(StockCount, backref="locations", on_delete="CASCADE")
    location = ForeignKeyField(Location, on_delete="RESTRICT")

    class Meta:
        indexes = ((("count", "location"), True),)


class StockCountScan(BaseModel):
    """One scan, committed as it is made, so a count survives a crash."""

    count = ForeignKeyField(StockCount, backref="scans", on_delete="CASCADE")
    at = UTCDateTimeField()
    code = CharField()
    location = ForeignKeyField(Location, on_delete="RESTRICT")
    piece = ForeignKeyField(Piece, null=True, on_delete="RESTRICT")
    item = ForeignKeyField(Item, null=True, on_delete="RESTRICT")
    qty = IntegerField(default=1, constraints=[Check("qty > 0")])
    undone = BooleanField(default=False)

    class Meta:
        indexes = ((("count", "id"), False),)


class StockCountDifference(BaseModel):
    """A difference a finished count found, the reason given, and the ledger row it wrote."""

    count = ForeignKeyField(StockCount, backref="differences", on_delete="CASCADE")
    kind = CharField()  # missing | unexpected | quantity
    piece = ForeignKeyField(Piece, null=True, on_delete="RESTRICT")
    item = ForeignKeyField(Item, null=True, on_delete="RESTRICT")
    location = ForeignKeyField(Location, on_delete="RESTRICT")
    booked = IntegerField()
    counted = IntegerField()
    reason = CharField()
    detail = TextField(default="")
    movement_id = IntegerField(null=True)


class CountSchedule(BaseModel):
    """A cycle count: this location should be counted every so many days."""

    location = ForeignKeyField(Location, unique=True, on_delete="CASCADE")
    every_days = IntegerField(constraints=[Check("every_days > 0")])


STOCKTAKE_MODELS = [
    StockCount,
    StockCountLocation,
    StockCountScan,
    StockCountDifference,
    CountSchedule,
]
