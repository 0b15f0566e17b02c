"""Warnings and errors land in one private, rotating log file; --verbose shows them too."""

from __future__ import annotations

import logging
import os
import stat
import sys

from click.testing import CliRunner

from jeweltui.channels.config import set_channel_export
from jeweltui.cli import main
from jeweltui.logfile import PrivateRotatingFileHandler
from jeweltui.logs import LOG_FILE, log_folder

HOOK_LINE = "WARNING jeweltui.channels.runner: channel site: hook"


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _failing_hook_channel(shop, tmp_path) -> None:
    set_channel_export(
        "site",
        {
            "exporter": "json",
            "output": str(tmp_path / "feed.json"),
            "hook": [sys.executable, "-c", "import sys; sys.exit(3)"],
        },
        staff=shop["owner"],
    )


def test_a_failed_hook_is_logged_privately_and_verbose_also_shows_it(
    shop, db_path, tmp_path, private_log_folder
):
    _failing_hook_channel(shop, tmp_path)
    runner = CliRunner()
    quiet = runner.invoke(main, ["--db", str(db_path), "export", "site"])
    assert HOOK_LINE not in quiet.stderr
    log = private_log_folder / LOG_FILE
    assert "channel site: hook" in log.read_text()
    assert "ended with 3" in log.read_text()
    assert (_mode(private_log_folder), _mode(log)) == (0o700, 0o600)

    loud = runner.invoke(main, ["--verbose", "--db", str(db_path), "export", "site"])
    assert HOOK_LINE in loud.stderr
    assert log.read_text().count("channel site: hook") == 2


def test_a_rotated_log_stays_private_even_with_an_open_umask(tmp_path):
    path = tmp_path / LOG_FILE
    handler = PrivateRotatingFileHandler(path, maxBytes=300, backupCount=2, encoding="utf-8")
    logger = logging.getLogger("jeweltui.test-rotation")
    logger.addHandler(handler)
    logger.propagate = False
    old_umask = os.umask(0)
    try:
        for n in range(40):
            logger.warning("line %d of a long enough message to make the log roll over", n)
    finally:
        os.umask(old_umask)
        logger.removeHandler(handler)
        handler.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [LOG_FILE, f"{LOG_FILE}.1", f"{LOG_FILE}.2"]
    assert {_mode(tmp_path / name) for name in files} == {0o600}
    assert "line 39" in path.read_text()


def test_tests_never_log_into_the_real_home(tmp_path_factory, private_log_folder):
    assert log_folder() == private_log_folder
    assert log_folder().is_relative_to(tmp_path_factory.getbasetemp())
