"""`jeweltui import stocklist|shopify FILE [--dry-run]`: bring an existing shop's stock in."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit_json, pass_shop


@click.group("import")
def import_group() -> None:
    """Import stock from the previous system or from Shopify; each row imported or reported."""


def _report(report, as_json: bool) -> None:
    if as_json:
        emit_json(report.as_dict())
        return
    verb = "Would create" if report.dry_run else "Created"
    for made in report.created:
        extra = f"  ({made.note})" if made.note else ""
        click.echo(f"  line {made.line}: {made.stock_no}  {made.title}{extra}")
    for note in report.notes:
        click.echo(f"  line {note.line}: note: {note.reason}")
    for skipped in report.skipped:
        click.echo(f"  line {skipped.line}: skipped: {skipped.reason}")
    click.echo(f"{verb} {len(report.created)} piece(s); skipped {len(report.skipped)} row(s).")
    if report.dry_run:
        click.echo("Dry run: nothing was written.")


@import_group.command("stocklist")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--location", default="", help="For rows without a location column.")
@click.option("--dry-run", is_flag=True, help="Show what would be created; write nothing.")
@click.option("--json", "as_json", is_flag=True)
@pass_shop
def import_stocklist(shop: Shop, file, location, dry_run, as_json) -> None:
    """The previous system's stock list: old stock numbers and barcodes keep scanning."""
    from jeweltui.imports.stocklist import import_stocklist as run

    _report(run(file, staff=shop.staff(), location=location, dry_run=dry_run), as_json)


@import_group.command("shopify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--location", required=True, help="Where the imported pieces are.")
@click.option("--currency", default="EUR", show_default=True, help="The store's currency.")
@click.option("--dry-run", is_flag=True, help="Show what would be created; write nothing.")
@click.option("--json", "as_json", is_flag=True)
@pass_shop
def import_shopify(shop: Shop, file, location, currency, dry_run, as_json) -> None:
    """A Shopify product export (current template, or the legacy Handle/Body (HTML) one).

    One piece per stocked variant (quantity 1), its SKU kept as a scan code; running it
    again creates nothing new.
    """
    from jeweltui.imports.shopify_products import import_shopify_products as run

    report = run(file, staff=shop.staff(), location=location, currency=currency, dry_run=dry_run)
    _report(report, as_json)


COMMANDS = [import_group]
