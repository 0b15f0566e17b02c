"""Numbers that are never given out twice: stock numbers, job numbers, customer codes."""

from __future__ import annotations

from typing import Any

from peewee import fn

from jeweltui.models import Sequence


def take_next(name: str) -> int:
    """The next value of a named counter. Call inside a write transaction.

    A counter, not max(id)+1: a retired or deleted piece's number stays used.
    """
    Sequence.insert(name=name, next_value=1).on_conflict_ignore().execute()
    row = Sequence.get_by_id(name)
    value = row.next_value
    Sequence.update(next_value=value + 1).where(Sequence.name == name).execute()
    return value


def move_past(name: str, used: int) -> None:
    """Make sure a counter never hands out `used` (or anything below it) again."""
    Sequence.insert(name=name, next_value=used + 1).on_conflict(
        conflict_target=[Sequence.name],
        update={Sequence.next_value: fn.MAX(Sequence.next_value, used + 1)},
    ).execute()


def given_code_or_next(given: Any, counter: str, prefix: str, digits: int) -> str:
    """The code given (which then uses up its number), or the counter's next one."""
    code = str(given or "").strip().upper()
    if not code:
        return f"{prefix}-{take_next(counter):0{digits}d}"
    claim_code(counter, code, prefix)
    return code


def claim_code(name: str, code: str, prefix: str) -> None:
    """A code typed or loaded by hand ('C-00012') uses up its number in the counter too,
    so the next generated code never collides with it."""
    head, _, digits = code.partition("-")
    if head == prefix and digits.isdigit() and len(digits) < 19:
        move_past(name, int(digits))
