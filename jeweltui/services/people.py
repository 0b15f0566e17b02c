"""Locations, customers, vendors and staff: the records the stock book refers to."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from jeweltui import bounds, clock
from jeweltui.codes import normalise_code
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput
from jeweltui.models import LOCATION_KINDS, STAFF_ROLES, Customer, Location, Staff, Vendor
from jeweltui.services import ledger
from jeweltui.services.sequences import claim_code, take_next
from jeweltui.text import strip_controls

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Kinds where goods can be sold from the shelf by default.
SELLABLE_BY_DEFAULT = ("case", "consignment")


def _required(raw: Mapping[str, Any], name: str, label: str) -> str:
    value = strip_controls(str(raw.get(name) or "")).strip()
    if not value:
        raise InvalidInput(f"{label} is required.", field=name)
    return value


def clean_location_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    code = normalise_code(_required(raw, "code", "A location code"))
    if not code.startswith("L-"):
        code = f"L-{code}"
    kind = str(raw.get("kind") or "case").strip().lower()
    if kind not in LOCATION_KINDS:
        raise InvalidInput(
            f"Unknown kind '{kind}'; one of: {', '.join(LOCATION_KINDS)}.", field="kind"
        )
    sellable = raw.get("sellable")
    return {
        "code": code,
        "name": _required(raw, "name", "A location name"),
        "kind": kind,
        "sellable": kind in SELLABLE_BY_DEFAULT if sellable is None else bool(sellable),
    }


def create_location(raw: Mapping[str, Any], *, staff: Staff | None) -> Location:
    values = clean_location_fields(raw)
    with write_transaction():
        if Location.select().where(Location.code == values["code"]).exists():
            raise InvalidInput(f"Location {values['code']} exists already.", field="code")
        location = Location.create(**values)
        ledger.record("location_add", staff=staff, after=values, ref=("location", location.id))
    return location


def clean_contact_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    email = str(raw.get("email") or "").strip()
    if email and not EMAIL.match(email):
        raise InvalidInput(f"'{email}' is not an e-mail address.", field="email")
    return {
        "name": _required(raw, "name", "A name"),
        "phone": strip_controls(str(raw.get("phone") or "")).strip(),
        "email": email,
    }


def _code(raw: Mapping[str, Any], counter: str, prefix: str, digits: int) -> str:
    """The code given (which then uses up its number), or the counter's next one."""
    given = str(raw.get("code") or "").strip().upper()
    if not given:
        return f"{prefix}-{take_next(counter):0{digits}d}"
    claim_code(counter, given, prefix)
    return given


def create_customer(raw: Mapping[str, Any], *, staff: Staff | None) -> Customer:
    values = clean_contact_fields(raw)
    values["notes"] = strip_controls(str(raw.get("notes") or ""), keep_lines=True).strip()
    with write_transaction():
        code = _code(raw, "customer", "C", 5)
        if Customer.select().where(Customer.code == code).exists():
            raise InvalidInput(f"Customer {code} exists already.", field="code")
        customer = Customer.create(code=code, created_at=clock.now(), **values)
        ledger.record(
            "customer_add", staff=staff, after={"code": code}, ref=("customer", customer.id)
        )
    return customer


def create_vendor(raw: Mapping[str, Any], *, staff: Staff | None) -> Vendor:
    values = clean_contact_fields(raw)
    values["contact"] = strip_controls(str(raw.get("contact") or "")).strip()
    values["terms"] = strip_controls(str(raw.get("terms") or "")).strip()
    for name in ("lead_time_days", "memo_days"):
        if raw.get(name) not in (None, ""):
            values[name] = bounds.whole_number(
                raw[name], label=name.replace("_", " "), field=name, high=36_500
            )
    with write_transaction():
        code = _code(raw, "vendor", "V", 3)
        if Vendor.select().where(Vendor.code == code).exists():
            raise InvalidInput(f"Vendor {code} exists already.", field="code")
        vendor = Vendor.create(code=code, **values)
        ledger.record("vendor_add", staff=staff, after={"code": code}, ref=("vendor", vendor.id))
    return vendor


OLD_ROLE_NAMES = {"staff": "sales", "clerk": "sales"}  # 'staff' was the sales role's first name


def create_staff(code: str, name: str, role: str = "sales", *, staff: Staff | None) -> Staff:
    badge = normalise_code(code)
    if not badge.startswith("S-"):
        badge = f"S-{badge}"
    role = OLD_ROLE_NAMES.get(role.strip().lower(), role.strip().lower())
    if role not in STAFF_ROLES:
        raise InvalidInput(
            f"Unknown role '{role}'; one of: {', '.join(STAFF_ROLES)}.", field="role"
        )
    with write_transaction():
        member = Staff.create(code=badge, name=strip_controls(name).strip(), role=role)
        ledger.record("staff_add", staff=staff, after={"code": badge, "role": role})
    return member


def ensure_owner() -> Staff:
    """A new shop starts with its owner's badge, S-OWNER, so every ledger row has a 'who'."""
    owner = Staff.get_or_none(Staff.code == "S-OWNER")
    return owner or create_staff("S-OWNER", "Owner", "owner", staff=None)
