"""`jeweltui report NAME`: the shop's figures, each with its formula, as text, JSON or CSV."""

from __future__ import annotations

import csv
import sys

import click

from jeweltui.cli.context import Shop, emit_json, emit_table, pass_shop

NAMES = (
    "value",
    "aging",
    "turnover",
    "sell-through",
    "weeks-of-supply",
    "stockouts",
    "oversells",
    "accuracy",
    "turnaround",
    "forecast-error",
)


@click.command("report")
@click.argument("name", type=click.Choice(NAMES))
@click.option("--from", "start", default=None, help="First day, e.g. 2026-05-01.")
@click.option("--to", "end", default=None, help="Last day (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: rows, summary, formula.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the rows as CSV.")
@pass_shop
def report(shop: Shop, name: str, start, end, as_json: bool, as_csv: bool) -> None:
    """A report: value, aging, turnover, sell-through, weeks-of-supply, stockouts,
    oversells, accuracy, turnaround or forecast-error (default period: the last 90 days)."""
    from jeweltui.reporting import Period, run_report

    if as_json and as_csv:
        raise click.UsageError("Choose --json or --csv, not both.")
    period = Period.parse(start, end)
    shop.open()
    result = run_report(name, period)
    if as_json:
        emit_json(
            {**result.record(), "from": period.start.isoformat(), "to": period.end.isoformat()}
        )
        return
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=result.columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: row.get(c, "") for c in result.columns} for row in result.rows)
        return
    click.echo(result.title)
    emit_table(result.rows, result.columns)
    for key, value in result.summary.items():
        click.echo(f"{key}: {value}")
    click.echo(f"Formula: {result.formula}")


COMMANDS = [report]
