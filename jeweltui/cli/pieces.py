"""`jeweltui piece …` and `jeweltui move`: the daily stock commands."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit, emit_json, json_option, pass_shop
from jeweltui.cli.types import COUNT, RECORD_ID
from jeweltui.money import format_money, parse_money
from jeweltui.units import format_weight


@click.group()
def piece() -> None:
    """Add, find, show, edit, move, sell and retire pieces."""


@piece.command("add")
@click.option("--title", default="", help='e.g. "Solitaire ring 0.50ct" (or the style\'s)')
@click.option(
    "--sku", default="", help="Style core + variant, e.g. RNG-SOL-14Y-65 (made from --style)."
)
@click.option("--style", default=None, help="The design it is a variant of, e.g. RNG-TWS.")
@click.option("--category", default="", help="ring, engagement_ring, earrings, … (or the style's)")
@click.option("--location", "location_code", required=True, help="Where it goes, e.g. L-CASE-A.")
@click.option("--price", default="0", help='Retail price, e.g. "1,299.00".')
@click.option("--cost", default="0", help="Cost price.")
@click.option("--metal", default="")
@click.option("--karat", default=None, help="14, 14K, 14KT, 18ct or a gold fineness like 585.")
@click.option("--fineness", default=None, help="Hallmark: 585, 750, 925, 950, PT950, Pd500.")
@click.option("--colour", default="")
@click.option("--ring-size", default="")
@click.option("--weight", default=None, help="Metal weight: 3.2g, 2.1 dwt, 0.5 ozt.")
@click.option("--metal-mg", default=None, help="Metal weight in milligrams.")
@click.option("--vendor", default=None, help="Vendor code or name.")
@click.option("--description", default="")
@click.option("--code", "extra_codes", multiple=True, help="Extra scan code (EAN, old tag).")
@json_option
@pass_shop
def piece_add(
    shop: Shop,
    location_code: str,
    price: str,
    cost: str,
    vendor,
    extra_codes,
    as_json,
    style: str | None,
    **fields,
) -> None:
    """Add a new piece; prints its stock number."""
    from jeweltui.services.pieces import create_piece, piece_record

    staff = shop.staff()
    fields.update(retail_cents=price, cost_cents=cost)
    if not style:
        for name in ("title", "sku", "category"):
            if not fields[name]:
                raise click.UsageError(f"Missing option '--{name}' (or give --style).")
    created = create_piece(
        {k: v for k, v in fields.items() if v not in (None, "")},
        location=location_code,
        staff=staff,
        style=style,
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
@click.option("--store", default="", help="Only pieces at this store, e.g. S-BRANCH.")
@click.option(
    "--available", "available_only", is_flag=True, help="Only pieces that can be sold now."
)
@click.option("--karat", default="", help="Exactly this karat: 14, 14K, 18ct, 585.")
@click.option("--colour", default="", help="Metal colour: yellow, white, rose.")
@click.option("--size", default="", help="Ring size or range: 7, 6.5-7.5.")
@click.option("--price", default="", help="Retail range: -2000 (up to), 500-1500, 1000-.")
@click.option("--stone", default="", help="Stone type: diamond, sapphire, …")
@click.option("--stone-shape", default="", help="Stone shape: round, oval, …")
@click.option("--carat", default="", help="Stone weight range: 0.50-1ct, -0.25.")
@click.option("--vendor-style", default="", help="The vendor's style number, exactly.")
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
    if record["tag_summary"]:
        click.echo(f"  Tag: {record['tag_summary']}")
    style = f"  ·  style {record['style']}" if record["style"] else ""
    click.echo(f"  SKU {record['sku']}{style}  ·  {record['category']}  ·  {record['location']}")
    metal = " ".join(
        x for x in (f"{record['karat']}K" if record["karat"] else "", record["metal"]) if x
    )
    if metal:
        weight = format_weight(record["metal_mg"])
        click.echo(f"  Metal: {metal}" + (f", {weight}" if weight else ""))
    if record["ring_size"]:
        click.echo(f"  Ring size: {record['ring_size']}")
    for stone in record["stones"]:
        click.echo(f"  Stone {stone['position']}: {stone_words(stone)}")
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


def stone_words(stone: dict) -> str:
    """'1× diamond round 0.50ct G VS1, cert GIA 1234567'."""
    words = [f"{stone['count']}×", stone["type"], stone["shape"], stone["carats"]]
    words += [stone["colour"], stone["clarity"]]
    text = " ".join(w for w in words if w)
    return text + (f", cert {stone['cert_no']}" if stone["cert_no"] else "")


@piece.command("edit")
@click.argument("code")
@click.option("--title")
@click.option("--sku")
@click.option("--category")
@click.option("--price", "retail_cents")
@click.option("--cost", "cost_cents")
@click.option("--metal")
@click.option("--karat", help="14, 14K, 14KT, 18ct or 585.")
@click.option("--fineness", help="585, 750, 925, 950, PT950, Pd500.")
@click.option("--colour")
@click.option("--ring-size")
@click.option("--weight", help="3.2g, 2.1 dwt, 0.5 ozt.")
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
    from jeweltui.services.items import item_skus
    from jeweltui.services.moves import move_pieces

    staff = shop.staff()
    for sku in item_skus(codes):
        raise click.UsageError(f"{sku} is counted stock: say how many with --qty N.")
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
@click.option("--qty", default=None, help="Units of a quantity item to move (CHN-BOX-SS-40).")
@click.option("--from", "source", default=None, help="Where the units come from, if in several.")
@click.option("--reason", default="move")
@click.option("--note", default="")
@pass_shop
def move(shop: Shop, location: str, codes, qty, source, reason: str, note: str) -> None:
    """Move pieces: jeweltui move L-CASE-A R-000123 R-000124 …

    Or part of a quantity: jeweltui move L-CASE-A CHN-BOX-SS-40 --qty 3
    """
    if qty is None and source is None:
        _do_move(shop, location, codes, reason, note)
        return
    from jeweltui.db import write_transaction
    from jeweltui.services.quantity import move_quantity

    staff = shop.staff()
    with write_transaction():  # several SKUs: all of them or none
        moved = [
            (sku, *move_quantity(sku, qty, location, source=source, staff=staff, reason=reason,
                                 note=note))
            for sku in codes
        ]  # fmt: skip
    for sku, origin, target in moved:
        click.echo(f"{qty} × {sku.upper()}: {origin.code} → {target.code}")


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


@piece.group("stone")
def stone() -> None:
    """A piece's stones: add, edit, remove (numbered 1, 2, 3 in setting order)."""


