"""The `jeweltui` command: one click group, subcommands by noun.

Textual is imported only when the TUI starts, so scripts and cron jobs start fast.
"""

from __future__ import annotations

import sys

import click

from jeweltui.cli.context import Shop
from jeweltui.errors import JewelError
from jeweltui.text import strip_controls

INTERNAL_ERROR_EXIT = 70  # EX_SOFTWARE


class FriendlyGroup(click.Group):
    """Turns domain errors into one clear line on stderr and a non-zero exit: no tracebacks."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except JewelError as error:
            _fail(error)
        except KeyboardInterrupt:
            click.echo("Stopped; nothing half-written was kept.", err=True)
            sys.exit(130)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:
            _fail_unexpected(error)


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


@click.group(cls=FriendlyGroup, invoke_without_command=True)
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


def _register() -> None:
    """Add every command a module of this package lists in COMMANDS.

    Each noun lives in its own module (pieces, people, holds, label, …); modules keep
    their heavy imports inside the commands, so this stays fast.
    """
    import importlib
    import pkgutil

    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            main.add_command(command)


_register()
