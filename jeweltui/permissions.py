"""Who may do what: the one table of rights, and approval by a manager's badge and PIN.

A sales clerk who tries something outside their role gets NeedsApproval ("needs a
manager"). A manager or the owner approves it there and then with badge and PIN; the
ledger rows written while that approval stands name both people (movement.staff and
movement.approved_by).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum
from typing import TYPE_CHECKING

from jeweltui.errors import JewelError

if TYPE_CHECKING:  # the CLI imports this module on every run: no peewee here
    from jeweltui.models import Staff


class Right(StrEnum):
    SEE_COST = "see cost"
    CHANGE_PRICE = "change a price"
    BIG_DISCOUNT = "give a discount over the shop's limit"
    CANCEL_SALE = "cancel a sale"
    RETIRE = "retire a piece"
    RECEIVE = "receive goods"
    BACKUP_RESTORE = "back up or restore the shop"
    SETTINGS_STAFF = "change settings and staff"


# The one table. A right missing from a role needs someone whose role has it.
RIGHTS: dict[str, frozenset[Right]] = {
    "owner": frozenset(Right),
    "manager": frozenset(Right) - {Right.SETTINGS_STAFF},
    "sales": frozenset(),
}


def rights_of(member: Staff | None) -> frozenset[Right]:
    """What a staff member may do; an inactive member may do nothing."""
    if member is None or not member.active:
        return frozenset()
    return RIGHTS.get(member.role, frozenset())


def can(member: Staff | None, right: Right) -> bool:
    return right in rights_of(member)


def who_can(right: Right) -> str:
    """'a manager' or 'the owner': the words a refusal uses."""
    return "a manager" if right in RIGHTS["manager"] else "the owner"


class NeedsApproval(JewelError):
    """The acting member lacks a right; someone who has it can approve with badge and PIN."""

    exit_code = 6

    def __init__(self, member: Staff | None, right: Right) -> None:
        name = member.code if member is not None else "nobody"
        super().__init__(
            f"{name} ({_role_words(member)}) may not {right} alone: it needs "
            f"{who_can(right)}'s badge and PIN.",
            field="approval",
        )
        self.right = right
        self.member = member


def _role_words(member: Staff | None) -> str:
    return getattr(member, "role", "") or "not signed in"


_approver: ContextVar[Staff | None] = ContextVar("jeweltui_approver", default=None)


@contextmanager
def approved_by(approver: Staff) -> Iterator[Staff]:
    """Within this block, rights the approver has count; the ledger names the approver.

    Only code that has checked the approver's PIN (jeweltui.services.signin) enters it.
    """
    token = _approver.set(approver)
    try:
        yield approver
    finally:
        _approver.reset(token)


def current_approver() -> Staff | None:
    return _approver.get()


def require(member: Staff | None, right: Right) -> Staff | None:
    """Pass when the member has the right, or an approval standing now grants it.

    Returns the approver whose right was used (None when the member's own right sufficed).
    """
    if can(member, right):
        return None
    approver = _approver.get()
    if approver is not None and can(approver, right):
        return approver
    raise NeedsApproval(member, right)
