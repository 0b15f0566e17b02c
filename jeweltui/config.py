"""Where the database lives: --db PATH, then JEWELTUI_DB, then the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "jeweltui"
DB_ENV = "JEWELTUI_DB"
STAFF_ENV = "JEWELTUI_STAFF"


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "shop.db"


def resolve_db_path(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return default_db_path()
