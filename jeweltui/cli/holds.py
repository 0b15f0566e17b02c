"""`jeweltui hold …`, `jeweltui holds sweep`, `jeweltui available` and `jeweltui channel …`."""

from __future__ import annotations

import sys

import click

from jeweltui.cli.context import Shop, emit, emit_json, json_option, pass_shop
from jeweltui.cli.types import COUNT, HOURS

HOLD_COLUMNS = ["hold", "stock_no", "for", "phone", "until", "state", "reason"]

hours_option = click.option("--hours", type=HOURS, default=None, help="Hours from now.")
until_option = click.option(
    "--until", default=None, metavar="DATETIME", help="Local time: 2026-12-12 18:00 or 2026-12-12."
)


def _one_end(hours, until) -> None:
    if hours is not None and until is not None:
        raise click.UsageError("Give --hours or --until, not both.")


def _hold_line(hold) -> str:
    from jeweltui import clock

    who = hold.customer.name if hold.customer_id else f"the {hold.channel} channel"
    return f"Hold #{hold.id}: {hold.piece.stock_no} for {who} until {clock.format_local(hold.expires_at)}"


@click.group()
def hold() -> None:
    """Holds for customers and reservations for channels."""


@hold.command("add")
@click.argument("code")
@click.option("--customer", default=None, help="Customer code or name.")
@click.option("--channel", default=None, help="Reserve for a channel instead (e.g. shopify).")
@click.option("--ref", default="", help="The channel's order number, for a reservation.")
@hours_option
@until_option
@click.option("--reason", default="", help="Why: deposit paid, deciding, ring size…")
@json_option
@pass_shop
def hold_add(shop: Shop, code, customer, channel, ref, hours, until, reason, as_json) -> None:
    """Hold a piece for a customer (default length: the hold_default_hours setting, 48 h)."""
    from jeweltui.services.channel_rules import find_channel
    from jeweltui.services.customers import find_customer
    from jeweltui.services.holds import place_hold, place_reservation
    from jeweltui.services.pieces import find_piece

    _one_end(hours, until)
    if bool(customer) == bool(channel):
        raise click.UsageError("Give --customer for a hold or --channel for a reservation.")
    staff = shop.staff()
    piece = find_piece(code)
    if channel:
        made = place_reservation(
            piece, find_channel(channel).code, hours, ref, staff=staff, until=until
        )
    else:
        made = place_hold(
            piece,
            staff=staff,
            customer=find_customer(customer),
            hours=hours,
            until=until,
            reason=reason,
        )
    if as_json:
        emit_json(
            {"hold": made.id, "expires_at": made.expires_at.isoformat(), "notices": made.notices}
        )
        return
    click.echo(_hold_line(made))
    for notice in made.notices:
        click.echo(notice)


@hold.command("extend")
@click.argument("ref")
@hours_option
@until_option
@pass_shop
def hold_extend(shop: Shop, ref: str, hours, until) -> None:
    """Give a hold more time: HOLD_ID or the piece's code; +24 h unless told."""
    from jeweltui.services.holds import extend_hold, find_hold

    _one_end(hours, until)
    staff = shop.staff()
    made = extend_hold(find_hold(ref).id, staff=staff, hours=hours, until=until)
    click.echo(_hold_line(made))


@hold.command("release")
@click.argument("ref")
@click.option("--reason", default="released")
@pass_shop
def hold_release(shop: Shop, ref: str, reason: str) -> None:
    """End a hold now (HOLD_ID or the piece's code): the piece is on sale again."""
    from jeweltui.services.holds import find_hold, release_hold

    staff = shop.staff()
    made = release_hold(find_hold(ref).id, staff=staff, reason=reason)
    click.echo(f"Hold #{made.id} released; {made.piece.stock_no} is free again.")


@hold.command("sell")
@click.argument("ref")
@click.option("--price", default=None, help="Sale price; default retail.")
@click.option("--payment", default="", help="cash, card, transfer …")
@pass_shop
def hold_sell(shop: Shop, ref: str, price, payment: str) -> None:
    """Sell a held piece to the customer it is held for, closing the hold."""
    from jeweltui.money import format_money
    from jeweltui.services.holds import convert_hold_to_sale, find_hold
    from jeweltui.services.sales import sale_lines

    staff = shop.staff()
    sale = convert_hold_to_sale(find_hold(ref).id, staff, price=price, payment_method=payment)
    for line in sale_lines(sale):
        click.echo(f"{line.stock_no}  {format_money(line.price_cents)}")
    click.echo(f"Sale #{sale.id} recorded; the hold is closed.")


@hold.command("list")
@click.option("--expiring-today", is_flag=True, help="Open holds ending today, with contacts.")
@click.option("--all", "show_all", is_flag=True, help="Closed holds too.")
@click.option("--expired", is_flag=True, help="Expired holds only.")
@json_option
@pass_shop
def hold_list(shop: Shop, expiring_today: bool, show_all: bool, expired: bool, as_json) -> None:
    """Open holds, soonest to end first."""
    from jeweltui.services.holds import hold_rows

    shop.open()
    view = "today" if expiring_today else "all" if show_all else "expired" if expired else "active"
    columns = HOLD_COLUMNS + (["email"] if expiring_today else [])
    emit(hold_rows(view), columns, as_json)


@click.group()
def holds() -> None:
    """Jobs over all holds (for cron)."""


@holds.command("sweep")
@pass_shop
def holds_sweep(shop: Shop) -> None:
    """Record holds past their end as expired (they stopped blocking already)."""
    from jeweltui.services.holds import sweep_expired_holds

    staff = shop.staff()
    count = sweep_expired_holds(staff)
    click.echo(f"{count} expired hold{'s' if count != 1 else ''} recorded.")


