"""`jeweltui orders import` and `jeweltui incidents list|resolve`: channel orders coming back."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit, emit_json, json_option, pass_shop
from jeweltui.cli.types import RECORD_ID

INCIDENT_COLUMNS = [
    "id",
    "detected",
    "stock_no",
    "channel",
    "order",
    "cause_words",
    "state",
    "time_to_fix",
]


@click.group()
def orders() -> None:
    """Orders from the webshop and other channels."""


@orders.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--channel",
    type=click.Choice(["shopify", "woocommerce"]),
    required=True,
    help="shopify: the admin's orders CSV export; woocommerce: REST API v3 orders JSON.",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@json_option
@pass_shop
def orders_import(shop: Shop, file: str, channel: str, dry_run: bool, as_json: bool) -> None:
    """Apply a channel's orders: paid sells, pending reserves (72 h), cancelled releases.

    Importing the same file again changes nothing. An order for a piece that is no
    longer ours to sell becomes an oversell incident with its cause.
    """
    from jeweltui.channels.orders import import_orders

    staff = shop.staff()
    report = import_orders(file, channel=channel, staff=staff, dry_run=dry_run)
    if as_json:
        emit_json(report.as_dict())
        return
    head = "Dry run, nothing changed: " if dry_run else ""
    click.echo(
        f"{head}{report.orders} orders: {report.new} new, {report.changed} changed, "
        f"{report.unchanged} unchanged."
    )
    for label, codes in (
        ("Sold", report.sold),
        ("Reserved", report.reserved),
        ("Released", report.released),
        ("Not matched", report.unmatched),
    ):
        if codes:
            click.echo(f"{label}: {', '.join(codes)}")
    for incident in report.incidents:
        click.echo(
            f"INCIDENT #{incident['id']} {incident['stock_no']} in order {incident['order']}: "
            f"{incident['explanation']}"
        )


@click.group()
def incidents() -> None:
    """Oversell incidents: pieces a channel sold that were not ours to sell."""


@incidents.command("list")
@click.option("--open", "open_only", is_flag=True, help="Only those not resolved yet.")
@json_option
@pass_shop
def incidents_list(shop: Shop, open_only: bool, as_json: bool) -> None:
    """Incidents, newest first, with their cause and the time it took to fix them."""
    from jeweltui.services.incidents import incident_rows

    shop.open()
    rows = incident_rows(open_only)
    if as_json:
        emit_json(rows)
        return
    emit(rows, INCIDENT_COLUMNS, False)
    for row in rows:
        click.echo(f"#{row['id']}: {row['explanation']}")


@incidents.command("resolve")
@click.argument("incident_id", type=RECORD_ID)
@click.option("--note", required=True, help="What was done: customer called, refunded, …")
@pass_shop
def incidents_resolve(shop: Shop, incident_id: int, note: str) -> None:
    """Mark an incident resolved with what was done about it."""
    from jeweltui.services.incidents import resolve_incident, time_to_fix

    staff = shop.staff()
    incident = resolve_incident(incident_id, staff=staff, note=note)
    click.echo(f"Incident #{incident.id} resolved after {time_to_fix(incident)}.")


COMMANDS = [orders, incidents]
