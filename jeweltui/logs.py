"""Errors and warnings go to a rotating log in the user's log folder, never at the user."""

from __future__ import annotations

import logging
import logging.handlers
import os

LOGGER = "jeweltui"


def setup_logging(verbose: bool = False) -> None:
    """Once per process: a rotating file in the user log folder (platformdirs); with
    verbose, stderr too. Without this a stray log call would print a traceback."""
    logger = logging.getLogger(LOGGER)
    if logger.handlers:
        return
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        from platformdirs import user_log_path

        folder = user_log_path("jeweltui", appauthor=False)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / "jeweltui.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        os.chmod(folder / "jeweltui.log", 0o600)
    except OSError:  # a read-only or full home: logging must never be why a command fails
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    if verbose:
        logger.addHandler(logging.StreamHandler())
