"""Styles (one record per design), serialized pieces, their stones and extra codes, and
quantity-tracked basics."""

from __future__ import annotations

from peewee import CharField, Check, ForeignKeyField, IntegerField, TextField

from .base import BaseModel, UTCDateTimeField
from .catalog import Location, Vendor

PIECE_STATUSES = ("in_stock", "sold", "retired")
OWNERSHIPS = ("owned", "memo_in", "consignment_in")


class Style(BaseModel):
    """One design: its variants are pieces (and quantity items) in a metal, karat, colour, size.

    Pieces keep their own values; the style gives defaults to new variants and the text
    a channel shows for the whole design.
    """

    code = CharField(unique=True)  # the SKU core, e.g. "RNG-TWS"
    title = CharField()
    category = CharField(default="other")
    description = TextField(default="")
    metal = CharField(default="")
    karat = IntegerField(null=True)
    colour = CharField(default="")
    attributes = TextField(default="{}")  # JSON: {"setting": "prong", "finish": "polished"}
    vendor = ForeignKeyField(Vendor, null=True, backref="styles", on_delete="RESTRICT")
    vendor_style = CharField(default="", index=True)
    channel_title = CharField(default="")
    channel_description = TextField(default="")
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()


class Piece(BaseModel):
    """A one-of-one: its stock number is never reused, even after it is retired."""

    stock_no = CharField(unique=True)
    sku = CharField(index=True)  # style core + variant, e.g. "RNG-SOL-14Y-65"
    category = CharField(index=True)
    title = CharField()
    description = TextField(default="")
    metal = CharField(default="")
    karat = IntegerField(null=True)  # 9, 10, 14, 18, 22, 24; None for silver/platinum
    colour = CharField(default="")
    ring_size = CharField(default="")
    metal_mg = IntegerField(null=True)
    cost_cents = IntegerField(default=0, constraints=[Check("cost_cents >= 0")])
    retail_cents = IntegerField(default=0, constraints=[Check("retail_cents >= 0")])
    currency = CharField(default="EUR")
    vendor = ForeignKeyField(Vendor, null=True, backref="pieces", on_delete="RESTRICT")
    vendor_style = CharField(default="")
    ownership = CharField(default="owned")
    location = ForeignKeyField(Location, backref="pieces", on_delete="RESTRICT")
    status = CharField(default="in_stock", index=True)
    image_path = CharField(default="")
    created_at = UTCDateTimeField()
    updated_at = UTCDateTimeField()
    # Added by migration 8 (styles); null until a piece is grouped or given a style.
    style = ForeignKeyField(Style, null=True, backref="pieces", on_delete="RESTRICT")

    class Meta:
        indexes = ((("location", "status"), False),)


class PieceCode(BaseModel):
    """Extra codes that scan to a piece: old tags, UPC/EAN, vendor barcodes."""

    code = CharField(unique=True)
    piece = ForeignKeyField(Piece, backref="codes", on_delete="CASCADE")
    kind = CharField(default="other")  # ean | upc | vendor | legacy | other


class Stone(BaseModel):
    piece = ForeignKeyField(Piece, backref="stones", on_delete="CASCADE")
    position = IntegerField(default=1)
    type = CharField()  # diamond, sapphire, ...
    shape = CharField(default="")
    carat_points = IntegerField(default=0)  # 1/100 ct: 50 = 0.50 ct
    count = IntegerField(default=1)
    colour = CharField(default="")
    clarity = CharField(default="")
    cert_no = CharField(default="")


class Item(BaseModel):
    """A quantity-tracked basic: chains by length, studs, findings."""

    sku = CharField(unique=True)
    title = CharField()
    category = CharField(index=True)
    metal = CharField(default="")
    karat = IntegerField(null=True)
    cost_cents = IntegerField(default=0)
    retail_cents = IntegerField(default=0)
    currency = CharField(default="EUR")
    vendor = ForeignKeyField(Vendor, null=True, backref="items", on_delete="RESTRICT")
    reorder_point = IntegerField(default=0)
    created_at = UTCDateTimeField()
    style = ForeignKeyField(Style, null=True, backref="items", on_delete="RESTRICT")  # v8


class StockLevel(BaseModel):
    item = ForeignKeyField(Item, backref="levels", on_delete="CASCADE")
    location = ForeignKeyField(Location, backref="levels", on_delete="RESTRICT")
    qty = IntegerField(default=0, constraints=[Check("qty >= 0")])  # never negative

    class Meta:
        indexes = ((("item", "location"), True),)
