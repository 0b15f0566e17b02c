"""Badges and PINs at the command line: approving an override, acting as a stronger member.

The PIN is read from the terminal without echo. With no one to type it (cron, a script
with stdin closed) the command is refused with the reason: nothing runs unapproved.
"""

from __future__ import annotations

import sys

import click

from jeweltui.errors import JewelError


def read_pin(prompt: str) -> str:
    try:
        # No echo on a terminal; a pipe (a test, a script that means it) is read as it is.
        return click.prompt(prompt, hide_input=sys.stdin.isatty(), err=True)
    except click.Abort:
        raise JewelError("No PIN was given, so nothing was done.") from None


def ask_for_approval(needed) -> object:
    """A member who has the right, checked by badge and PIN; refused without one."""
    from jeweltui.permissions import can, who_can
    from jeweltui.services.signin import verify_pin

    click.echo(f"{needed.message}", err=True)
    try:
        badge = click.prompt(f"Badge of {who_can(needed.right)}", err=True)
    except click.Abort:
        raise JewelError(
            f"Nothing was done: to {needed.right} needs {who_can(needed.right)}'s badge and "
            "PIN, and no one approved it."
        ) from None
    approver = verify_pin(badge, read_pin("PIN"))
    if not can(approver, needed.right):
        raise JewelError(f"{approver.code} may not {needed.right} either; nothing was done.")
    return approver


def confirm_stronger_member(member, default) -> None:
    """Acting as someone with more rights than the default member needs their PIN."""
    from jeweltui.permissions import rights_of
    from jeweltui.services.signin import verify_pin

    if rights_of(member) - rights_of(default):
        verify_pin(member.code, read_pin(f"PIN for {member.code}"))
