"""Sales channels (webshop, marketplace, B2B) and the rules that limit what each may offer."""

from __future__ import annotations

from peewee import BooleanField, CharField, Check, ForeignKeyField, IntegerField

from .base import BaseModel, UTCDateTimeField
from .stock import Item, Piece


class Channel(BaseModel):
    """A place the shop sells through besides the counter, e.g. code 'shopify'."""

    code = CharField(unique=True)
    name = CharField()
    # Never offer the shop's last unit of a quantity item online (it is the display one).
    hide_last_unit = BooleanField(default=False)
    # A quantity item is listed only when at least this many units can be offered.
    min_qty = IntegerField(default=0, constraints=[Check("min_qty >= 0")])
    # Only stock at sellable locations; when false, safe and back room count too.
    sellable_only = BooleanField(default=True)
    created_at = UTCDateTimeField()


class ChannelSafetyStock(BaseModel):
    """Units of an item category the shop keeps back from a channel."""

    channel = ForeignKeyField(Channel, backref="safety_stock", on_delete="CASCADE")
    category = CharField()
    qty = IntegerField(constraints=[Check("qty >= 0")])

    class Meta:
        indexes = ((("channel", "category"), True),)


class ChannelExclusion(BaseModel):
    """A piece, an item or a whole category a channel must not offer."""

    channel = ForeignKeyField(Channel, backref="exclusions", on_delete="CASCADE")
    piece = ForeignKeyField(Piece, null=True, on_delete="CASCADE")
    item = ForeignKeyField(Item, null=True, on_delete="CASCADE")
    category = CharField(default="")  # '' unless the exclusion is for a whole category
    reason = CharField(default="")

    class Meta:
        # Exactly one target. Spelled with CASE, not boolean sums, so PostgreSQL takes it too.
        constraints = [
            Check(
                "(CASE WHEN piece_id IS NOT NULL THEN 1 ELSE 0 END)"
                " + (CASE WHEN item_id IS NOT NULL THEN 1 ELSE 0 END)"
                " + (CASE WHEN category != '' THEN 1 ELSE 0 END) = 1"
            )
        ]


def channel_indexes() -> list[str]:
    """Partial indexes peewee cannot declare: one exclusion per target, open holds by expiry."""
    return [
        "CREATE UNIQUE INDEX IF NOT EXISTS channel_exclusion_piece"
        " ON channel_exclusion(channel_id, piece_id) WHERE piece_id IS NOT NULL",
        "CREATE UNIQUE INDEX IF NOT EXISTS channel_exclusion_item"
        " ON channel_exclusion(channel_id, item_id) WHERE item_id IS NOT NULL",
        "CREATE UNIQUE INDEX IF NOT EXISTS channel_exclusion_category"
        " ON channel_exclusion(channel_id, category) WHERE category != ''",
        # The sweep and the expiring-today list look for open holds by expiry.
        "CREATE INDEX IF NOT EXISTS hold_open_by_expiry ON hold(expires_at) WHERE closed_at IS NULL",
    ]
