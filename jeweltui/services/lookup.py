"""Finding things by the codes people type or scan. Each miss is an UnknownCode."""

from __future__ import annotations

from jeweltui.codes import normalise_code
from jeweltui.db import first_of
from jeweltui.errors import UnknownCode
from jeweltui.models import Customer, Location, Piece, PieceCode, Staff, Vendor

DEFAULT_STAFF_CODE = "S-OWNER"


def _piece_by_stock_no(code: str):
    return Piece.select().where(Piece.stock_no == code)


def find_piece(raw: str) -> Piece:
    """A piece by stock number, or by any extra code it carries (old tag, EAN, vendor)."""
    code = normalise_code(raw)
    piece = first_of(Piece, "piece_by_stock_no", _piece_by_stock_no, code)
    if piece is None:
        extra = PieceCode.get_or_none(PieceCode.code == code)
        piece = extra.piece if extra else None
    if piece is None:
        raise UnknownCode(f"No piece with code {code}.")
    return piece


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


def find_customer(raw: str) -> Customer:
    """A customer by code (C-00012), or by a name that matches exactly one customer."""
    text = raw.strip()
    customer = Customer.get_or_none(Customer.code == text.upper())
    if customer:
        return customer
    matches = list(Customer.select().where(Customer.name ** f"%{text}%").limit(2))
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UnknownCode(f"No customer called or coded '{text}'.")
    raise UnknownCode(f"More than one customer matches '{text}'; use the customer code.")


def find_staff(raw: str | None) -> Staff:
    code = normalise_code(raw or DEFAULT_STAFF_CODE)
    candidates = [code] if code.startswith("S-") else [code, f"S-{code}"]
    staff = Staff.get_or_none(Staff.code.in_(candidates) & Staff.active)
    if staff is None:
        raise UnknownCode(f"No active staff member with badge {code}.")
    return staff


def find_vendor(raw: str) -> Vendor:
    text = raw.strip()
    vendor = Vendor.get_or_none((Vendor.code == text.upper()) | (Vendor.name == text))
    if vendor is None:
        raise UnknownCode(f"No vendor '{text}'.")
    return vendor
