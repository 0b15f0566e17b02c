"""The shop session: which database, who is acting with which rights, the shop's settings.

Built once by `open_session()` (the TUI's `make_app()` calls it, and so do the tests) and
handed down: every screen reads `self.app.session`, never a loose attribute of the app.
Plain dataclasses, importable without Textual, so the CLI and a scan station can use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jeweltui.models import Staff


@dataclass(frozen=True)
class ActingStaff:
    """The person at the keyboard: badge code, name, role and what the role may do."""

    code: str  # the badge, "S-ANNA"
    name: str
    role: str
    rights: frozenset[str] = frozenset()

    def can(self, right: str) -> bool:
        return right in self.rights


@dataclass(frozen=True)
class ShopSettings:
    """The shop's own settings (the `setting` table); see services/settings.py."""

    shop_name: str = ""
    currency: str = "EUR"
    locale: str = "en_US"
    timezone: str = ""  # an IANA name, e.g. "Europe/Rome"; "" is the machine's zone


@dataclass
class ShopSession:
    db_path: Path
    staff: ActingStaff | None  # None: the badge given was not an active staff member
    settings: ShopSettings = field(default_factory=ShopSettings)
    staff_problem: str = ""  # why staff is None, shown once at start

    def can(self, right: str) -> bool:
        return self.staff is not None and self.staff.can(right)

    @property
    def who(self) -> str:
        return self.staff.name if self.staff else "nobody"

    def staff_row(self) -> Staff:
        """The acting person's database row, for services that record who did it.

        Read in the calling thread (a worker's own connection). Refuses when nobody
        valid is acting, so no change is ever recorded without a person.
        """
        from jeweltui.errors import UnknownCode
        from jeweltui.services.staff import find_staff

        if self.staff is None:
            raise UnknownCode(self.staff_problem or "Nobody is signed in.")
        return find_staff(self.staff.code)


def open_session(
    db_path: str | Path,
    staff: ActingStaff | str | None = None,
    settings: ShopSettings | None = None,
) -> ShopSession:
    """Open the shop database and say who is acting: a badge (None: the owner's) or an
    ActingStaff already known; settings are read from the shop unless given."""
    from jeweltui.db import open_database
    from jeweltui.errors import JewelError
    from jeweltui.services.settings import shop_settings
    from jeweltui.services.staff import acting_staff

    path = Path(db_path)
    open_database(path)
    problem = ""
    if not isinstance(staff, ActingStaff):
        try:
            staff = acting_staff(staff)
        except JewelError as error:
            staff, problem = None, error.message
    return ShopSession(path, staff, settings or shop_settings(), problem)
