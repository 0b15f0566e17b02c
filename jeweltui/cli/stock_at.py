"""`jeweltui stock --at DATE`: what was where on a past date, rebuilt from the ledger."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit, json_option, pass_shop


@click.command("stock")
@click.option(
    "--at", "at_text", required=True, help="2026-05-03T15:00, or a day (at closing time)."
)
@click.option("--location", default=None, help="Only this location, e.g. L-CASE-A.")
@click.option("--all", "include_gone", is_flag=True, help="Also sold and retired pieces.")
@json_option
@pass_shop
def stock(shop: Shop, at_text: str, location: str | None, include_gone: bool, as_json) -> None:
    """The pieces in stock at a past moment, and where each one was."""
    from jeweltui.services.history_at import parse_moment, stock_rows
    from jeweltui.services.locations import find_location

    moment = parse_moment(at_text)
    shop.open()
    place = find_location(location) if location else None
    rows = stock_rows(moment, location=place, include_gone=include_gone)
    emit(rows, ["stock_no", "title", "location", "status"], as_json)
    if not as_json:
        click.echo(f"{len(rows)} pieces at {at_text}.")


COMMANDS = [stock]
