"""Claims on pieces and what happened to them: holds, sales, the ledger, sequences."""

from __future__ import annotations

from peewee import BooleanField, CharField, ForeignKeyField, IntegerField, TextField

from .base import BaseModel, UTCDateTimeField
from .catalog import Customer, Staff
from .stock import Piece


class Hold(BaseModel):
    """A customer's hold or a channel's reservation.

    It blocks while closed_at IS NULL AND expires_at > now: expiry needs no sweep.
    """

    piece = ForeignKeyField(Piece, backref="holds", on_delete="CASCADE")
    kind = CharField(default="hold")  # hold | reservation
    customer = ForeignKeyField(Customer, null=True, backref="holds", on_delete="RESTRICT")
    channel = CharField(default="")
    reason = CharField(default="")
    placed_by = ForeignKeyField(Staff, null=True, on_delete="RESTRICT")
    placed_at = UTCDateTimeField()
    expires_at = UTCDateTimeField(index=True)
    closed_at = UTCDateTimeField(null=True)
    closed_reason = CharField(default="")  # released | expired | sold


class Sale(BaseModel):
    at = UTCDateTimeField(index=True)
    customer = ForeignKeyField(Customer, null=True, backref="sales", on_delete="RESTRICT")
    channel = CharField(default="store")
    staff = ForeignKeyField(Staff, null=True, on_delete="RESTRICT")
    payment_method = CharField(default="")
    external_ref = CharField(default="")  # a channel's order number
    note = TextField(default="")
    cancelled_at = UTCDateTimeField(null=True)


class SaleLine(BaseModel):
    sale = ForeignKeyField(Sale, backref="lines", on_delete="CASCADE")
    piece = ForeignKeyField(Piece, backref="sale_lines", on_delete="RESTRICT")
    price_cents = IntegerField()
    # Only one active line per piece: the database itself refuses a second sale.
    active = BooleanField(default=True)


class Sequence(BaseModel):
    """Counters that only go up: stock numbers and job numbers are never reused."""

    name = CharField(primary_key=True)
    next_value = IntegerField(default=1)


class Movement(BaseModel):
    """The append-only ledger: one row for every change of state."""

    at = UTCDateTimeField(index=True)
    staff = ForeignKeyField(Staff, null=True, on_delete="RESTRICT")
    action = CharField()  # create | edit | move | sell | cancel_sale | hold | release | retire
    piece = ForeignKeyField(Piece, null=True, backref="movements", on_delete="RESTRICT")
    ref_table = CharField(default="")
    ref_id = IntegerField(null=True)
    reason = CharField(default="")
    note = TextField(default="")
    before = TextField(default="{}")  # JSON
    after = TextField(default="{}")  # JSON
    # Who approved it with badge and PIN, when the acting member lacked the right.
    approved_by = ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")

    class Meta:
        indexes = ((("piece", "id"), False),)


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = TextField()


class SchemaVersion(BaseModel):
    version = IntegerField()
    applied_at = UTCDateTimeField()


def partial_indexes() -> list[str]:
    """Indexes peewee cannot declare: partial unique and partial lookup indexes."""
    return [
        "CREATE UNIQUE INDEX IF NOT EXISTS sale_line_one_active_per_piece"
        " ON sale_line(piece_id) WHERE active = 1",
        "CREATE INDEX IF NOT EXISTS hold_open_by_piece ON hold(piece_id) WHERE closed_at IS NULL",
    ]
