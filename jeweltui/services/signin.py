"""Badges and PINs: a PIN is kept only as a scrypt hash; 5 wrong tries lock the badge."""

from __future__ import annotations

from datetime import timedelta

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import JewelError
from jeweltui.models import Staff
from jeweltui.pins import pin_matches
from jeweltui.services import ledger
from jeweltui.services.staff import find_staff

MAX_TRIES = 5
LOCK_MINUTES = 15


class WrongPin(JewelError):
    """A PIN that does not match, or a badge locked after too many wrong ones."""

    exit_code = 6


def verify_pin(badge: str, pin: str) -> Staff:
    """The member whose badge and PIN these are; a wrong PIN counts towards the lock."""
    member = find_staff(badge)
    now = clock.now()
    if member.locked_until is not None and member.locked_until > now:
        raise WrongPin(
            f"Badge {member.code} is locked after {MAX_TRIES} wrong PINs until "
            f"{clock.format_local(member.locked_until)}."
        )
    if not member.pin_hash:
        raise WrongPin(
            f"{member.code} has no PIN yet; the owner sets one with "
            f"'jeweltui staff edit {member.code} --pin'."
        )
    if pin_matches(member.pin_hash, pin):
        if member.failed_tries or member.locked_until:
            _record_tries(member, 0, None)
        return member
    tries = member.failed_tries + 1
    if tries >= MAX_TRIES:
        until = now + timedelta(minutes=LOCK_MINUTES)
        _record_tries(member, 0, until)
        raise WrongPin(
            f"Wrong PIN for {member.code}. After {MAX_TRIES} wrong tries the badge is locked "
            f"for {LOCK_MINUTES} minutes."
        )
    _record_tries(member, tries, None)
    raise WrongPin(f"Wrong PIN for {member.code} ({MAX_TRIES - tries} tries left).")


def _record_tries(member: Staff, tries: int, locked_until) -> None:
    with write_transaction():
        Staff.update(failed_tries=tries, locked_until=locked_until).where(
            Staff.id == member.id
        ).execute()
        if locked_until is not None:
            ledger.record(
                "badge_locked",
                staff=member,
                reason=f"{MAX_TRIES} wrong PINs",
                ref=("staff", member.id),
                after={"locked_until": locked_until.isoformat()},
            )
    member.failed_tries, member.locked_until = tries, locked_until
