"""PINs are kept only as scrypt hashes (stdlib hashlib.scrypt), each with its own salt."""

from __future__ import annotations

import hashlib
import hmac
import os

from jeweltui.errors import InvalidInput

# scrypt at 16 MiB of memory: ~50 ms per try here, so guessing at the counter is slow.
# A 4–8 digit PIN cannot resist someone who holds the file itself: the OS guards that.
N, R, P = 2**14, 8, 1


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
