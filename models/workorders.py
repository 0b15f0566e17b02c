"""Work orders: repairs, resizes, custom work, appraisals and cleaning, with their history.

One item per job: a customer's bag of three rings is three work orders of one ticket
("1 of 3"). A job is either on a stock piece (piece set) or on a customer's own item,
described in the cautious words of the intake counter (the customer_item fields).
"""

from __future__ import annotations

from peewee import BooleanField, CharField, Check, ForeignKeyField, IntegerField, TextField

from .base import BaseModel, UTCDateTimeField
from .catalog import Customer, Location, Staff, Vendor
from .stock import Piece

WORK_KINDS = ("repair", "resize", "custom", "appraisal", "cleaning")
WORK_STATUSES = (
    "received",
    "estimate_needed",
    "awaiting_approval",
    "at_bench",
    "at_vendor",
    "quality_check",
    "ready",
    "picked_up",
    "done",
    "on_hold",
    "cancelled",
)
# A job in one of these is over: its piece (if any) is back in stock.
CLOSED_STATUSES = ("picked_up", "done", "cancelled")


class WorkOrder(BaseModel):
    code = CharField(unique=True)  # "WO-000042": what the envelope barcode carries
    kind = CharField()
    ticket_no = IntegerField(index=True)  # the customer's claim ticket: one per bag
    item_no = IntegerField(default=1)  # "1 of 3"
    items_in_ticket = IntegerField(default=1)
    piece = ForeignKeyField(Piece, null=True, backref="work_orders", on_delete="RESTRICT")
    # The customer's own item, as described at the counter.
    item_description = TextField(default="")
    metal = CharField(default="")  # "yellow metal" unless certain
    purity = CharField(default="")  # "14K stamped", "stamp illegible"
    weight_mg = IntegerField(null=True, constraints=[Check("weight_mg >= 0")])
    stone_count = IntegerField(null=True, constraints=[Check("stone_count >= 0")])
    stone_shape = CharField(default="")
    stone_colour = CharField(default="")
    condition_notes = TextField(default="")
    declared_value_cents = IntegerField(null=True, constraints=[Check("declared_value_cents >= 0")])
    photos = TextField(default="[]")  # JSON list of file paths
    customer = ForeignKeyField(Customer, null=True, backref="work_orders", on_delete="RESTRICT")
    contact_phone = CharField(default="")
    contact_email = CharField(default="")
    job = TextField(default="")
    estimate_cents = IntegerField(null=True, constraints=[Check("estimate_cents >= 0")])
    final_cents = IntegerField(null=True, constraints=[Check("final_cents >= 0")])
    deposit_cents = IntegerField(default=0, constraints=[Check("deposit_cents >= 0")])
    currency = CharField(default="EUR")
    intake_at = UTCDateTimeField()
    promised_at = UTCDateTimeField(null=True, index=True)
    rush = BooleanField(default=False)
    assignee = ForeignKeyField(Staff, null=True, on_delete="RESTRICT", backref="bench_jobs")
    vendor = ForeignKeyField(Vendor, null=True, on_delete="RESTRICT", backref="work_orders")
    bench_location = ForeignKeyField(Location, null=True, on_delete="RESTRICT")
    status = CharField(default="received", index=True)
    status_since = UTCDateTimeField()
    return_location = ForeignKeyField(
        Location, null=True, on_delete="RESTRICT", backref="returned_work"
    )
    created_by = ForeignKeyField(Staff, null=True, on_delete="RESTRICT")


class WorkOrderEvent(BaseModel):
    """One step of a job's timeline: from which status to which, who, when and why."""

    work_order = ForeignKeyField(WorkOrder, backref="events", on_delete="CASCADE")
    at = UTCDateTimeField()
    staff = ForeignKeyField(Staff, null=True, on_delete="RESTRICT")
    from_status = CharField(default="")
    to_status = CharField()
    reason = TextField(default="")

    class Meta:
        indexes = ((("work_order", "id"), False),)


class Appraisal(BaseModel):
    work_order = ForeignKeyField(WorkOrder, backref="appraisals", on_delete="CASCADE")
    appraised_value_cents = IntegerField(constraints=[Check("appraised_value_cents >= 0")])
    currency = CharField(default="EUR")
    appraised_at = UTCDateTimeField()
    metal_description = TextField(default="")
    stone_description = TextField(default="")
    appraiser = ForeignKeyField(Staff, on_delete="RESTRICT")


def workorder_indexes() -> list[str]:
    """A stock piece can be in one open job at a time: the database itself refuses a second."""
    closed = ", ".join(f"'{s}'" for s in CLOSED_STATUSES)
    return [
        "CREATE UNIQUE INDEX IF NOT EXISTS work_order_one_open_per_piece"
        f" ON work_order(piece_id) WHERE piece_id IS NOT NULL AND status NOT IN ({closed})",
    ]
