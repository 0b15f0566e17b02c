"""`jeweltui count …`: stocktake by scanning, from the command line or a scanner station."""

from __future__ import annotations

import sys

import click

from jeweltui.cli.context import Shop, emit, emit_json, json_option, pass_shop


@click.group()
def count() -> None:
    """Count a case, several locations or the whole shop by scanning, then reconcile."""


@count.command("start")
@click.argument("locations", nargs=-1)
@click.option("--all", "whole_shop", is_flag=True, help="Count every active location.")
@pass_shop
def count_start(shop: Shop, locations: tuple[str, ...], whole_shop: bool) -> None:
    """Open a count: jeweltui count start L-CASE-A [L-CASE-B …] | --all"""
    from jeweltui.services.stocktake import count_location_ids, start_count

    if not locations and not whole_shop:
        raise click.UsageError("Name the locations to count, or --all.")
    started = start_count(list(locations), staff=shop.staff(), whole_shop=whole_shop)
    places = len(count_location_ids(started))
    click.echo(f"Count #{started.id} started for {places} location(s).")
    if started.current_location_id is None:
        click.echo("Scan a location's code before the pieces in it.")


@count.command("scan")
@click.argument("number", type=int)
@click.argument("codes", nargs=-1)
@click.option("--qty", type=int, default=1, help="Units of a quantity item (default 1).")
@click.option("--location", default=None, help="The location these scans are in.")
@pass_shop
def count_scan(shop: Shop, number: int, codes: tuple[str, ...], qty: int, location) -> None:
    """Scan codes into count N; with no codes, read one per line from stdin (a scanner).

    Each scan is saved as it is made: a count stopped half way resumes with its scans.
    """
    from jeweltui.errors import JewelError
    from jeweltui.services.stocktake import scan

    shop.open()
    if codes:
        for code in codes:
            outcome = scan(number, code, qty=qty, location=location)
            location = None
            click.echo(outcome.words)
        return
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            outcome = scan(number, line, qty=qty, location=location)
            location = None
            click.echo(outcome.words)
        except JewelError as error:  # a bad scan is said and skipped; the count goes on
            click.echo(f"Error: {error.message}", err=True)
        sys.stdout.flush()


@count.command("undo")
@click.argument("number", type=int)
@pass_shop
def count_undo(shop: Shop, number: int) -> None:
    """Take back the last scan of count N (a mistaken scan)."""
    from jeweltui.services.stocktake import undo_last_scan

    shop.open()
    undone = undo_last_scan(number)
    click.echo(f"Took back {undone.code}." if undone else "No scan to take back.")


def _print_tally(result) -> None:
    click.echo(
        f"Count #{result.count_id} ({result.status}) of {' '.join(result.locations)}"
        f" · {result.scans} scans · accuracy {result.accuracy * 100:.2f}%"
    )
    click.echo(
        f"Found {len(result.found)} · missing {len(result.missing)}"
        f" · unexpected {len(result.unexpected)} · quantity lines {len(result.quantities)}"
    )
    for row in result.missing:
        click.echo(f"  missing     {row['stock_no']}  {row['title']}  ({row['location']})")
    for row in result.unexpected:
        click.echo(
            f"  unexpected  {row['stock_no']}  {row['title']}  in {row['location']}, {row['why']}"
        )
    for row in result.quantities:
        mark = "" if row["booked"] == row["counted"] else "  ≠"
        click.echo(
            f"  quantity    {row['sku']}@{row['location']}  booked {row['booked']}"
            f"  counted {row['counted']}{mark}"
        )


@count.command("show")
@click.argument("number", type=int)
@json_option
@pass_shop
def count_show(shop: Shop, number: int, as_json: bool) -> None:
    """What count N has found, is missing, did not expect, and its quantities."""
    from jeweltui.services.stocktake import finished_differences, get_count, tally

    shop.open()
    result = tally(number)
    stored = get_count(number)
    record = result.record()
    if stored.status == "finished":
        record["accuracy"] = stored.accuracy_bp / 100
        record["adjustments"] = finished_differences(number)
    if as_json:
        emit_json(record)
        return
    if stored.status == "finished":
        click.echo(f"Count #{number} finished · accuracy {stored.accuracy_bp / 100:.2f}%")
        emit(
            record["adjustments"],
            ["kind", "what", "location", "booked", "counted", "reason"],
            False,
        )
        return
    _print_tally(result)


