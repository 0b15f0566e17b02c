"""`jeweltui receive FILE --vendor V-001`: a packing list or invoice becomes pieces."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit_json, pass_shop


def receiving_options(command):
    options = [
        click.option(
            "--mapping",
            "mapping_name",
            default="default",
            show_default=True,
            help="Which saved column mapping of the vendor to use.",
        ),
        click.option(
            "--markup", default=None, help="Retail = cost × markup, as a shop price (…9.00)."
        ),
        click.option("--price-column", default=None, help="The file's column holding retail."),
        click.option("--category", default="", help="Category for rows that name none."),
        click.option("--location", default="L-SAFE", show_default=True, help="Where they go."),
        click.option("--currency", default="EUR", show_default=True),
        click.option("--dry-run", is_flag=True, help="Check and show; receive nothing."),
        click.option(
            "--good-rows-only",
            is_flag=True,
            help="Receive the good rows even though some are bad (they are listed).",
        ),
        click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def run_receiving(shop: Shop, file: str, vendor: str | None, memo=None, **opts) -> None:
    """Plan, show every bad row by line, then receive in one transaction (or stop)."""
    from jeweltui.money import format_money
    from jeweltui.services.receiving import label_command, plan_receiving, receive

    staff = shop.staff()
    ownership = memo.ownership if memo is not None else "owned"
    plan = plan_receiving(
        file,
        vendor,
        mapping_name=opts["mapping_name"],
        markup=opts["markup"],
        price_column=opts["price_column"],
        category=opts["category"],
        ownership=ownership,
        currency=opts["currency"],
    )
    as_json = opts["as_json"]
    problems = [{"line": p.line, "reason": p.reason} for p in plan.problems]
    if not as_json:
        for problem in plan.problems:
            click.echo(f"line {problem.line}: {problem.reason}", err=True)
    if opts["dry_run"] or (plan.problems and not opts["good_rows_only"]):
        preview = [
            {
                "line": p.line,
                "sku": p.fields["sku"],
                "title": p.fields["title"],
                "qty": p.qty,
                "retail": format_money(p.fields["retail_cents"], p.fields.get("currency", "EUR"))
                if "retail_cents" in p.fields
                else "",
            }
            for p in plan.pieces
        ]
        if as_json:
            emit_json({"received": [], "would_receive": preview, "bad_rows": problems})
        elif opts["dry_run"]:
            for row in preview:
                count = f"{row['qty']} × " if row["qty"] > 1 else ""
                click.echo(
                    f"  line {row['line']}: {count}{row['sku']}  {row['title']}  {row['retail']}"
                )
            click.echo(
                f"Dry run: {len(preview)} good row(s), {len(problems)} bad; nothing received."
            )
        if plan.problems and not opts["good_rows_only"]:
            raise click.ClickException(
                f"{len(problems)} bad row(s); nothing was received. Fix them, or pass "
                "--good-rows-only to receive the other rows."
            )
        return
    result = receive(
        plan,
        location=opts["location"],
        staff=staff,
        good_rows_only=opts["good_rows_only"],
        memo=memo,
    )
    numbers = [p.stock_no for p in result.pieces]
    units = [{"sku": sku, "qty": qty} for sku, qty in result.units]
    if as_json:
        emit_json(
            {
                "received": numbers,
                "units": units,
                "bad_rows": problems,
                "memo_id": result.memo_id,
            }
        )
        return
    if numbers:
        click.echo(f"Received {len(numbers)} piece(s): {numbers[0]} … {numbers[-1]}")
    for row in units:
        click.echo(f"Received {row['qty']} × {row['sku']} at {opts['location'].upper()}")
    if result.skipped:
        click.echo(f"Skipped {len(result.skipped)} bad row(s), listed above.")
    if numbers:
        click.echo(f"Tags queued; print them with:\n  {label_command(numbers)}")


@click.command("receive")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--vendor", required=True, help="Vendor code or name, e.g. V-001.")
@receiving_options
@pass_shop
def receive_command(shop: Shop, file: str, vendor: str, **opts) -> None:
    """Receive a vendor's packing list/invoice CSV: every row valid, or nothing is received.

    Columns are read by header name (style, description, category, metal, karat, size,
    weight, cost, retail, barcode…); save a vendor's own names with `jeweltui vendor mapping`.
    """
    run_receiving(shop, file, vendor, **opts)


COMMANDS = [receive_command]
