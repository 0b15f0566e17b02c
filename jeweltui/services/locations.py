"""Locations: finding one by code, adding one, and how many pieces each holds."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from peewee import JOIN, fn

from jeweltui.codes import normalise_code
from jeweltui.db import first_of, write_transaction
from jeweltui.errors import InvalidInput, UnknownCode
from jeweltui.models import (
    LOCATION_KINDS,
    Location,
    Piece,
    Staff,
)
from jeweltui.services import ledger
from jeweltui.services.contacts import required

# Kinds where goods can be sold from the shelf by default.
SELLABLE_BY_DEFAULT = ("case", "consignment")


def find_location(raw: str) -> Location:
    """A location by its code; the 'L-' prefix may be left off when typing."""
    code = normalise_code(raw)
    candidates = [code] if code.startswith("L-") else [code, f"L-{code}"]
    location = first_of(
        Location,
        f"location_by_code_{len(candidates)}",
        lambda *c: Location.select().where(Location.code.in_(c)),
        *candidates,
    )
    if location is None:
        raise UnknownCode(f"No location with code {code}.")
    return location


def clean_location_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    code = normalise_code(required(raw, "code", "A location code"))
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
        "name": required(raw, "name", "A location name"),
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


def location_counts() -> list[dict[str, Any]]:
    """Every location and how many pieces are in stock there."""
    in_stock = fn.SUM(Piece.status == "in_stock")
    rows = (
        Location.select(Location, fn.COALESCE(in_stock, 0).alias("pieces"))
        .join(Piece, JOIN.LEFT_OUTER)
        .group_by(Location.id)
        .order_by(Location.code)
    )
    return [
        {
            "code": loc.code,
            "name": loc.name,
            "kind": loc.kind,
            "sellable": loc.sellable,
            "pieces": loc.pieces,
        }
        for loc in rows
    ]


def location_choices() -> list[tuple[str, str]]:
    """(label, code) pairs for a location picker: active locations by code."""
    rows = Location.select(Location.code, Location.name).where(Location.active)
    return [(f"{loc.code}  {loc.name}", loc.code) for loc in rows.order_by(Location.code)]