def stone_fields(*, adding: bool):
    options = [
        click.option("--type", "type_", required=adding, default=None, help="diamond, sapphire…"),
        click.option("--shape", default=None, help="round, oval, cushion, …"),
        click.option("--carat", default=None, help="Each stone: 0.50ct, 1/2 ct, .75ctw, 50pt."),
        click.option("--count", default=None, help="How many alike (melee: 9)."),
        click.option("--colour", default=None, help="G, H, blue, …"),
        click.option("--clarity", default=None, help="VS1, SI2, …"),
        click.option("--cert", default=None, help='Certificate, e.g. "GIA 1234567".'),
    ]

    def decorate(command):
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def _stone_values(type_, **fields) -> dict:
    values = {k: v for k, v in fields.items() if v is not None}
    if type_ is not None:
        values["type"] = type_
    return values


@stone.command("add")
@click.argument("code")
@stone_fields(adding=True)
@pass_shop
def stone_add(shop: Shop, code: str, type_, **fields) -> None:
    """jeweltui piece stone add R-000001 --type diamond --shape round --carat 0.50 …"""
    from jeweltui.services.pieces import find_piece
    from jeweltui.services.stones import add_stone, stone_line

    staff = shop.staff()
    made = add_stone(find_piece(code), _stone_values(type_, **fields), staff=staff)
    click.echo(f"Stone {made.position}: {stone_line(made)}")


@stone.command("edit")
@click.argument("code")
@click.argument("number", type=int)
@stone_fields(adding=False)
@pass_shop
def stone_edit(shop: Shop, code: str, number: int, type_, **fields) -> None:
    """Change stone NUMBER of a piece: jeweltui piece stone edit R-000001 1 --clarity VS2"""
    from jeweltui.services.pieces import find_piece
    from jeweltui.services.stones import edit_stone, stone_line

    staff = shop.staff()
    edited = edit_stone(find_piece(code), number, _stone_values(type_, **fields), staff=staff)
    click.echo(f"Stone {edited.position}: {stone_line(edited)}")


@stone.command("remove")
@click.argument("code")
@click.argument("number", type=int)
@pass_shop
def stone_remove(shop: Shop, code: str, number: int) -> None:
    """Take stone NUMBER off a piece's record."""
    from jeweltui.services.pieces import find_piece
    from jeweltui.services.stones import remove_stone

    staff = shop.staff()
    piece = find_piece(code)
    remove_stone(piece, number, staff=staff)
    click.echo(f"Stone {number} removed from {piece.stock_no}.")


@piece.group("photo")
def photo() -> None:
    """A piece's photos: the first is the main one (on the piece screen and channels)."""


@photo.command("add")
@click.argument("code")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@pass_shop
def photo_add(shop: Shop, code: str, files) -> None:
    """Copy photos into the shop's private media folder: piece photo add R-000001 a.jpg b.jpg"""
    from jeweltui.services.photos import add_photos
    from jeweltui.services.pieces import find_piece

    staff = shop.staff()
    piece = find_piece(code)
    for made in add_photos(piece, list(files), staff=staff):
        main = "  (main)" if made.position == 1 else ""
        click.echo(f"Photo {made.position}: {made.original_name}{main}")


@photo.command("remove")
@click.argument("code")
@click.argument("number", type=int)
@pass_shop
def photo_remove(shop: Shop, code: str, number: int) -> None:
    """Take photo NUMBER off a piece (its copy in the media folder goes too)."""
    from jeweltui.services.photos import remove_photo
    from jeweltui.services.pieces import find_piece

    staff = shop.staff()
    piece = find_piece(code)
    remove_photo(piece, number, staff=staff)
    click.echo(f"Photo {number} removed from {piece.stock_no}.")


COMMANDS = [piece, move]