@count.command("finish")
@click.argument("number", type=int)
@click.option(
    "--reason",
    "given",
    multiple=True,
    metavar="KEY=REASON",
    help="R-000123=lost, SKU@L-CASE-A=damaged, R-000200=moved:L-SAFE …",
)
@click.option("--yes", is_flag=True, help="Do not ask before writing the adjustments.")
@pass_shop
def count_finish(shop: Shop, number: int, given: tuple[str, ...], yes: bool) -> None:
    """Close count N: a reason for every difference, then one adjustment each."""
    from jeweltui.services.stocktake import (
        COUNT_REASONS,
        REASONS_FOR,
        finish_count,
        parse_reason,
        tally,
    )

    staff = shop.staff()
    reasons: dict[str, str] = {}
    for pair in given:
        key, sep, value = pair.partition("=")
        if not sep:
            raise click.UsageError(f"'{pair}' is not KEY=REASON, e.g. R-000123=lost.")
        parse_reason(value)
        reasons[key.strip().upper()] = value.strip()
    result = tally(number)
    _print_tally(result)
    interactive = sys.stdin.isatty()
    for difference in result.differences:
        if difference.key in reasons:
            continue
        if not interactive:
            raise click.UsageError(
                f"Give a reason for {difference.key}: --reason {difference.key}="
                f"{'|'.join(REASONS_FOR[difference.kind])}"
            )
        reasons[difference.key] = click.prompt(
            f"Why? {difference.words}",
            type=click.Choice([r for r in COUNT_REASONS if r in REASONS_FOR[difference.kind]]),
        )
    if result.differences and not yes:
        click.confirm(f"Write {len(result.differences)} adjustment(s)?", abort=True)
    finished = finish_count(number, reasons, staff=staff)
    click.echo(
        f"Count #{finished.id} finished: {len(result.differences)} adjustment(s),"
        f" accuracy {finished.accuracy_bp / 100:.2f}%."
    )


@count.command("abandon")
@click.argument("number", type=int)
@click.option("--yes", is_flag=True, help="Do not ask first.")
@pass_shop
def count_abandon(shop: Shop, number: int, yes: bool) -> None:
    """Give up count N without adjusting anything."""
    from jeweltui.services.stocktake import abandon_count

    staff = shop.staff()
    if not yes:
        click.confirm(f"Abandon count #{number}? Nothing will be adjusted.", abort=True)
    abandon_count(number, staff=staff)
    click.echo(f"Count #{number} abandoned.")


@count.command("list")
@json_option
@pass_shop
def count_list(shop: Shop, as_json: bool) -> None:
    """Every count, newest first, with its accuracy."""
    from jeweltui.services.stocktake import count_rows

    shop.open()
    emit(count_rows(), ["count", "started", "status", "locations", "scans", "accuracy"], as_json)


@count.command("schedule")
@click.argument("location")
@click.option("--every", "every_days", type=int, required=True, help="Days between counts.")
@pass_shop
def count_schedule(shop: Shop, location: str, every_days: int) -> None:
    """Cycle counts: count LOCATION every N days (the safe daily: --every 1)."""
    from jeweltui.services.stocktake import set_schedule

    schedule = set_schedule(location, every_days, staff=shop.staff())
    click.echo(f"{schedule.location.code} is counted every {every_days} day(s).")


@count.command("due")
@json_option
@pass_shop
def count_due(shop: Shop, as_json: bool) -> None:
    """Scheduled locations and which are due for a count."""
    from jeweltui.services.stocktake import due_counts

    shop.open()
    rows = due_counts()
    if not as_json:
        for row in rows:
            row["due"] = "DUE" if row["due"] else ""
    emit(rows, ["location", "every_days", "last_counted", "due"], as_json)


COMMANDS = [count]
