"""The one source of 'now'. Tests replace it; JEWELTUI_NOW sets it for test subprocesses.

JEWELTUI_NOW is honoured only together with the test flag JEWELTUI_TEST_CLOCK=1, so a
stray variable in a real shop's environment can never backdate the ledger.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime

TEST_FLAG = "JEWELTUI_TEST_CLOCK"


def _system_now() -> datetime:
    fixed = os.environ.get("JEWELTUI_NOW")
    if fixed and os.environ.get(TEST_FLAG) == "1":
        return datetime.fromisoformat(fixed).astimezone(UTC)
    return datetime.now(UTC)


_now: Callable[[], datetime] = _system_now


def now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return _now()


def set_clock(source: Callable[[], datetime] | None) -> None:
    """Use another time source (a test's frozen clock); None restores the system clock."""
    global _now
    _now = source or _system_now


def local(moment: datetime) -> datetime:
    """A stored UTC time in the machine's local zone, for display."""
    return moment.astimezone()


def format_local(moment: datetime) -> str:
    """'Fri 12 Dec 18:00': how the shop reads a time on screen and on paper."""
    return local(moment).strftime("%a %d %b %H:%M")
