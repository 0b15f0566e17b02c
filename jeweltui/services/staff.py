"""Staff badges: finding an active member, adding one, and the owner every shop starts with."""

from __future__ import annotations

from jeweltui.codes import normalise_code
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, UnknownCode
from jeweltui.models import (
    STAFF_ROLES,
    Staff,
)
from jeweltui.rights import rights_for
from jeweltui.services import ledger
from jeweltui.session import ActingStaff, ShopSession
from jeweltui.text import clean_line

DEFAULT_STAFF_CODE = "S-OWNER"


def find_staff(raw: str | None) -> Staff:
    code = normalise_code(raw or DEFAULT_STAFF_CODE)
    candidates = [code] if code.startswith("S-") else [code, f"S-{code}"]
    staff = Staff.get_or_none(Staff.code.in_(candidates) & Staff.active)
    if staff is None:
        raise UnknownCode(f"No active staff member with badge {code}.")
    return staff


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
        member = Staff.create(code=badge, name=clean_line(name), role=role)
        ledger.record("staff_add", staff=staff, after={"code": badge, "role": role})
    return member


def ensure_owner() -> Staff:
    """A new shop starts with its owner's badge, S-OWNER, so every ledger row has a 'who'."""
    owner = Staff.get_or_none(Staff.code == "S-OWNER")
    return owner or create_staff("S-OWNER", "Owner", "owner", staff=None)


def acting_staff(badge: str | None) -> ActingStaff:
    """The active staff member with this badge (None: the owner's), as the typed value the
    session carries, with their role's rights."""
    row = find_staff(badge)
    return ActingStaff(code=row.code, name=row.name, role=row.role, rights=rights_for(row.role))


def staff_row(session: ShopSession) -> Staff:
    """The acting person's row, for a service that records who did it; read in the calling
    thread (a worker's own connection). Refuses when nobody valid is acting, so no change
    is ever recorded without a person."""
    if session.staff is None:
        raise UnknownCode(session.staff_problem or "Nobody is signed in.")
    return find_staff(session.staff.code)