@click.command("available")
@click.argument("code")
@click.option("--channel", default=None, help="A channel code, e.g. shopify; default the counter.")
@pass_shop
def available_command(shop: Shop, code: str, channel: str | None) -> None:
    """Exit 0 when CODE can be sold (on CHANNEL), 1 with the reason in words when not.

    CODE is a piece's stock number or code, or a quantity item's SKU.
    """
    from jeweltui.errors import UnknownCode
    from jeweltui.services.availability import available
    from jeweltui.services.channel_rules import available_qty, find_channel
    from jeweltui.services.items import find_item
    from jeweltui.services.pieces import find_piece

    shop.open()
    where = "at the counter"
    if channel and channel.strip().lower() != "store":
        channel = find_channel(channel).code
        where = f"on {channel}"
    try:
        piece = find_piece(code)
    except UnknownCode:
        piece = None
    if piece is None:
        item = find_item(code)  # neither piece nor item: UnknownCode says so
        qty, reason = available_qty(item, channel)
        if qty:
            click.echo(f"{item.sku}: {qty} can be sold {where}.")
            return
        click.echo(f"Not available {where}: {reason}.", err=True)
        sys.exit(1)
    verdict = available(piece, channel)
    if verdict:
        click.echo(f"{piece.stock_no} can be sold {where}.")
        return
    click.echo(f"Not available {where}: {verdict.reason}.", err=True)
    sys.exit(1)


def _safety_pairs(values) -> dict[str, int]:
    pairs = {}
    for text in values:
        category, sep, number = text.partition("=")
        if not sep or not number.strip().isdigit():
            raise click.BadParameter(f"'{text}': write CATEGORY=N, e.g. chain=2.")
        pairs[category.strip().lower()] = int(number)
    return pairs


@click.group()
def channel() -> None:
    """Sales channels (webshop, marketplace) and what each may offer."""


@channel.command("add")
@click.argument("code")
@click.option("--name", required=True)
@click.option("--hide-last-unit", is_flag=True, help="Never offer the last unit of an item.")
@click.option("--safety-stock", multiple=True, metavar="CATEGORY=N", help="Keep N back.")
@click.option("--exclude-category", multiple=True, metavar="CATEGORY")
@click.option("--min-qty", type=COUNT, default=0, help="List an item only from this many.")
@click.option(
    "--any-location", is_flag=True, help="Count safe and back room too, not only sellable cases."
)
@pass_shop
def channel_add(
    shop: Shop, code, name, hide_last_unit, safety_stock, exclude_category, min_qty, any_location
) -> None:
    """Add a channel with its rules, e.g. jeweltui channel add shopify --name Webshop."""
    from jeweltui.services.channel_rules import create_channel

    staff = shop.staff()
    made = create_channel(
        code,
        name,
        staff=staff,
        hide_last_unit=hide_last_unit,
        min_qty=min_qty,
        sellable_only=not any_location,
        safety=_safety_pairs(safety_stock),
        exclude_categories=exclude_category,
    )
    click.echo(f"Channel {made.code} ({made.name}) added.")


@channel.command("exclude")
@click.argument("code")
@click.argument("target", required=False)
@click.option("--category", default="", help="Exclude a whole category instead.")
@click.option("--reason", default="")
@pass_shop
def channel_exclude(shop: Shop, code: str, target, category: str, reason: str) -> None:
    """Keep a piece (or item SKU, or --category) off a channel: channel exclude shopify R-000001."""
    from jeweltui.services.channel_rules import exclude

    staff = shop.staff()
    kwargs = _target(target, category)
    exclude(code, staff=staff, reason=reason, **kwargs)
    click.echo(f"{target or 'Category ' + category} is excluded from {code.lower()}.")


@channel.command("include")
@click.argument("code")
@click.argument("target", required=False)
@click.option("--category", default="")
@pass_shop
def channel_include(shop: Shop, code: str, target, category: str) -> None:
    """Lift an exclusion."""
    from jeweltui.services.channel_rules import include

    staff = shop.staff()
    lifted = include(code, staff=staff, **_target(target, category))
    click.echo("Exclusion lifted." if lifted else "There was no such exclusion.")


def _target(target: str | None, category: str) -> dict:
    from jeweltui.errors import UnknownCode
    from jeweltui.services.items import find_item
    from jeweltui.services.pieces import find_piece

    if bool(target) == bool(category):
        raise click.UsageError("Give a piece (or item SKU) or --category, one of them.")
    if category:
        return {"category": category}
    try:
        return {"piece": find_piece(target)}
    except UnknownCode:
        return {"item": find_item(target)}


@channel.command("list")
@json_option
@pass_shop
def channel_list(shop: Shop, as_json: bool) -> None:
    """Channels and their rules."""
    from jeweltui.services.channel_rules import channel_rows

    shop.open()
    rows = channel_rows()
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        row["rules"] = _rules_words(row)
    emit(rows, ["code", "name", "rules"], False)


def _rules_words(row: dict) -> str:
    words = ["sellable locations only" if row["sellable_only"] else "any location in the shop"]
    if row["hide_last_unit"]:
        words.append("last unit hidden")
    if row["min_qty"]:
        words.append(f"lists from {row['min_qty']}")
    words += [f"keep {n} {cat}" for cat, n in row["safety_stock"].items()]
    words += [f"no {cat}" for cat in row["excluded_categories"]]
    excluded = row["excluded_pieces"] + row["excluded_items"]
    if excluded:
        words.append(f"{len(excluded)} excluded")
    return "; ".join(words)


COMMANDS = [hold, holds, available_command, channel]
