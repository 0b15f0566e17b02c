"""Starting a shop, the demo shop, the ledger of one piece, and database care."""

from __future__ import annotations

import click

from jeweltui.cli.context import Shop, emit, json_option, pass_shop
from jeweltui.cli.types import COUNT


@click.command()
@pass_shop
def init(shop: Shop) -> None:
    """Create a new, empty shop database (private to you: mode 0600).

    With --db postgresql://user@host/dbname the shop's tables go into that (empty)
    server database instead.
    """
    from jeweltui.db import shop_exists
    from jeweltui.errors import InvalidInput
    from jeweltui.services.staff import ensure_owner

    if shop_exists(shop.db_path):
        raise InvalidInput(f"{shop.where} has a shop already; nothing was changed.")
    shop.open(create=True)
    ensure_owner()
    click.echo(f"New shop database: {shop.where}")
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
    from jeweltui.config import is_server_url
    from jeweltui.db import shop_exists
    from jeweltui.errors import InvalidInput

    path = shop.db_path
    if reset and is_server_url(path):
        raise InvalidInput("--reset only throws away a demo file; nothing was changed.")
    if reset:
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    if shop_exists(path):
        click.echo(f"Demo shop already at {shop.where} (use --reset to load it anew).")
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
        if not shop.on_server:  # a half-made demo file is worth nothing
            for suffix in ("", "-wal", "-shm"):
                shop.db_path.with_name(shop.db_path.name + suffix).unlink(missing_ok=True)
        raise
    click.echo(f"Demo shop with {count} pieces: {shop.where}")


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
    """Run SQLite's integrity and foreign-key checks (on a server: the schema); exit 1 on any problem."""
    from jeweltui.db import check_database

    problems = check_database(shop.open())
    if problems:
        for problem in problems:
            click.echo(f"Problem: {problem}", err=True)
        raise SystemExit(1)
    click.echo(f"{shop.where}: ok")


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
    """Copy the live database to TARGET safely, even while others work (pg_dump on a
    server), and its photos
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
    if shop.on_server:
        click.echo(f"Restored {shop.where} from {backup}")
        return
    copy_media(backup, shop.db_path)  # the photos that backup had, when it had any
    click.echo(f"Restored {restored.path} from {backup}")
    click.echo(f"The replaced database is kept as {restored.kept}")


@db.command("migrate-to")
@click.argument("url", metavar="postgresql://USER@HOST/DBNAME")
@pass_shop
def db_migrate_to(shop: Shop, url: str) -> None:
    """Move this SQLite shop into an empty PostgreSQL database and verify it there.

    Every table, the ledger and the counters are copied in one transaction; then the row
    counts are compared and the ledger is replayed on the server. The file is not changed.
    """
    from jeweltui.config import is_server_url
    from jeweltui.errors import InvalidInput
    from jeweltui.shop_move import migrate_to

    if shop.on_server:
        raise InvalidInput("migrate-to moves a SQLite shop file; --db names a server already.")
    if not is_server_url(url):
        raise InvalidInput(f"{url} is not a postgresql:// address; nothing was moved.")
    if not shop.db_path.exists():
        raise InvalidInput(f"No shop database at {shop.db_path}; nothing was moved.")
    with click.progressbar(length=_row_total(shop.db_path), label="Moving the shop") as bar:
        report = migrate_to(shop.db_path, url, progress=lambda _, rows: bar.update(rows))
    from jeweltui.postgres import display_url

    click.echo(
        f"Moved {sum(report.rows.values())} rows in {len(report.rows)} tables to "
        f"{display_url(url)}; row counts match and the ledger replays "
        f"({report.pieces_replayed} pieces)."
    )
    click.echo(f"Next: jeweltui --db '{display_url(url)}' (or set JEWELTUI_DB).")


def _row_total(path) -> int:
    import sqlite3

    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = reader.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        return sum(reader.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for (t,) in tables)
    finally:
        reader.close()


COMMANDS = [init, demo, db, history]
