"""Errors and warnings go to a rotating log in the user's log folder, never at the user.

The folder is platformdirs' user log folder for "jeweltui"; JEWELTUI_LOG_DIR moves it
(the tests point it into their tmp_path, so they never write into a real home). The
folder is private (0700 when we make it) and so is the log (0600, also each new file
after a rotation). setup_logging() is called by the CLI entry (`jeweltui --verbose`
also writes to stderr) and by the app; code logs through logging.getLogger(__name__),
under the "jeweltui" logger.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

LOGGER = "jeweltui"
LOG_DIR_ENV = "JEWELTUI_LOG_DIR"
LOG_FILE = "jeweltui.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_folder() -> Path:
    override = os.environ.get(LOG_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_log_path

    return user_log_path("jeweltui", appauthor=False)


class _Stderr(logging.StreamHandler):
    """stderr as it is when a record is written (click's test runner swaps it)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def _file_handler(folder: Path) -> logging.Handler:
    try:
        if not folder.exists():
            folder.mkdir(parents=True, mode=0o700)
        from jeweltui.logfile import PrivateRotatingFileHandler

        handler: logging.Handler = PrivateRotatingFileHandler(
            folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:  # a read-only or full home: logging must never be why a command fails
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter(FORMAT))
    return handler


class _OpenOnFirstRecord(logging.Handler):
    """The log file, opened when the first record comes. Most commands log nothing, and
    should not pay for platformdirs and the file on every start."""

    def __init__(self) -> None:
        super().__init__()
        self.target: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.target is None:
            self.target = _file_handler(log_folder())
        self.target.handle(record)

    def close(self) -> None:
        if self.target is not None:
            self.target.close()
        super().close()


def setup_logging(verbose: bool = False) -> None:
    """Log warnings and errors to the file; with verbose, also info and to stderr.

    Safe to call again: the file follows JEWELTUI_LOG_DIR, and stderr is on exactly when
    verbose (the app calls this with verbose off, so nothing writes over its screen).
    """
    logger = logging.getLogger(LOGGER)
    folder = os.environ.get(LOG_DIR_ENV, "").strip()  # "" is platformdirs' folder
    if getattr(logger, "jeweltui_folder", None) != folder:
        for old in [h for h in logger.handlers if not isinstance(h, _Stderr)]:
            logger.removeHandler(old)
            old.close()
        logger.addHandler(_OpenOnFirstRecord())
        logger.jeweltui_folder = folder  # type: ignore[attr-defined]
    errs = [h for h in logger.handlers if isinstance(h, _Stderr)]
    if verbose and not errs:
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    for handler in errs if not verbose else ():
        logger.removeHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
