"""Quantity stock beyond counts: sale lines, holds and returns of items, and photos.

A quantity item's units are fungible, so a sale line says how many, from where; a hold
keeps a number of units at one location aside; a return says how many came back.
"""

from __future__ import annotations

from peewee import CharField, Check, ForeignKeyField, IntegerField, TextField

from .base import BaseModel, UTCDateTimeField
from .catalog import Customer, Location, Staff
from .stock import Item, Piece, Style
from .trade import Sale


class ItemSaleLine(BaseModel):
    sale = ForeignKeyField(Sale, backref="item_lines", on_delete="CASCADE")
    item = ForeignKeyField(Item, backref="sale_lines", on_delete="RESTRICT")
    location = ForeignKeyField(Location, on_delete="RESTRICT")  # where the units came from
    qty = IntegerField(constraints=[Check("qty > 0")])
    unit_price_cents = IntegerField(constraints=[Check("unit_price_cents >= 0")])
    returned_qty = IntegerField(default=0, constraints=[Check("returned_qty >= 0")])


class ItemHold(BaseModel):
    """Units set aside for a customer; they block while closed_at IS NULL and not expired."""

    item = ForeignKeyField(Item, backref="holds", on_delete="CASCADE")
    location = ForeignKeyField(Location, on_delete="RESTRICT")
    qty = IntegerField(constraints=[Check("qty > 0")])
    customer = ForeignKeyField(Customer, null=True, on_delete="RESTRICT")
    reason = CharField(default="")
    placed_by = ForeignKeyField(Staff, null=True, on_delete="RESTRICT")
    placed_at = UTCDateTimeField()
    expires_at = UTCDateTimeField(index=True)
    closed_at = UTCDateTimeField(null=True)
    closed_reason = CharField(default="")


class ItemReturn(BaseModel):
    sale_line = ForeignKeyField(ItemSaleLine, backref="returns", on_delete="RESTRICT")
    qty = IntegerField(constraints=[Check("qty > 0")])
    at = UTCDateTimeField()
    staff = ForeignKeyField(Staff, null=True, on_delete="RESTRICT")
    location = ForeignKeyField(Location, on_delete="RESTRICT")
    reason = TextField()
    refund_cents = IntegerField(default=0)


class Photo(BaseModel):
    """A photo in the shop's media folder; position 1 is the main photo."""

    piece = ForeignKeyField(Piece, null=True, backref="photos", on_delete="CASCADE")
    style = ForeignKeyField(Style, null=True, backref="photos", on_delete="CASCADE")
    position = IntegerField(default=1)
    file_name = CharField(unique=True)  # inside the media folder
    original_name = CharField(default="")
    added_at = UTCDateTimeField()


QUANTITY_MODELS = [ItemSaleLine, ItemHold, ItemReturn, Photo]


def quantity_indexes() -> list[str]:
    return [
        "CREATE INDEX IF NOT EXISTS item_hold_open ON item_hold(item_id, location_id)"
        " WHERE closed_at IS NULL",
        "CREATE INDEX IF NOT EXISTS photo_by_piece ON photo(piece_id, position)",
    ]
