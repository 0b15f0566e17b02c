"""The `jeweltui` command: one click group, subcommands by noun.

A command's module is imported only when that command runs (see cli/lazy.py), and
Textual only when the TUI starts, so scripts and cron jobs start fast.
"""

from __future__ import annotations

import sys

import click

from jeweltui.cli.context import Shop
from jeweltui.cli.lazy import LazyCommand, LazyGroup
from jeweltui.errors import JewelError
from jeweltui.permissions import NeedsApproval
from jeweltui.text import strip_controls

INTERNAL_ERROR_EXIT = 70  # EX_SOFTWARE

# Every command, by name: where it lives and the short help `jeweltui --help` shows.
# A module's own COMMANDS list declares what it offers; tests/test_cli_lazy.py checks
# that this table names each of them, with the same help.
COMMANDS = {
    "available": LazyCommand(
        "jeweltui.cli.holds:available_command",
        "Exit 0 when CODE can be sold (on CHANNEL), 1 with the reason in words when not.",
    ),
    "channel": LazyCommand(
        "jeweltui.cli.holds:channel",
        "Sales channels (webshop, marketplace) and what each may offer.",
    ),
    "channel-export": LazyCommand(
        "jeweltui.cli.export:channel_export_group",
        "Set up how each channel's file is made (stored in the shop database).",
    ),
    "count": LazyCommand(
        "jeweltui.cli.count:count",
        "Count a case, several locations or the whole shop by scanning, then reconcile.",
    ),
    "customer": LazyCommand(
        "jeweltui.cli.people:customer",
        "Customers: contacts, holds and purchases.",
    ),
    "db": LazyCommand(
        "jeweltui.cli.admin:db",
        "Check, back up and restore the shop database.",
    ),
    "demo": LazyCommand(
        "jeweltui.cli.admin:demo",
        "Load the demo shop from sample_data/ (into demo.db unless --db) and start the app.",
    ),
    "export": LazyCommand(
        "jeweltui.cli.export:export_command",
        "Write channel files: Shopify, WooCommerce, Google Merchant, JSON.",
    ),
    "history": LazyCommand(
        "jeweltui.cli.admin:history",
        (
            "The ledger of a piece, customer (C-…), location (L-…), vendor (V-…) or staff "
            "member (S-…): who did what, when and why; an edit shows each field's old → new."
        ),
    ),
    "hold": LazyCommand(
        "jeweltui.cli.holds:hold",
        "Holds for customers and reservations for channels.",
    ),
    "holds": LazyCommand(
        "jeweltui.cli.holds:holds",
        "Jobs over all holds (for cron).",
    ),
    "import": LazyCommand(
        "jeweltui.cli.importing:import_group",
        "Import stock from the previous system or from Shopify; each row imported or reported.",
    ),
    "incidents": LazyCommand(
        "jeweltui.cli.orders:incidents",
        "Oversell incidents: pieces a channel sold that were not ours to sell.",
    ),
    "init": LazyCommand(
        "jeweltui.cli.admin:init",
        "Create a new, empty shop database (private to you: mode 0600).",
    ),
    "item": LazyCommand(
        "jeweltui.cli.items:item",
        "Quantity items: add, list, show, edit, receive, adjust, hold, release, return.",
    ),
    "label": LazyCommand(
        "jeweltui.cli.label:label",
        "Print jewelry tags, location labels, shelf tags and repair envelopes.",
    ),
    "location": LazyCommand(
        "jeweltui.cli.people:location",
        "Cases, safe, bench, vendors: where pieces can be.",
    ),
    "memo": LazyCommand(
        "jeweltui.cli.memo:memo",
        "Memo in (vendors), consignment in (customers), approval out; due dates; statements.",
    ),
    "move": LazyCommand(
        "jeweltui.cli.pieces:move",
        "Move pieces: jeweltui move L-CASE-A R-000123 R-000124 …",
    ),
    "orders": LazyCommand(
        "jeweltui.cli.orders:orders",
        "Orders from the webshop and other channels.",
    ),
    "piece": LazyCommand(
        "jeweltui.cli.pieces:piece",
        "Add, find, show, edit, move, sell and retire pieces.",
    ),
    "receive": LazyCommand(
        "jeweltui.cli.receive:receive_command",
        "Receive a vendor's packing list/invoice CSV: every row valid, or nothing is received.",
    ),
    "reorder": LazyCommand(
        "jeweltui.cli.reorder:reorder",
        "Suggested quantities per vendor for quantity-tracked items.",
    ),
    "report": LazyCommand(
        "jeweltui.cli.report:report",
        "A report: value, aging, turnover, sell-through, weeks-of-supply, stockouts,"
        " oversells, accuracy, turnaround or forecast-error (default period: the last 90 days).",
    ),
    "sale": LazyCommand(
        "jeweltui.cli.sale:sale",
        "Sales at the counter: sell, cancel, take back, list.",
    ),
    "scan": LazyCommand(
        "jeweltui.cli.scan:scan",
        "Scan station: read codes one per line from stdin and move pieces in batches.",
    ),
    "shop-money": LazyCommand(
        "jeweltui.cli.shop_money:shop_money_command",
        "Show or set how prices are read and shown: jeweltui shop-money --locale de_DE",
    ),
    "shop-day": LazyCommand(
        "jeweltui.cli.shop_day:shop_day",
        "Show or set the shop's time zone and closing time.",
    ),
    "staff": LazyCommand(
        "jeweltui.cli.staff:staff",
        "Staff badges, roles (owner, manager, sales) and PINs.",
    ),
    "stock": LazyCommand(
        "jeweltui.cli.stock_at:stock",
        "The pieces in stock at a past moment, and where each one was.",
    ),
    "store": LazyCommand(
        "jeweltui.cli.stores:store",
        "The shop's stores: every location belongs to one.",
    ),
    "transfer": LazyCommand(
        "jeweltui.cli.stores:transfer",
        "Send pieces to another store; receive them there by scanning the transfer paper.",
    ),
    "style": LazyCommand(
        "jeweltui.cli.styles:style",
        "Designs and their variants (pieces and quantity items in each metal and size).",
    ),
    "vendor": LazyCommand(
        "jeweltui.cli.vendor:vendor",
        "Vendors: contact, terms, lead time, memo terms, what they supplied.",
    ),
    "wo": LazyCommand(
        "jeweltui.cli.workorder:wo",
        "Work orders: repairs, resizes, custom work, appraisals, cleaning.",
    ),
}


