"""`jeweltui piece …` and `jeweltui move`: the daily stock commands."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit, emit_json, json_option, pass_shop
from jeweltui.cli.types import COUNT, RECORD_ID
from jeweltui.money import format_money, parse_money


@click.group()
def piece() -> None:
    """Add, find, show, edit, move, sell and retire pieces."""


@piece.command("add")
@click.option("--title", required=True, help='e.g. "Solitaire ring 0.50ct"')
@click.option("--sku", required=True, help="Style core + variant, e.g. RNG-SOL-14Y-65.")
@click.option("--category", required=True, help="ring, engagement_ring, earrings, …")
@click.option("--location", "location_code", required=True, help="Where it goes, e.g. L-CASE-A.")
@click.option("--price", default="0", help='Retail price, e.g. "1,299.00".')
@click.option("--cost", default="0", help="Cost price.")
@click.option("--metal", default="")
@click.option("--karat", default=None)
@click.option("--colour", default="")
@click.option("--ring-size", default="")
@click.option("--metal-mg", default=None, help="Metal weight in milligrams.")
@click.option("--vendor", default=None, help="Vendor code or name.")
@click.option("--description", default="")
@click.option("--code", "extra_codes", multiple=True, help="Extra scan code (EAN, old tag).")
@json_option
@pass_shop
def piece_add(
    shop: Shop, location_code: str, price: str, cost: str, vendor, extra_codes, as_json, **fields
) -> None:
    """Add a new piece; prints its stock number."""
    from jeweltui.services.pieces import create_piece, piece_record

    staff = shop.staff()
    fields.update(retail_cents=price, cost_cents=cost)
    created = create_piece(
        fields,
        location=location_code,
        staff=staff,
        vendor=vendor,
        extra_codes=[(code, "other") for code in extra_codes],
    )
    if as_json:
        emit_json(piece_record(created))
    else:
        click.echo(f"{created.stock_no}  {created.title}  {format_money(created.retail_cents)}")


@piece.command("list")
@click.option("--text", default="", help="Search stock number, SKU, title, vendor, codes.")
@click.option("--category", default="")
@click.option("--metal", default="")
@click.option("--location", default="")
@click.option("--status", type=click.Choice(["", "in_stock", "sold", "retired"]), default="")
@click.option(
    "--available", "available_only", is_flag=True, help="Only pieces that can be sold now."
)
@click.option("--limit", type=COUNT, default=None, help="At most this many (default: all).")
@json_option
@pass_shop
def piece_list(shop: Shop, limit: int | None, as_json: bool, **filters) -> None:
    """List pieces (every match unless --limit)."""
    from jeweltui.services.pieces import PieceFilter, list_pieces

    shop.open()
    rows = [
        {
            "stock_no": p.stock_no,
            "sku": p.sku,
            "category": p.category,
            "title": p.title,
            "location": p.location.code,
            "status": p.status,
            "retail_cents": p.retail_cents,
            "price": format_money(p.retail_cents, p.currency),
        }
        for p in list_pieces(PieceFilter(**filters), limit=limit)
    ]
    if as_json:
        for row in rows:
            del row["price"]
    emit(rows, ["stock_no", "sku", "title", "location", "status", "price"], as_json)


@piece.command("show")
@click.argument("code")
@click.option("--at", "at_text", default=None, help="As it was then: 2026-05-03T15:00.")
@json_option
@pass_shop
def piece_show(shop: Shop, code: str, at_text: str | None, as_json: bool) -> None:
    """Everything about one piece, and why it is not available when it is not."""
    from jeweltui.services.pieces import find_piece, piece_record

    staff = shop.staff()
    if at_text:
        _show_piece_at(find_piece(code), at_text, as_json, with_cost=staff.sees_cost)
        return
    record = piece_record(find_piece(code), with_cost=staff.sees_cost)
    if as_json:
        emit_json(record)
        return
    click.echo(f"{record['stock_no']}  {record['title']}")
    click.echo(f"  {record['state']}")
    click.echo(f"  SKU {record['sku']}  ·  {record['category']}  ·  {record['location']}")
    metal = " ".join(
        x for x in (f"{record['karat']}K" if record["karat"] else "", record["metal"]) if x
    )
    if metal:
        click.echo(
            f"  Metal: {metal}"
            + (f", {record['metal_mg'] / 1000:g} g" if record["metal_mg"] else "")
        )
    if record["ring_size"]:
        click.echo(f"  Ring size: {record['ring_size']}")
    for stone in record["stones"]:
        click.echo(
            f"  Stone: {stone['count']}× {stone['type']} {stone['shape']} {stone['carat_points'] / 100:.2f} ct".rstrip()
        )
    click.echo(f"  Retail: {format_money(record['retail_cents'], record['currency'])}")
    if "cost_cents" in record:
        click.echo(f"  Cost: {format_money(record['cost_cents'], record['currency'])}")
    if record["codes"]:
        click.echo(f"  Other codes: {', '.join(record['codes'])}")


def _show_piece_at(found, at_text: str, as_json: bool, *, with_cost: bool) -> None:
    from datetime import datetime

    from jeweltui import clock
    from jeweltui.services.history_at import parse_moment, piece_at

    record = piece_at(found, parse_moment(at_text)).record()
    if not with_cost:
        record.pop("cost_cents")
    if as_json:
        emit_json(record)
        return
    if not record["existed"]:
        click.echo(f"{found.stock_no} was not in the stock book yet at {at_text}.")
        return
    click.echo(f"{record['stock_no']}  {record['title']}  at {at_text}")
    click.echo(f"  Where: {record['location']} ({record['location_name']})")
    click.echo(f"  Status: {record['status'].replace('_', ' ')}")
    click.echo(f"  Retail: {format_money(record['retail_cents'], record['currency'])}")
    if "cost_cents" in record:
        click.echo(f"  Cost: {format_money(record['cost_cents'], record['currency'])}")
    for hold in record["holds"]:
        who = hold["customer"] or f"the {hold['channel']} channel"
        until = clock.format_local(datetime.fromisoformat(hold["until"]))
        click.echo(f"  {hold['kind'].capitalize()} for {who} until {until}")
    if not record["holds"]:
        click.echo("  No holds.")


@piece.command("edit")
@click.argument("code")
@click.option("--title")
@click.option("--sku")
@click.option("--category")
@click.option("--price", "retail_cents")
@click.option("--cost", "cost_cents")
@click.option("--metal")
@click.option("--karat")
@click.option("--colour")
@click.option("--ring-size")
@click.option("--metal-mg")
@click.option("--description")
@click.option("--location", help="Refused: use `jeweltui piece move`.")
@click.option("--reason", default="edit")
@pass_shop
def piece_edit(shop: Shop, code: str, reason: str, **changes) -> None:
    """Change a piece's attributes (not where it is: that is a move)."""
    from jeweltui.services.pieces import edit_piece, find_piece

    staff = shop.staff()
    given = {k: v for k, v in changes.items() if v is not None}
    if not given:
        raise click.UsageError("Say what to change, e.g. --price 1,450.00")
    edited = edit_piece(find_piece(code), given, staff=staff, reason=reason)
    click.echo(f"{edited.stock_no} updated.")


