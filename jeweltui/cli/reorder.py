"""`jeweltui reorder`: what to order from whom, from sales velocity and lead times."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit_json, pass_shop
from jeweltui.cli.types import COUNT


@click.group(invoke_without_command=True)
@click.option("--cover-days", default=28, show_default=True, help="Order enough for this long.")
@click.option("--all", "show_all", is_flag=True, help="Also items that need nothing.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def reorder(ctx: click.Context, cover_days: int, show_all: bool, as_json: bool) -> None:
    """Suggested quantities per vendor for quantity-tracked items."""
    if ctx.invoked_subcommand is not None:
        return
    from jeweltui.services.reorder import by_vendor, suggestions

    shop: Shop = ctx.obj
    shop.open()
    grouped = by_vendor(suggestions(cover_days=cover_days, only_needed=not show_all))
    if as_json:
        emit_json(grouped)
        return
    if not grouped:
        click.echo("Nothing to reorder.")
    for vendor, rows in grouped.items():
        click.echo(vendor)
        for r in rows:
            click.echo(
                f"  {r['sku']}  {r['title']}  on hand {r['on_hand']}  sold {r['sold']} in "
                f"{r['weeks']} wk  lead {r['lead_time_days']} d  point {r['reorder_point']}  "
                f"order {r['suggest']}"
            )


@reorder.command("rule")
@click.argument("sku")
@click.option("--safety", "safety_stock", type=COUNT, default=None)
@click.option("--weeks", type=COUNT, default=None, help="Sales velocity window (8–12 usual).")
@click.option("--lead-time", "lead_time_days", type=COUNT, default=None, help="Overrides vendor's.")
@pass_shop
def reorder_rule(shop: Shop, sku: str, **values) -> None:
    """Set an item's safety stock, velocity window or lead time."""
    from jeweltui.services.reorder import set_rule

    rule = set_rule(sku, staff=shop.staff(), **values)
    click.echo(
        f"{sku.upper()}: safety {rule.safety_stock}, {rule.weeks} weeks, lead {rule.lead_time_days or 'vendor'}"
    )


COMMANDS = [reorder]
