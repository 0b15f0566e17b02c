"""`jeweltui memo …`: goods on memo or consignment in, and out on approval."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit, emit_json, json_option, pass_shop
from jeweltui.cli.receive import receiving_options, run_receiving
from jeweltui.cli.types import COUNT


@click.group()
def memo() -> None:
    """Memo in (vendors), consignment in (customers), approval out; due dates; statements."""


@memo.command("in")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--vendor", default=None, help="The vendor lending the goods (memo).")
@click.option("--consignor", default=None, help="The customer consigning the goods.")
@click.option("--memo-no", default="", help="The vendor's own memo number.")
@click.option("--terms-days", type=COUNT, default=None, help="Days before they are due back.")
@receiving_options
@pass_shop
def memo_in(shop: Shop, file, vendor, consignor, memo_no, terms_days, **opts) -> None:
    """Receive a memo or consignment list: pieces in stock, not ours, not in our stock value."""
    from jeweltui.errors import InvalidInput
    from jeweltui.services.memo import MemoTerms

    if bool(vendor) == bool(consignor):
        raise InvalidInput("Give either --vendor (memo) or --consignor (consignment).")
    terms = MemoTerms(
        kind="memo" if vendor else "consignment",
        vendor=vendor or "",
        consignor=consignor or "",
        memo_no=memo_no,
        terms_days=terms_days,
    )
    run_receiving(shop, file, vendor, memo=terms, **opts)


@memo.command("out")
@click.argument("codes", nargs=-1, required=True)
@click.option("--to", "to", required=True, help="Vendor code, customer code or customer name.")
@click.option("--days", type=COUNT, default=None, help="Due back in N days.")
@click.option("--memo-no", default="")
@click.option("--note", default="")
@pass_shop
def memo_out(shop: Shop, codes, to, days, memo_no, note) -> None:
    """Send pieces out on approval: not available until they come back or are sold."""
    from jeweltui import clock
    from jeweltui.services.memo import memo_out as send_out

    staff = shop.staff()
    header = send_out(codes, to=to, staff=staff, days=days, memo_no=memo_no, note=note)
    click.echo(
        f"Memo #{header.id}: {len(codes)} piece(s) out, due back "
        f"{clock.format_local(header.due_at)}"
    )


@memo.command("return")
@click.argument("codes", nargs=-1, required=True)
@click.option("--to", "to_location", default=None, help="Where approval pieces go back to.")
@pass_shop
def memo_return(shop: Shop, codes, to_location) -> None:
    """Approval pieces come back; memo-in pieces go back to their vendor."""
    from jeweltui.services.memo import memo_return as give_back

    for line in give_back(codes, staff=shop.staff(), to_location=to_location):
        click.echo(line)


@memo.command("buy")
@click.argument("codes", nargs=-1, required=True)
@click.option("--cost", default=None, help="Agreed cost, if not the memo's.")
@pass_shop
def memo_buy(shop: Shop, codes, cost) -> None:
    """Buy memo or consignment pieces to own."""
    from jeweltui.money import parse_money
    from jeweltui.services.memo import memo_buy as buy

    staff = shop.staff()
    cents = parse_money(cost, field="cost") if cost else None
    for piece in buy(codes, staff=staff, cost_cents=cents):
        click.echo(f"{piece.stock_no}  now owned")


@memo.command("sell")
@click.argument("codes", nargs=-1, required=True)
@click.option("--customer", default=None)
@pass_shop
def memo_sell(shop: Shop, codes, customer) -> None:
    """The customer keeps the approval pieces: they become a sale."""
    from jeweltui.services.customers import find_customer
    from jeweltui.services.memo import memo_sell as sell

    staff = shop.staff()
    sale = sell(codes, staff=staff, customer=find_customer(customer) if customer else None)
    click.echo(f"Sale #{sale.id}: {', '.join(codes)}")


@memo.command("due")
@click.option("--within", "within_days", type=COUNT, default=0, help="Also those due in N days.")
@json_option
@pass_shop
def memo_due(shop: Shop, within_days: int, as_json: bool) -> None:
    """Pieces past (or near) their memo due date, both directions."""
    from jeweltui.services.memo import due_lines

    shop.open()
    columns = ["due", "days_late", "direction", "party", "memo_no", "stock_no", "title", "what"]
    emit(due_lines(within_days=within_days), columns, as_json)


@memo.command("list")
@click.option("--all", "include_closed", is_flag=True, help="Also closed memos.")
@json_option
@pass_shop
def memo_list(shop: Shop, include_closed: bool, as_json: bool) -> None:
    """Open memos, in and out, soonest due first."""
    from jeweltui.services.memo import memo_rows

    shop.open()
    columns = ["id", "direction", "kind", "party", "memo_no", "date", "due", "pieces", "status"]
    emit(memo_rows(include_closed=include_closed), columns, as_json)


@memo.command("statement")
@click.argument("party")
@json_option
@pass_shop
def memo_statement(shop: Shop, party: str, as_json: bool) -> None:
    """Settlement for a vendor or consignor: sold, bought, returned, still out, owed."""
    from jeweltui.money import format_money
    from jeweltui.services.memo import statement

    shop.open()
    data = statement(party)
    if as_json:
        emit_json(data)
        return
    click.echo(f"Statement for {data['party']}  {data['name']}")
    for key, words in (
        ("sold", "Sold (owed)"),
        ("bought", "Bought to own (owed)"),
        ("returned", "Returned"),
        ("still_out", "Still with us"),
    ):
        click.echo(f"{words}: {len(data[key])}")
        for row in data[key]:
            when = f"  sold {row['date']}" if row["date"] else f"  due {row['due']}"
            click.echo(
                f"  {row['stock_no']}  {row['title']}  memo {row['memo_no'] or '-'}  "
                f"{format_money(row['cost_cents'])}{when}"
            )
    click.echo(f"Owed: {data['owed']}")


@memo.command("value")
@json_option
@pass_shop
def memo_value(shop: Shop, as_json: bool) -> None:
    """Stock value: owned goods apart from memo and consignment goods."""
    from jeweltui.money import format_money
    from jeweltui.services.memo import stock_value

    shop.open()
    rows = [
        {
            "ownership": name,
            "pieces": v["pieces"],
            "cost": format_money(v["cost_cents"]),
            "retail": format_money(v["retail_cents"]),
            "cost_cents": v["cost_cents"],
        }
        for name, v in stock_value().items()
    ]
    emit(rows, ["ownership", "pieces", "cost", "retail"], as_json)


COMMANDS = [memo]
