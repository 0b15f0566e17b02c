"""Opening the shop session: the database, who is acting, the shop's settings."""

from __future__ import annotations

from pathlib import Path

from jeweltui.db import open_database
from jeweltui.errors import JewelError
from jeweltui.services.settings import shop_settings
from jeweltui.services.staff import acting_staff
from jeweltui.session import ActingStaff, ShopSession, ShopSettings


def open_session(
    db_path: str | Path,
    staff: ActingStaff | str | None = None,
    settings: ShopSettings | None = None,
) -> ShopSession:
    """Open the shop database and say who is acting: a badge (None: the owner's) or an
    ActingStaff already known; settings are read from the shop unless given. A badge that
    names no active staff member leaves nobody acting, and says why in staff_problem."""
    path = Path(db_path)
    open_database(path)
    problem = ""
    if not isinstance(staff, ActingStaff):
        try:
            staff = acting_staff(staff)
        except JewelError as error:
            staff, problem = None, error.message
    return ShopSession(path, staff, settings or shop_settings(), problem)
