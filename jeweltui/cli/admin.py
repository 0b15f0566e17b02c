"""Starting a shop, the demo shop, the ledger of one piece, and database care."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit, json_option, pass_shop
from jeweltui.cli.types import COUNT


@click.command()
@pass_shop
def init(shop: Shop) -> None:
    """Create a new, empty shop database (private to you: mode 0600)."""
    from jeweltui.errors import InvalidInput
    from jeweltui.services.staff import ensure_owner

    if shop.db_path.exists():
        raise InvalidInput(f"{shop.db_path} exists already; nothing was changed.")
    shop.open(create=True)
    ensure_owner()
    click.echo(f"New shop database: {shop.db_path}")
    click.echo("Next: jeweltui location add L-CASE-A --name 'Case A', then jeweltui piece add …")


@click.command()
@click.option("--no-tui", is_flag=True, help="Only load the demo shop; do not start the app.")
@click.option(
    "--reset", is_flag=True, help="Throw away an existing demo database and load it anew."
)
@click.pass_context
def demo(ctx: click.Context, no_tui: bool, reset: bool) -> None:
    """Load the demo shop from sample_data/ (into demo.db unless --db) and start the app."""
    from jeweltui.config import default_db_path

    shop: Shop = ctx.obj
    if shop.db_option is None:
        shop.db_option = str(default_db_path().with_name("demo.db"))
    path = shop.db_path
    if reset:
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    if path.exists():
        click.echo(f"Demo shop already at {path} (use --reset to load it anew).")
        shop.open()
    else:
        _load_demo(shop)
    _print_badges()
    if not no_tui:
        from jeweltui.cli.tui import run_tui

        run_tui(shop)


def _print_badges() -> None:
    from jeweltui.demo import demo_badges

    click.echo("Sign in with a badge and its PIN:")
    for row in demo_badges():
        click.echo(f"  {row['code']:<8} PIN {row['pin']}  {row['name']} ({row['role']})")


def _load_demo(shop: Shop) -> None:
    from jeweltui.demo import demo_piece_count, load_demo

    shop.open(create=True)
    try:
        with click.progressbar(length=demo_piece_count(), label="Loading the demo shop") as bar:
            count = load_demo(progress=lambda _: bar.update(1))
    except BaseException:
        for suffix in ("", "-wal", "-shm"):  # a half-made demo is worth nothing
            shop.db_path.with_name(shop.db_path.name + suffix).unlink(missing_ok=True)
        raise
    click.echo(f"Demo shop with {count} pieces: {shop.db_path}")


@click.command()
@click.argument("code")
@json_option
@pass_shop
def history(shop: Shop, code: str, as_json: bool) -> None:
    """The ledger of a piece, customer (C-…), location (L-…), vendor (V-…) or staff member
    (S-…): who did what, when and why; an edit shows each field's old → new."""
    from jeweltui.services.history import history_of

    shop.open()
    emit(history_of(code), ["at", "who", "what", "reason", "note"], as_json)


@click.group()
def db() -> None:
    """Check, back up and restore the shop database."""


@db.command("check")
@pass_shop
def db_check(shop: Shop) -> None:
    """Run SQLite's integrity and foreign-key checks; exit 1 on any problem."""
    from jeweltui.db import check_database

    problems = check_database(shop.open())
    if problems:
        for problem in problems:
            click.echo(f"Problem: {problem}", err=True)
        raise SystemExit(1)
    click.echo(f"{shop.db_path}: ok")


@db.command("backup")
@click.argument("target", type=click.Path(dir_okay=False))
@click.option(
    "--keep",
    type=COUNT,
    default=0,
    help="Keep only the newest N backups in TARGET's folder (same suffix); 0 keeps all.",
)
@pass_shop
def db_backup(shop: Shop, target: str, keep: int) -> None:
    """Copy the live database to TARGET safely, even while others work, and its photos
    (the media folder) to TARGET.media beside it.

    Written to a temporary file and renamed when complete: a full disk never leaves
    a partial backup.
    """
    from jeweltui.backups import backup_database
    from jeweltui.permissions import Right, require
    from jeweltui.services.photos import copy_media

    db = shop.open()
    require(shop.staff(), Right.BACKUP_RESTORE)  # a backup carries every cost price
    made = backup_database(db, target, keep=keep)
    click.echo(f"Backup written: {made}")
    media = copy_media(shop.db_path, made)
    if media:
        click.echo(f"Photos copied: {media}")


@db.command("restore")
@click.argument("backup", type=click.Path(exists=True, dir_okay=False))
@click.confirmation_option(prompt="Replace the live shop database with this backup?")
@pass_shop
def db_restore(shop: Shop, backup: str) -> None:
    """Replace the live database with a checked backup (asks first), and the photos that
    backup had.

    Only a sound jeweltui database is accepted; the replaced file is kept beside the
    live one with a timestamp; refused while another jeweltui program has it open.
    """
    from jeweltui.backups import restore_database
    from jeweltui.errors import DatabaseProblem
    from jeweltui.permissions import Right, require
    from jeweltui.services.photos import copy_media

    try:
        shop.open()
    except DatabaseProblem:
        pass  # a damaged shop cannot name its staff: the file's owner restores it
    else:
        require(shop.staff(), Right.BACKUP_RESTORE)
    restored = restore_database(backup, shop.db_path)
    copy_media(backup, shop.db_path)  # the photos that backup had, when it had any
    click.echo(f"Restored {restored.path} from {backup}")
    click.echo(f"The replaced database is kept as {restored.kept}")


COMMANDS = [init, demo, db, history]
