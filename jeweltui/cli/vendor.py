"""`jeweltui vendor add|list|show|mapping`."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit, emit_json, json_option, pass_shop
from jeweltui.cli.types import COUNT


@click.group()
def vendor() -> None:
    """Vendors: contact, terms, lead time, memo terms, what they supplied."""


@vendor.command("add")
@click.option("--name", required=True)
@click.option("--code", default="", help="Default: the next V-001, V-002…")
@click.option("--contact", default="")
@click.option("--email", default="")
@click.option("--phone", default="")
@click.option("--terms", default="", help='Payment terms in words, e.g. "net 30".')
@click.option("--lead-time", "lead_time_days", default=None, type=COUNT, help="Days to deliver.")
@click.option(
    "--memo-days", "memo_days", default=None, type=COUNT, help="Days goods may stay on memo."
)
@pass_shop
def vendor_add(shop: Shop, **fields) -> None:
    """Add a vendor; prints its code."""
    from jeweltui.services.vendors import create_vendor

    staff = shop.staff()
    made = create_vendor(fields, staff=staff)
    click.echo(f"{made.code}  {made.name}  lead {made.lead_time_days} d, memo {made.memo_days} d")


@vendor.command("list")
@json_option
@pass_shop
def vendor_list(shop: Shop, as_json: bool) -> None:
    """Every vendor with how many pieces they supplied."""
    from jeweltui.services.vendors import vendor_rows

    shop.open()
    columns = ["code", "name", "terms", "lead_time_days", "memo_days", "pieces"]
    emit(vendor_rows(), columns, as_json)


@vendor.command("show")
@click.argument("code")
@json_option
@pass_shop
def vendor_show(shop: Shop, code: str, as_json: bool) -> None:
    """One vendor: contact, terms, pieces supplied, cost history."""
    from jeweltui.services.vendors import vendor_story

    staff = shop.staff()
    story = vendor_story(code, with_cost=staff.sees_cost)
    if as_json:
        emit_json(story)
        return
    click.echo(f"{story['code']}  {story['name']}  {story['contact']}  {story['email']}")
    click.echo(
        f"  terms: {story['terms'] or '-'}  lead time {story['lead_time_days']} d  "
        f"memo {story['memo_days']} d  mappings: {', '.join(story['mappings']) or '-'}"
    )
    click.echo(f"Supplied {len(story['supplied'])} piece(s):")
    for row in story["supplied"]:
        click.echo(
            f"  {row['stock_no']}  {row['title']}  {row['vendor_style']}  "
            f"{row['ownership']}  {row['status']}  {row.get('cost', '')}".rstrip()
        )


@vendor.command("mapping")
@click.argument("code")
@click.argument("pairs", nargs=-1)
@click.option("--name", default="default", show_default=True, help="Several layouts per vendor.")
@json_option
@pass_shop
def vendor_mapping(shop: Shop, code: str, pairs: tuple[str, ...], name: str, as_json: bool) -> None:
    """Save which column of this vendor's files holds which field: cost="Net EUR" style=Art.Nr

    With no FIELD=COLUMN pairs, shows the saved mapping.
    """
    from jeweltui.errors import InvalidInput
    from jeweltui.services.vendors import find_vendor, load_mapping, save_mapping

    staff = shop.staff()
    if pairs:
        mapping = {}
        for pair in pairs:
            field, sep, column = pair.partition("=")
            if not sep:
                raise InvalidInput(f"'{pair}' is not FIELD=COLUMN.", field="mapping")
            mapping[field.strip()] = column
        save_mapping(code, mapping, name=name, staff=staff)
    saved = load_mapping(find_vendor(code), name)
    if as_json:
        emit_json(saved)
        return
    for field, column in sorted(saved.items()):
        click.echo(f"{field} = {column}")


COMMANDS = [vendor]
