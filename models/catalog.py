"""Where things are and who they come from: locations, vendors, customers, staff."""

from __future__ import annotations

from peewee import BooleanField, CharField, IntegerField, TextField

from .base import BaseModel, UTCDateTimeField

LOCATION_KINDS = (
    "case",
    "safe",
    "backroom",
    "bench",
    "vendor",
    "transit",
    "consignment",
    "warehouse",
)
STAFF_ROLES = ("owner", "manager", "sales")


class Location(BaseModel):
    code = CharField(unique=True)  # "L-CASE-A": the code printed on the shelf label
    name = CharField()
    kind = CharField()
    sellable = BooleanField(default=False)
    active = BooleanField(default=True)


class Vendor(BaseModel):
    code = CharField(unique=True)
    name = CharField()
    contact = CharField(default="")
    email = CharField(default="")
    phone = CharField(default="")
    terms = CharField(default="")
    lead_time_days = IntegerField(default=14)
    memo_days = IntegerField(default=30)


class Customer(BaseModel):
    code = CharField(unique=True)  # "C-00012"
    name = CharField(index=True)
    phone = CharField(default="")
    email = CharField(default="")
    notes = TextField(default="")
    created_at = UTCDateTimeField()


class Staff(BaseModel):
    code = CharField(unique=True)  # "S-ANNA": the badge barcode
    name = CharField()
    role = CharField(default="sales")
    active = BooleanField(default=True)
    pin_hash = CharField(default="")  # scrypt, with its salt and costs; '' = no PIN yet
    failed_tries = IntegerField(default=0)  # wrong PINs in a row
    locked_until = UTCDateTimeField(null=True)  # after too many wrong PINs

    @property
    def sees_cost(self) -> bool:
        from jeweltui.rights import SEE_COST, rights_for

        return SEE_COST in rights_for(self.role)
