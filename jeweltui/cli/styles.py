"""`jeweltui style add|list|show|edit`: one record per design, and its variants."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit, emit_json, json_option, pass_shop


@click.group()
def style() -> None:
    """Designs and their variants (pieces and quantity items in each metal and size)."""


def style_fields(*, adding: bool):
    """The options style add and style edit share."""
    options = [
        click.option("--title", required=adding, default=None, help='e.g. "Twisted stacking ring"'),
        click.option("--category", default=None, help="ring, earrings, pendant, …"),
        click.option("--description", default=None),
        click.option("--metal", default=None, help="Default metal, e.g. 'yellow gold'."),
        click.option("--karat", default=None, help="Default karat: 14, 14K, 18ct, 585 …"),
        click.option("--colour", default=None),
        click.option("--vendor", default=None, help="Vendor code or name."),
        click.option("--vendor-style", default=None, help="The vendor's style number."),
        click.option("--attributes", default=None, help="setting=prong, finish=polished"),
        click.option("--channel-title", default=None, help="Title shops online show."),
        click.option("--channel-description", default=None),
    ]

    def decorate(command):
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


@style.command("add")
@click.argument("code")
@style_fields(adding=True)
@json_option
@pass_shop
def style_add(shop: Shop, code: str, as_json: bool, **fields) -> None:
    """Add a style: jeweltui style add RNG-TWS --title "Twisted stacking ring" --category ring"""
    from jeweltui.services.styles import create_style, style_record

    staff = shop.staff()
    made = create_style(
        {"code": code, **{k: v for k, v in fields.items() if v is not None}}, staff=staff
    )
    if as_json:
        emit_json(style_record(made))
    else:
        click.echo(f"{made.code}  {made.title}")


@style.command("list")
@json_option
@pass_shop
def style_list(shop: Shop, as_json: bool) -> None:
    """Every style, with how many pieces it has."""
    from jeweltui.services.styles import list_styles

    shop.open()
    emit(list_styles(), ["code", "title", "category", "vendor_style", "pieces"], as_json)


@style.command("show")
@click.argument("code")
@json_option
@pass_shop
def style_show(shop: Shop, code: str, as_json: bool) -> None:
    """A style and every piece of it: where each is and whether it can be sold."""
    from jeweltui.money import format_money
    from jeweltui.services.styles import find_style, style_record

    shop.open()
    record = style_record(find_style(code))
    if as_json:
        emit_json(record)
        return
    click.echo(f"{record['code']}  {record['title']}  ({record['category']})")
    if record["vendor_style"]:
        click.echo(f"  Vendor style: {record['vendor']} {record['vendor_style']}".rstrip())
    rows = [
        {
            "stock_no": p["stock_no"],
            "variant": p["variant"],
            "location": p["location"],
            "sellable": "yes" if p["sellable"] else f"no: {p['why_not']}",
            "price": format_money(p["retail_cents"]),
        }
        for p in record["pieces"]
    ]
    click.echo(f"  {len(rows)} piece(s):")
    emit(rows, ["stock_no", "variant", "location", "price", "sellable"], False)
    for item in record["items"]:
        click.echo(f"  Item {item['sku']}  {item['title']}  on hand {item['on_hand']}")


@style.command("edit")
@click.argument("code")
@style_fields(adding=False)
@pass_shop
def style_edit(shop: Shop, code: str, **changes) -> None:
    """Change a style's text, defaults or vendor; its pieces keep their own values."""
    from jeweltui.services.styles import edit_style, find_style

    staff = shop.staff()
    given = {k: v for k, v in changes.items() if v is not None}
    if not given:
        raise click.UsageError("Say what to change, e.g. --title 'Twisted band'")
    edited = edit_style(find_style(code), given, staff=staff)
    click.echo(f"{edited.code} updated.")


COMMANDS = [style]
