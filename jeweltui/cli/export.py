"""`jeweltui export …` and `jeweltui channel-export …`: channel files, by hand or from cron."""

from __future__ import annotations

import sys

import click

from jeweltui.cli.context import Shop, emit, emit_json, json_option, pass_shop
from jeweltui.cli.types import COUNT

EXPORT_HELP = """Write channel files: Shopify, WooCommerce, Google Merchant, JSON.

\b
  jeweltui export --format json --output stock.json   one file, no channel needed
  jeweltui export shopify google                      configured channels
  jeweltui export --all                               every enabled channel (cron)
  jeweltui export shopify --dry-run --diff            what would change, nothing written
  jeweltui export runs [--channel shopify]            the log of export runs

\b
Exporters: shopify-products (Shopify's current 57-column product template),
shopify-products-legacy (the older Handle / Body (HTML) template, still imported),
shopify-inventory (inventory CSV), woocommerce (product importer CSV),
google-merchant (TSV feed), json; plus any installed through the
`jeweltui.exporters` entry point. One-of-one pieces are listed with quantity 1
when available and 0 when held or reserved; sold pieces and pieces at the bench,
safe or vendor are left out.

\b
Files are the same bytes for the same stock (sorted by stock number, no
timestamps inside), written to a temporary file and renamed, so a failed run
leaves the last good file. Every run is logged (rows, sha256, duration, result,
hook status). A progress bar shows in a terminal; under cron the command is
quiet and exits non-zero on failure (5: the export failed; 2: the file was
written but its hook or webhook failed).

\b
Nightly at 02:30 (crontab -e):
  30 2 * * * JEWELTUI_DB=$HOME/shop.db jeweltui export --all
"""


def _bar_wanted(quiet: bool) -> bool:
    return not quiet and sys.stdout.isatty()


def _run_with_bar(quiet: bool, label: str, total_of, job):
    """Run job(progress) with click's progress bar in a terminal, silently otherwise."""
    if not _bar_wanted(quiet):
        return job(None)
    with click.progressbar(length=max(total_of(), 1), label=label, file=sys.stderr) as bar:
        return job(bar.update)


def _report(name: str, outcome, *, dry_run: bool, quiet: bool) -> None:
    if outcome.diff is not None:
        click.echo(f"{name}: {outcome.diff.summary()}")
        for line in outcome.diff.lines():
            click.echo(f"  {line}")
    if not quiet:
        verb = "would write" if dry_run else "wrote"
        click.echo(
            f"{name}: {verb} {outcome.rows} pieces ({outcome.available_rows} available) "
            f"to {outcome.path} in {outcome.duration_ms} ms, sha256 {outcome.sha256[:12]}"
        )
    for problem in outcome.problems:
        click.echo(f"Warning: {name}: {problem}", err=True)


def _outcome_json(name: str, outcome) -> dict:
    return {
        "channel": name,
        "path": str(outcome.path),
        "rows": outcome.rows,
        "available": outcome.available_rows,
        "sha256": outcome.sha256,
        "duration_ms": outcome.duration_ms,
        "diff": outcome.diff.as_dict() if outcome.diff else None,
        "hook_exit": outcome.hook.exit_status if outcome.hook else None,
        "webhook_status": outcome.webhook_status,
        "problems": outcome.problems,
    }


def _show_runs(channel: str | None, limit: int, as_json: bool) -> None:
    from jeweltui import clock
    from jeweltui.channels.config import last_runs

    rows = [
        {
            "id": r.id,
            "channel": r.channel or "(one-off)",
            "exporter": r.exporter,
            "started": clock.format_local(r.started_at),
            "started_at": r.started_at.isoformat(),
            "result": r.result,
            "rows": r.rows,
            "ms": r.duration_ms,
            "sha256": r.sha256[:12] if not as_json else r.sha256,
            "hook": "" if r.hook_exit is None else str(r.hook_exit),
            "webhook": r.webhook_status,
            "path": r.path,
            "error": r.error,
        }
        for r in last_runs(channel, limit)
    ]
    columns = ["id", "channel", "exporter", "started", "result", "rows", "ms", "sha256", "hook"]
    emit(rows, columns, as_json)


@click.command("export", help=EXPORT_HELP)
@click.argument("channels", nargs=-1)
@click.option("--all", "all_channels", is_flag=True, help="Every enabled configured channel.")
@click.option("--format", "exporter", metavar="EXPORTER", help="Run one exporter (no channel).")
@click.option("--output", type=click.Path(dir_okay=False), help="The file for --format.")
@click.option("--currency", default="EUR", show_default=True, help="With --format.")
@click.option("--dry-run", is_flag=True, help="Build and compare, write nothing.")
@click.option("--diff", "with_diff", is_flag=True, help="Show changes against the last export.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, no summary line.")
@click.option("--channel", "runs_channel", default=None, help="With `runs`: one channel only.")
@click.option("--limit", default=20, show_default=True, help="With `runs`: how many.")
@json_option
@pass_shop
def export_command(
    shop: Shop,
    channels: tuple[str, ...],
    all_channels: bool,
    exporter: str | None,
    output: str | None,
    currency: str,
    dry_run: bool,
    with_diff: bool,
    quiet: bool,
    runs_channel: str | None,
    limit: int,
    as_json: bool,
) -> None:
    from jeweltui.errors import InvalidInput

    shop.open()
    if channels[:1] == ("runs",):
        _show_runs(runs_channel, limit, as_json)
        return
    if exporter:
        if channels or all_channels:
            raise InvalidInput("Use either --format with --output, or channel names.")
        if not output:
            raise InvalidInput("--format needs --output PATH (the file to write).")
        results = [_one_off(exporter, output, currency, dry_run, quiet or as_json)]
    else:
        results = _channels(channels, all_channels, dry_run, with_diff, quiet or as_json)
    if as_json:
        emit_json([_outcome_json(name, outcome) for name, outcome in results])
    if any(outcome.problems for _, outcome in results):
        sys.exit(2)


