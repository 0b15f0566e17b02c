"""Stores of one shop, and the transfers of pieces between them.

A location belongs to a store (location.store_id, added by migration 14 with the shop's
first store). A transfer sends pieces into the receiving store's in-transit location,
where they cannot be sold, until that store scans the transfer paper to receive them.
"""

from __future__ import annotations

from peewee import CharField, ForeignKeyField

from .base import BaseModel, UTCDateTimeField
from .catalog import Staff, Store
from .stock import Piece

TRANSFER_STATUSES = ("in_transit", "received")


class Transfer(BaseModel):
    code = CharField(unique=True)  # "T-000001": printed as Code128 on the transfer paper
    from_store = ForeignKeyField(Store, backref="sent", on_delete="RESTRICT")
    to_store = ForeignKeyField(Store, backref="incoming", on_delete="RESTRICT")
    status = CharField(default="in_transit", index=True)
    sent_at = UTCDateTimeField()
    sent_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    received_at = UTCDateTimeField(null=True)
    received_by = ForeignKeyField(Staff, null=True, on_delete="SET NULL")


class TransferLine(BaseModel):
    transfer = ForeignKeyField(Transfer, backref="lines", on_delete="CASCADE")
    piece = ForeignKeyField(Piece, backref="transfers", on_delete="RESTRICT")
