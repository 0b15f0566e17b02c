"""The log file itself, apart from logs.py: logging.handlers (with pickle, queue and
socket) is loaded only when the first record is written, not by every command's start."""

from __future__ import annotations

import logging.handlers
import os


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log its owner alone can read: every file it opens is made 0600."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchmod(fd, 0o600)  # a file left by an older version keeps no wider mode
        return open(fd, "a", encoding=self.encoding, errors=self.errors)  # noqa: SIM115
