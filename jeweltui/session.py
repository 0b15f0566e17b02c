"""The shop session: which database, who is acting with which rights, the shop's settings.

Built once by `services.session.open_session()` (the TUI's `make_app()` calls it, and so
do the tests) and handed down: every screen reads `self.app.session`, never a loose
attribute of the app. Plain values that import nothing else of the shop (the services
import them), usable without Textual by the CLI and a scan station. A service that records
who did something gets the person's row with `services.staff.staff_row(session)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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
