"""Where the database lives: --db PATH, then JEWELTUI_DB, then the user data dir.

PATH is a SQLite file, or the postgresql://user@host/dbname address of a server database.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "jeweltui"
DB_ENV = "JEWELTUI_DB"
STAFF_ENV = "JEWELTUI_STAFF"


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "shop.db"


SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(target: object) -> bool:
    """True for a PostgreSQL address, False for a SQLite file path."""
    return str(target).startswith(SERVER_SCHEMES)


def resolve_db_path(explicit: str | os.PathLike | None = None) -> Path | str:
    """The shop's file as a Path, or a server address kept as the string it is."""
    chosen = explicit or os.environ.get(DB_ENV)
    if not chosen:
        return default_db_path()
    if is_server_url(chosen):
        return str(chosen)
    return Path(chosen).expanduser()


def shop_label(target: Path | str) -> str:
    """A short name for the shop database, for a title bar: file name, or dbname@host."""
    if not is_server_url(target):
        return Path(target).name
    from urllib.parse import parse_qs, urlsplit

    parts = urlsplit(str(target))
    host = parts.hostname or parse_qs(parts.query).get("host", ["local"])[0]
    return f"{parts.path.lstrip('/')}@{host}"
