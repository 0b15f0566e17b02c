"""`jeweltui sale add|cancel|return|list|receipt`: the counter's sales book."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit, emit_json, json_option, pass_shop
from jeweltui.cli.types import COUNT, RECORD_ID

SALE_COLUMNS = ["sale", "at", "channel", "customer", "pieces", "total", "payment", "state"]


@click.group()
def sale() -> None:
    """Sales at the counter: sell, cancel, take back, list."""


def _prices(codes: tuple[str, ...], price: str | None, discount: str | None) -> dict[str, int]:
    from jeweltui.money import parse_money
    from jeweltui.services.sales import discounted_prices, list_prices

    prices = list_prices(codes)
    if price is not None:
        if len(prices) != 1:
            raise click.UsageError("--price applies to one piece; use --discount for several.")
        prices = {code: parse_money(price) for code in prices}
    return discounted_prices(prices, discount)


@sale.command("add")
@click.argument("codes", nargs=-1, required=True, metavar="CODES… (SKU:N for units)")
@click.option("--customer", default=None, help="Customer code or name.")
@click.option("--price", default=None, help="Agreed price of a single piece, e.g. 1,150.00.")
@click.option("--discount", default=None, help="Off the whole sale: 10% or an amount, 50.00.")
@click.option("--payment", default="", help="cash, card, transfer …")
@click.option("--note", default="")
@click.option(
    "--receipt",
    "receipt_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write a receipt: out.txt or out.pdf.",
)
@json_option
@pass_shop
def sale_add(
    shop: Shop, codes, customer, price, discount, payment, note, receipt_path, as_json
) -> None:
    """Sell pieces (and units: CHN-BOX-SS-40:2) in one sale; refused, with the reason, if
    a piece is sold, held or away, or there are fewer units than asked."""
    from jeweltui.services.customers import find_customer
    from jeweltui.services.sales import sale_summary, sell_pieces, split_sale_codes

    staff = shop.staff()
    buyer = find_customer(customer) if customer else None
    piece_codes, units = split_sale_codes(codes)
    made = sell_pieces(
        piece_codes,
        units=units,
        staff=staff,
        customer=buyer,
        prices=_prices(tuple(piece_codes), price, discount) if piece_codes else None,
        payment_method=payment,
        note=note,
    )
    if receipt_path:
        from jeweltui.receipts import write_receipt

        write_receipt(made, receipt_path)
    info = sale_summary(made)
    if as_json:
        emit_json(info)
        return
    for line in info["lines"]:
        click.echo(f"{line['stock_no']}  {line['title']}  {_money(line['price_cents'])}")
    click.echo(f"Sale #{made.id} recorded; total {info['total']}.")
    if receipt_path:
        click.echo(f"Receipt: {receipt_path}")


def _money(cents: int) -> str:
    from jeweltui.money import format_money

    return format_money(cents)


@sale.command("cancel")
@click.argument("sale_id", type=RECORD_ID)
@click.option("--reason", default="cancelled")
@pass_shop
def sale_cancel(shop: Shop, sale_id: int, reason: str) -> None:
    """Cancel a whole sale: its pieces are available again at once."""
    from jeweltui.services.sales import cancel_sale, sale_summary

    staff = shop.staff()
    info = sale_summary(cancel_sale(sale_id, staff=staff, reason=reason))
    click.echo(f"Sale #{sale_id} cancelled; back in stock: {info['pieces']}.")


@sale.command("return")
@click.argument("code")
@click.option("--to", "location", required=True, help="Where the piece goes, e.g. L-SAFE.")
@click.option("--reason", required=True, help="Why it came back.")
@click.option("--refund", default=None, help="Amount refunded (default: what was paid).")
@pass_shop
def sale_return(shop: Shop, code: str, location: str, reason: str, refund) -> None:
    """Take a sold piece back into stock at a chosen location."""
    from jeweltui.money import parse_money
    from jeweltui.services.returns import return_piece

    staff = shop.staff()
    cents = parse_money(refund, field="refund") if refund is not None else None
    record = return_piece(code, staff=staff, location=location, reason=reason, refund_cents=cents)
    click.echo(
        f"{record.piece.stock_no} returned to {record.location.code}; "
        f"refund {_money(record.refund_cents)}."
    )


@sale.command("list")
@click.option("--limit", type=COUNT, default=50, show_default=True)
@click.option("--channel", default=None, help="Only this channel (store, shopify, …).")
@json_option
@pass_shop
def sale_list(shop: Shop, limit: int, channel, as_json: bool) -> None:
    """Recent sales, newest first."""
    from jeweltui.services.sales import recent_sales

    shop.open()
    rows = recent_sales(limit, channel)
    if as_json:
        emit_json(rows)
        return
    emit(rows, SALE_COLUMNS, False)


@sale.command("receipt")
@click.argument("sale_id", type=RECORD_ID)
@click.option("--out", "out_path", type=click.Path(dir_okay=False), default=None)
@pass_shop
def sale_receipt(shop: Shop, sale_id: int, out_path) -> None:
    """Print a sale's receipt, or write it to --out (.txt or .pdf)."""
    from jeweltui.receipts import receipt_text, write_receipt
    from jeweltui.services.sales import get_sale

    shop.open()
    found = get_sale(sale_id)
    if out_path:
        click.echo(f"Receipt: {write_receipt(found, out_path)}")
    else:
        click.echo(receipt_text(found), nl=False)


COMMANDS = [sale]
