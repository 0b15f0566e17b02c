"""`jeweltui staff …`: badges, roles and PINs. Changing staff is the owner's right."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit, json_option, pass_shop

ROLE_CHOICE = click.Choice(["owner", "manager", "sales"])


def _new_pin(given: str | None) -> str | None:
    """--pin with a value, or asked twice without echo when given as a bare flag."""
    if given is None:
        return None
    if given:
        return given
    return click.prompt("New PIN (4–8 digits)", hide_input=True, confirmation_prompt=True)


@click.group()
def staff() -> None:
    """Staff badges, roles (owner, manager, sales) and PINs."""


@staff.command("add")
@click.argument("badge")
@click.option("--name", required=True)
@click.option("--role", type=ROLE_CHOICE, default="sales", show_default=True)
@click.option("--pin", default=None, help="4–8 digits (asked without echo when left out).")
@pass_shop
def staff_add(shop: Shop, badge: str, name: str, role: str, pin: str | None) -> None:
    """Add a staff member with their badge (S-…) and PIN."""
    from jeweltui.services.staff import add_staff

    acting = shop.staff()
    if pin is None:
        pin = _new_pin("")
    member = add_staff(badge, name, role, pin, staff=acting)
    click.echo(f"{member.code}  {member.name}  {member.role}")


@staff.command("list")
@json_option
@pass_shop
def staff_list(shop: Shop, as_json: bool) -> None:
    """Every staff member: badge, role, whether a PIN is set, locked badges."""
    from jeweltui.services.staff import staff_rows

    shop.open()
    emit(staff_rows(), ["badge", "name", "role", "active", "pin", "locked"], as_json)


@staff.command("edit")
@click.argument("badge")
@click.option("--name", default=None)
@click.option("--role", type=ROLE_CHOICE, default=None)
@click.option(
    "--pin", is_flag=False, flag_value="", default=None, help="A new PIN (asked when bare)."
)
@click.option("--reason", default="")
@pass_shop
def staff_edit(shop: Shop, badge: str, name, role, pin, reason: str) -> None:
    """Change a member's name, role or PIN (a new PIN also unlocks the badge)."""
    from jeweltui.services.staff import edit_staff

    acting = shop.staff()
    member = edit_staff(badge, name=name, role=role, pin=_new_pin(pin), staff=acting, reason=reason)
    click.echo(f"{member.code}  {member.name}  {member.role}")


@staff.command("disable")
@click.argument("badge")
@click.option("--reason", default="left the shop")
@pass_shop
def staff_disable(shop: Shop, badge: str, reason: str) -> None:
    """A member may no longer act or sign in; their history stays."""
    from jeweltui.services.staff import edit_staff

    member = edit_staff(badge, active=False, staff=shop.staff(), reason=reason)
    click.echo(f"{member.code} is disabled.")


COMMANDS = [staff]
