"""`jeweltui item …`: quantity stock (chains by length, studs, findings), end to end."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit, emit_json, json_option, pass_shop


@click.group()
def item() -> None:
    """Quantity items: add, list, show, edit, receive, adjust, hold, release, return."""


def item_fields(*, adding: bool):
    options = [
        click.option("--title", required=adding, default=None, help='"Box chain 40cm, silver"'),
        click.option("--category", default=None, help="chain, studs, findings, …"),
        click.option("--metal", default=None),
        click.option("--karat", default=None, help="14, 14K, 18ct or 585."),
        click.option("--cost", default=None, help="Unit cost, e.g. 6.40."),
        click.option("--retail", default=None, help="Unit price, e.g. 29.00."),
        click.option("--vendor", default=None, help="Vendor code or name."),
        click.option("--reorder-point", type=int, default=None, help="Reorder at this many."),
        click.option("--style", default=None, help="The design it belongs to."),
    ]

    def decorate(command):
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


@item.command("add")
@click.argument("sku")
@item_fields(adding=True)
@json_option
@pass_shop
def item_add(shop: Shop, sku: str, as_json: bool, **fields) -> None:
    """Add a quantity item: jeweltui item add CHN-BOX-SS-40 --title "Box chain 40cm" …"""
    from jeweltui.services.items import create_item
    from jeweltui.services.quantity import item_record

    staff = shop.staff()
    made = create_item(
        {"sku": sku, **{k: v for k, v in fields.items() if v is not None}}, staff=staff
    )
    if as_json:
        emit_json(item_record(made))
    else:
        click.echo(f"{made.sku}  {made.title}")


@item.command("list")
@json_option
@pass_shop
def item_list(shop: Shop, as_json: bool) -> None:
    """Every quantity item with its units on hand and on hold."""
    from jeweltui.services.quantity import list_items

    shop.open()
    emit(list_items(), ["sku", "title", "on_hand", "held", "price"], as_json)


@item.command("show")
@click.argument("sku")
@json_option
@pass_shop
def item_show(shop: Shop, sku: str, as_json: bool) -> None:
    """One item: where its units are, how many are free, its price and style."""
    from jeweltui.services.items import find_item
    from jeweltui.services.quantity import item_record

    staff = shop.staff()
    record = item_record(find_item(sku), with_cost=staff.sees_cost)
    if as_json:
        emit_json(record)
        return
    click.echo(f"{record['sku']}  {record['title']}")
    style = f"  ·  style {record['style']}" if record["style"] else ""
    click.echo(f"  {record['category']}{style}  ·  {record['price']} each")
    click.echo(f"  On hand {record['on_hand']}, on hold {record['held']}")
    for level in record["levels"]:
        held = f" ({level['held']} on hold)" if level["held"] else ""
        click.echo(f"  {level['location']:<14} {level['qty']:>5}{held}")


@item.command("edit")
@click.argument("sku")
@item_fields(adding=False)
@pass_shop
def item_edit(shop: Shop, sku: str, **changes) -> None:
    """Change an item's title, prices, vendor, reorder point or style."""
    from jeweltui.services.items import edit_item, find_item

    staff = shop.staff()
    given = {k: v for k, v in changes.items() if v is not None}
    if not given:
        raise click.UsageError("Say what to change, e.g. --retail 32.00")
    edited = edit_item(find_item(sku), given, staff=staff)
    click.echo(f"{edited.sku} updated.")


@item.command("receive")
@click.argument("sku")
@click.argument("qty")
@click.option("--at", "location", required=True, help="Where the units go, e.g. L-WAREHOUSE.")
@click.option("--reason", default="received")
@pass_shop
def item_receive(shop: Shop, sku: str, qty: str, location: str, reason: str) -> None:
    """Receive N units at a location: jeweltui item receive CHN-BOX-SS-40 10 --at L-WAREHOUSE"""
    from jeweltui.services.quantity import receive_quantity

    staff = shop.staff()
    level = receive_quantity(sku, qty, location, staff=staff, reason=reason)
    click.echo(f"{level.item.sku}: {level.qty} at {level.location.code}.")


@item.command("adjust")
@click.argument("sku")
@click.option("--at", "location", required=True, help="The location counted.")
@click.option("--by", "delta", type=int, default=None, help="Add (or with -N take) units.")
@click.option("--count", type=int, default=None, help="Set the count to what is there.")
@click.option("--reason", required=True, help="damaged, found, counted, …")
@pass_shop
def item_adjust(shop: Shop, sku, location, delta, count, reason) -> None:
    """Correct a count, with a reason: --by -2 --reason damaged, or --count 7 --reason counted."""
    from jeweltui.services.quantity import adjust_units

    if (delta is None) == (count is None):
        raise click.UsageError("Give one of --by N or --count N.")
    staff = shop.staff()
    level = adjust_units(sku, location, by=delta, count=count, staff=staff, reason=reason)
    click.echo(f"{level.item.sku}: {level.qty} at {level.location.code}.")


@item.command("hold")
@click.argument("sku")
@click.argument("qty")
@click.option("--at", "location", required=True)
@click.option("--customer", default=None, help="Customer code or name.")
@click.option("--days", type=int, default=7)
@click.option("--reason", default="")
@pass_shop
def item_hold(shop: Shop, sku, qty, location, customer, days, reason) -> None:
    """Set N units aside at a location; they are not sold or moved until released."""
    from jeweltui.services.customers import find_customer
    from jeweltui.services.quantity import hold_units

    staff = shop.staff()
    buyer = find_customer(customer) if customer else None
    hold = hold_units(
        sku, qty, location=location, staff=staff, customer=buyer, days=days, reason=reason
    )
    click.echo(f"Item hold #{hold.id}: {hold.qty} of {hold.item.sku} at {hold.location.code}.")


@item.command("release")
@click.argument("hold_id", type=int)
@click.option("--reason", default="released")
@pass_shop
def item_release(shop: Shop, hold_id: int, reason: str) -> None:
    """End an item hold: its units are free again."""
    from jeweltui.services.quantity import release_units

    staff = shop.staff()
    hold = release_units(hold_id, staff=staff, reason=reason)
    click.echo(f"Item hold #{hold.id} released.")


@item.command("return")
@click.argument("sku")
@click.argument("qty")
@click.option("--to", "location", required=True, help="Where the units go back.")
@click.option("--reason", required=True)
@click.option("--sale", "sale_id", type=int, default=None, help="The sale they came from.")
@click.option("--refund", default=None, help="Refund; default what was paid.")
@pass_shop
def item_return(shop: Shop, sku, qty, location, reason, sale_id, refund) -> None:
    """Units come back from a sale into stock."""
    from jeweltui.money import format_money, parse_money
    from jeweltui.services.quantity import return_units

    staff = shop.staff()
    made = return_units(
        sku,
        qty,
        location=location,
        staff=staff,
        reason=reason,
        sale_id=sale_id,
        refund_cents=parse_money(refund, field="refund") if refund else None,
    )
    units = sum(r.qty for r in made)
    refund_total = format_money(sum(r.refund_cents for r in made))
    click.echo(f"{units} of {sku.upper()} back at {location.upper()}; refund {refund_total}.")


COMMANDS = [item]