def _do_move(shop: Shop, location: str, codes: tuple[str, ...], reason: str, note: str) -> None:
    from jeweltui.services.moves import move_pieces

    staff = shop.staff()
    result = move_pieces(codes, location, staff=staff, reason=reason, note=note)
    for moved in result.moved:
        click.echo(f"{moved.stock_no} → {result.location.code}")
    for stayed in result.already_there:
        click.echo(f"{stayed.stock_no} already in {result.location.code}")
    click.echo(f"Moved {len(result.moved)} to {result.location.name}.")


@piece.command("move")
@click.argument("codes", nargs=-1, required=True)
@click.option("--to", "location", required=True, help="Location code, e.g. L-SAFE.")
@click.option("--reason", default="move")
@click.option("--note", default="")
@pass_shop
def piece_move(shop: Shop, codes, location: str, reason: str, note: str) -> None:
    """Move pieces to a location: all of them, or none if one cannot go."""
    _do_move(shop, location, codes, reason, note)


@click.command("move")
@click.argument("location")
@click.argument("codes", nargs=-1, required=True)
@click.option("--reason", default="move")
@click.option("--note", default="")
@pass_shop
def move(shop: Shop, location: str, codes, reason: str, note: str) -> None:
    """Move pieces: jeweltui move L-CASE-A R-000123 R-000124 …"""
    _do_move(shop, location, codes, reason, note)


@piece.command("sell")
@click.argument("codes", nargs=-1, required=True)
@click.option("--customer", default=None, help="Customer code or name.")
@click.option("--price", default=None, help="Sale price (one piece only); default retail.")
@click.option("--payment", default="", help="cash, card, transfer …")
@click.option("--channel", default="store")
@json_option
@pass_shop
def piece_sell(shop: Shop, codes, customer, price, payment, channel, as_json) -> None:
    """Sell pieces; refused with the reason when one is sold, held or away."""
    from jeweltui.services.customers import find_customer
    from jeweltui.services.sales import sale_lines, sell_pieces

    staff = shop.staff()
    if price is not None and len(codes) != 1:
        raise click.UsageError(
            "--price applies to one piece; sell pieces one by one to set prices."
        )
    buyer = find_customer(customer) if customer else None
    prices = {codes[0]: parse_money(price)} if price is not None else None
    sale = sell_pieces(
        codes, staff=staff, customer=buyer, channel=channel, prices=prices, payment_method=payment
    )
    lines = sale_lines(sale)
    if as_json:
        emit_json({"sale": sale.id, "lines": [line.__dict__ for line in lines]})
        return
    for line in lines:
        click.echo(f"{line.stock_no}  {format_money(line.price_cents)}")
    click.echo(
        f"Sale #{sale.id} recorded; total {format_money(sum(x.price_cents for x in lines))}."
    )


@piece.command("cancel-sale")
@click.argument("sale_id", type=RECORD_ID)
@click.option("--reason", default="cancelled")
@pass_shop
def piece_cancel_sale(shop: Shop, sale_id: int, reason: str) -> None:
    """Cancel a sale: its pieces are available again at once."""
    from jeweltui.services.sales import cancel_sale, sale_lines

    staff = shop.staff()
    sale = cancel_sale(sale_id, staff=staff, reason=reason)
    codes = ", ".join(line.stock_no for line in sale_lines(sale))
    click.echo(f"Sale #{sale.id} cancelled; back in stock: {codes}.")


@piece.command("retire")
@click.argument("code")
@click.option("--reason", required=True, help="Why: scrapped, broken down, lost …")
@pass_shop
def piece_retire(shop: Shop, code: str, reason: str) -> None:
    """Take a piece out of stock for good; its stock number is never reused."""
    from jeweltui.services.pieces import find_piece, retire_piece

    staff = shop.staff()
    retired = retire_piece(find_piece(code), staff=staff, reason=reason)
    click.echo(f"{retired.stock_no} retired.")


COMMANDS = [piece, move]
