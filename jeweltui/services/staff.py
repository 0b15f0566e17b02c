"""Who is acting: a badge resolved to the typed value the session carries."""

from __future__ import annotations

from jeweltui.rights import rights_for
from jeweltui.services.lookup import find_staff
from jeweltui.session import ActingStaff


def acting_staff(badge: str | None) -> ActingStaff:
    """The active staff member with this badge (None: the owner's), with their rights."""
    row = find_staff(badge)
    return ActingStaff(code=row.code, name=row.name, role=row.role, rights=rights_for(row.role))