class FriendlyGroup(LazyGroup):
    """Turns domain errors into one clear line on stderr and a non-zero exit: no tracebacks."""

    def invoke(self, ctx: click.Context):
        # Kept to run the command once more when a manager approves it (click consumes them).
        saved_args = (list(ctx._protected_args), list(ctx.args))
        try:
            try:
                return super().invoke(ctx)
            except NeedsApproval as needed:
                return self._invoke_approved(ctx, needed, saved_args)
        except JewelError as error:
            _fail(error)
        except KeyboardInterrupt:
            click.echo("Stopped; nothing half-written was kept.", err=True)
            sys.exit(130)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:
            _fail_unexpected(error)

    def _invoke_approved(self, ctx: click.Context, needed: NeedsApproval, saved_args):
        """Ask for a badge and PIN that hold the right, then run the command again under it.

        The refused attempt was rolled back whole (one transaction), so running it again
        is safe; the ledger rows it writes name the approver too.
        """
        from jeweltui.cli.approval import ask_for_approval
        from jeweltui.permissions import approved_by

        approver = ask_for_approval(needed)
        ctx._protected_args, ctx.args = saved_args
        with approved_by(approver):
            return super().invoke(ctx)


def _fail(error: JewelError) -> None:
    click.echo(f"Error: {strip_controls(error.message)}", err=True)
    sys.exit(error.exit_code)


def _fail_unexpected(error: Exception) -> None:
    """The last net: a full disk, a failing disk or our own bug is one line, never a traceback.

    Every write is one transaction, so a failure here has changed nothing.
    """
    import logging

    from jeweltui.db import storage_error

    known = storage_error(error)
    if known is not None:
        _fail(known)
    logging.getLogger("jeweltui").error("unexpected error", exc_info=error)
    click.echo(
        f"Error: jeweltui met an unexpected problem ({type(error).__name__}: "
        f"{strip_controls(str(error))[:200]}). Nothing was changed. "
        "Please report it; the details are in the log.",
        err=True,
    )
    sys.exit(INTERNAL_ERROR_EXIT)


@click.group(cls=FriendlyGroup, invoke_without_command=True, lazy_subcommands=COMMANDS)
@click.option(
    "--db",
    "db_option",
    envvar="JEWELTUI_DB",
    metavar="PATH",
    help="Shop database file (default: JEWELTUI_DB, else your user data folder).",
)
@click.option(
    "--staff",
    "staff_code",
    envvar="JEWELTUI_STAFF",
    metavar="BADGE",
    help="Who is acting (staff badge, e.g. S-ANNA; default S-OWNER).",
)
@click.option(
    "--verbose", "-v", is_flag=True, help="Also print the log (info, warnings, errors) on stderr."
)
@click.version_option(package_name="jeweltui")
@click.pass_context
def main(ctx: click.Context, db_option: str | None, staff_code: str | None, verbose: bool) -> None:
    """jeweltui: the stock book of a small jewelry shop, in a terminal.

    With no command, opens the app on the shop database.
    """
    from jeweltui.logs import setup_logging

    setup_logging(verbose)
    ctx.obj = Shop(db_option=db_option, staff_code=staff_code)
    if ctx.invoked_subcommand is None:
        from jeweltui.cli.tui import run_tui

        run_tui(ctx.obj)
