"""Orders that come back from channels, oversell incidents, and returns at the counter."""

from __future__ import annotations

from peewee import CharField, ForeignKeyField, IntegerField, TextField

from .base import BaseModel, UTCDateTimeField
from .catalog import Location, Staff
from .stock import Piece
from .trade import Hold, Sale, SaleLine

# What an order asks of its pieces, whatever the channel calls its status.
ORDER_INTENTS = ("paid", "pending", "cancelled")
# Why a piece a channel sold was not ours to sell any more.
INCIDENT_CAUSES = (
    "sold_in_store_after_export",
    "hold_not_published",
    "stale_feed",
    "duplicate_listing",
    "other",
)


class ChannelOrder(BaseModel):
    """One channel order as last seen: the import compares against it to stay idempotent."""

    channel = CharField()
    external_id = CharField()  # '#1001' on Shopify, the order number on WooCommerce
    raw_status = CharField(default="")  # what the channel said: 'paid', 'processing', …
    intent = CharField()  # paid | pending | cancelled
    content_hash = CharField()  # of the order as the file told it; equal = nothing to do
    buyer = CharField(default="")
    ordered_at = UTCDateTimeField(null=True)
    first_seen_at = UTCDateTimeField()
    changed_at = UTCDateTimeField()

    class Meta:
        indexes = ((("channel", "external_id"), True),)


class ChannelOrderLine(BaseModel):
    """A line of an order and what the import did with it."""

    order = ForeignKeyField(ChannelOrder, backref="lines", on_delete="CASCADE")
    position = IntegerField()
    sku = CharField(default="")
    title = CharField(default="")
    quantity = IntegerField(default=1)
    price_cents = IntegerField(default=0)
    piece = ForeignKeyField(Piece, null=True, on_delete="RESTRICT")
    hold = ForeignKeyField(Hold, null=True, on_delete="SET NULL")
    sale = ForeignKeyField(Sale, null=True, on_delete="SET NULL")
    # none | sold | reserved | released | incident | unmatched
    state = CharField(default="none")

    class Meta:
        indexes = ((("order", "position"), True),)


class Incident(BaseModel):
    """A piece a channel sold that we could not give: one per (order, piece), with its cause."""

    piece = ForeignKeyField(Piece, backref="incidents", on_delete="RESTRICT")
    channel = CharField()
    order = ForeignKeyField(ChannelOrder, null=True, backref="incidents", on_delete="SET NULL")
    order_ref = CharField(default="")
    detected_at = UTCDateTimeField(index=True)
    cause = CharField()
    explanation = TextField(default="")
    resolved_at = UTCDateTimeField(null=True)
    resolved_by = ForeignKeyField(Staff, null=True, on_delete="RESTRICT")
    resolution = TextField(default="")

    class Meta:
        indexes = ((("order", "piece"), True),)


class SaleReturn(BaseModel):
    """A sold piece brought back: its sale line ends, the piece goes to a chosen location."""

    sale_line = ForeignKeyField(SaleLine, backref="returns", on_delete="RESTRICT")
    piece = ForeignKeyField(Piece, backref="returns", on_delete="RESTRICT")
    at = UTCDateTimeField()
    staff = ForeignKeyField(Staff, null=True, on_delete="RESTRICT")
    location = ForeignKeyField(Location, on_delete="RESTRICT")
    reason = TextField()
    refund_cents = IntegerField(default=0)


ORDER_MODELS = [ChannelOrder, ChannelOrderLine, Incident, SaleReturn]