def _one_off(exporter: str, output: str, currency: str, dry_run: bool, quiet: bool):
    from jeweltui.channels.base import ExportSettings
    from jeweltui.channels.feed import count_rows
    from jeweltui.channels.runner import export_file

    settings = ExportSettings(currency=currency.upper())
    outcome = _run_with_bar(
        quiet,
        exporter,
        lambda: count_rows(settings),
        lambda progress: export_file(
            exporter, output, settings=settings, dry_run=dry_run, progress=progress
        ),
    )
    _report(exporter, outcome, dry_run=dry_run, quiet=quiet)
    return exporter, outcome


def _channels(channels, all_channels, dry_run, with_diff, quiet):
    from jeweltui.channels.config import channel_exports
    from jeweltui.channels.runner import count_for, run_channel
    from jeweltui.errors import InvalidInput

    if all_channels:
        names = [c.channel for c in channel_exports() if c.enabled]
    else:
        names = list(dict.fromkeys(c.strip().lower() for c in channels))
    if all_channels and not names:
        raise InvalidInput(
            "No channel is set up for export yet: jeweltui channel-export set CHANNEL "
            "--exporter shopify-products --output 'exports/shopify-{date}.csv'"
        )
    if not names:
        raise InvalidInput(
            "Name a channel, use --all, or --format EXPORTER --output PATH "
            "(see jeweltui export --help)."
        )
    results = []
    for name in names:
        outcome = _run_with_bar(
            quiet,
            name,
            lambda name=name: count_for(name),
            lambda progress, name=name: run_channel(
                name, dry_run=dry_run, with_diff=with_diff, progress=progress
            ),
        )
        _report(name, outcome, dry_run=dry_run, quiet=quiet)
        results.append((name, outcome))
    return results


@click.group("channel-export")
def channel_export_group() -> None:
    """Set up how each channel's file is made (stored in the shop database).

    \b
    jeweltui channel-export set shopify --exporter shopify-products \\
        --output 'exports/shopify-{date}.csv' --locations L-CASE-A,L-CASE-B \\
        --image-base https://cdn.example.com/img/ --hook 'rclone copy {file} shop:feeds'

    --output: {date} is today's local date, {channel} the channel; a relative path
    is beside the database file. --locations: which locations feed the channel
    (default: every sellable one). --hook: a command split like a shell would,
    but run without a shell; {file} is the exported file (appended when absent).
    --webhook-url with --webhook-secret-env NAME: POST a JSON summary (or the
    file) signed with HMAC-SHA256 in X-Jeweltui-Signature, the secret read from
    that environment variable.
    """


@channel_export_group.command("set")
@click.argument("channel")
@click.option("--exporter", default=None, help="shopify-products, google-merchant, json, …")
@click.option("--output", default=None, help="Path pattern, e.g. 'exports/shopify-{date}.csv'.")
@click.option("--locations", default=None, help="Comma-separated location codes.")
@click.option("--currency", default=None)
@click.option("--price-percent", type=COUNT, default=None, help="110 = retail + 10 %.")
@click.option("--rounding", type=click.Choice(["cent", "whole", "x99"]), default=None)
@click.option("--url-base", default=None, help="Product link = this + handle.")
@click.option("--image-base", default=None, help="Image URL = this + image path.")
@click.option("--brand", default=None, help="Brand for pieces with no vendor.")
@click.option("--hook", default=None, help="Post-export command ('' removes it).")
@click.option("--hook-timeout", "hook_timeout_s", type=COUNT, default=None, help="Seconds.")
@click.option("--webhook-url", default=None)
@click.option("--webhook-secret-env", default=None, help="Env variable holding the secret.")
@click.option("--webhook-body", type=click.Choice(["summary", "file"]), default=None)
@click.option(
    "--webhook-private/--no-webhook-private",
    default=None,
    help="Allow a webhook to a private, loopback or link-local address.",
)
@click.option("--enabled/--disabled", default=None)
@pass_shop
def channel_export_set(shop: Shop, channel: str, hook: str | None, **changes) -> None:
    """Create or change CHANNEL's export settings."""
    import shlex

    from jeweltui.channels.config import set_channel_export

    staff = shop.staff()
    if hook is not None:
        changes["hook"] = shlex.split(hook)
    config = set_channel_export(channel, changes, staff=staff)
    click.echo(f"{config.channel}: {config.exporter} -> {config.output}")


@channel_export_group.command("list")
@json_option
@pass_shop
def channel_export_list(shop: Shop, as_json: bool) -> None:
    """Every channel export, with its last run."""
    from jeweltui.channels.config import channel_exports, hook_args, last_good_run

    shop.open()
    rows = []
    for config in channel_exports():
        last = last_good_run(config.channel)
        rows.append(
            {
                "channel": config.channel,
                "exporter": config.exporter,
                "output": config.output,
                "locations": config.locations or "(sellable)",
                "currency": config.currency,
                "hook": " ".join(hook_args(config)),
                "enabled": config.enabled,
                "last_ok": last.started_at.isoformat() if last else "",
            }
        )
    emit(rows, ["channel", "exporter", "output", "locations", "enabled", "last_ok"], as_json)


COMMANDS = [export_command, channel_export_group]
