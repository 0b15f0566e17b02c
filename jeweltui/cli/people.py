"""`jeweltui location …` and `jeweltui customer …`."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit, emit_json, json_option, pass_shop


@click.group()
def location() -> None:
    """Cases, safe, bench, vendors: where pieces can be."""


@location.command("add")
@click.argument("code")
@click.option("--name", required=True)
@click.option(
    "--kind",
    default="case",
    help="case, safe, backroom, bench, vendor, transit, consignment, warehouse",
)
@click.option(
    "--sellable/--not-sellable", default=None, help="Default: cases and consignment sell."
)
@pass_shop
def location_add(shop: Shop, code: str, name: str, kind: str, sellable) -> None:
    """Add a location, e.g. jeweltui location add L-CASE-D --name "Case D"."""
    from jeweltui.services.locations import create_location

    staff = shop.staff()
    made = create_location(
        {"code": code, "name": name, "kind": kind, "sellable": sellable}, staff=staff
    )
    click.echo(f"{made.code}  {made.name}  ({made.kind}{', sellable' if made.sellable else ''})")


@location.command("list")
@json_option
@pass_shop
def location_list(shop: Shop, as_json: bool) -> None:
    """Every location with how many pieces are in stock there."""
    from jeweltui.services.locations import location_counts

    shop.open()
    emit(location_counts(), ["code", "name", "kind", "sellable", "pieces"], as_json)


@click.group()
def customer() -> None:
    """Customers: contacts, holds and purchases."""


@customer.command("add")
@click.option("--name", required=True)
@click.option("--phone", default="")
@click.option("--email", default="")
@click.option("--notes", default="")
@pass_shop
def customer_add(shop: Shop, **fields) -> None:
    """Add a customer; prints the new customer code."""
    from jeweltui.services.customers import create_customer

    staff = shop.staff()
    made = create_customer(fields, staff=staff)
    click.echo(f"{made.code}  {made.name}")


@customer.command("list")
@click.option("--text", default="", help="Part of a name, phone or e-mail.")
@json_option
@pass_shop
def customer_list(shop: Shop, text: str, as_json: bool) -> None:
    """Customers, by name."""
    from jeweltui.services.customers import customer_rows

    shop.open()
    emit(customer_rows(text), ["code", "name", "phone", "email"], as_json)


@customer.command("show")
@click.argument("who")
@json_option
@pass_shop
def customer_show(shop: Shop, who: str, as_json: bool) -> None:
    """One customer: purchases, open holds, work orders and appraisals."""
    from jeweltui.services.customers import customer_story

    shop.open()
    story = customer_story(who)
    if as_json:
        emit_json(story)
        return
    click.echo(f"{story['code']}  {story['name']}  {story['phone']}  {story['email']}")
    if story["notes"]:
        click.echo(f"  {story['notes']}")
    click.echo("Purchases:" if story["purchases"] else "No purchases yet.")
    for line in story["purchases"]:
        click.echo(
            f"  {line['date']}  sale #{line['sale']}  {line['stock_no']}  {line['title']}  {line['price']}"
        )
    for hold in story["holds"]:
        click.echo(f"  On hold: {hold['stock_no']} until {hold['until']}")
    click.echo("Work orders:" if story["work_orders"] else "No work orders.")
    for job in story["work_orders"]:
        flags = " ".join(w for w, on in (("RUSH", job["rush"]), ("OVERDUE", job["overdue"])) if on)
        promised = f"promised {job['promised']}" if job["promised"] else ""
        of = "" if job["item_no"] == "1 of 1" else job["item_no"]  # "1 of 2" for a bag
        parts = [job["code"], of, job["kind"], job["status"], promised, flags, job["item"]]
        click.echo("  " + "  ".join(filter(None, parts)))
    click.echo("Appraisals:" if story["appraisals"] else "No appraisals.")
    for appraisal in story["appraisals"]:
        click.echo(f"  {appraisal['date']}  {appraisal['work_order']}  {appraisal['value']}")


COMMANDS = [location, customer]
