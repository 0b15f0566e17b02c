"""Badges and PINs: a PIN is kept only as a scrypt hash; 5 wrong tries lock the badge."""

from __future__ import annotations

import hashlib
import hmac
import os
from datetime import timedelta

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, JewelError
from jeweltui.models import Staff
from jeweltui.services import ledger
from jeweltui.services.staff import find_staff

MAX_TRIES = 5
LOCK_MINUTES = 15
# scrypt at 16 MiB of memory: ~50 ms per try here, so guessing at the counter is slow.
# A 4–8 digit PIN cannot resist someone who holds the file itself: the OS guards that.
N, R, P = 2**14, 8, 1


class WrongPin(JewelError):
    """A PIN that does not match, or a badge locked after too many wrong ones."""

    exit_code = 6


def check_pin_shape(pin: str) -> str:
    pin = pin.strip()
    if not (pin.isdigit() and pin.isascii() and 4 <= len(pin) <= 8):
        raise InvalidInput("A PIN is 4 to 8 digits.", field="pin")
    return pin


def hash_pin(pin: str) -> str:
    pin = check_pin_shape(pin)
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=N, r=R, p=P, dklen=32)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


def pin_matches(stored: str, pin: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        tried = hashlib.scrypt(
            pin.strip().encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except ValueError:
        return False
    return hmac.compare_digest(tried.hex(), digest)


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
