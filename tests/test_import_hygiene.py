"""Scripts and cron jobs start fast: the CLI and the services never pull in Textual,
and the everyday commands never load the label engine (Pillow, python-barcode, zxing-cpp)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import jeweltui.services

SERVICES = sorted(
    f"jeweltui.services.{info.name}" for info in pkgutil.iter_modules(jeweltui.services.__path__)
)


@pytest.mark.parametrize("module", ["jeweltui.cli", "jeweltui.db", *SERVICES])
def test_importing_does_not_load_textual(module):
    probe = f"import {module}, sys; assert 'textual' not in sys.modules, 'textual loaded'"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_cli_does_not_load_the_pdf_library_until_a_pdf_is_made():
    # fpdf2 alone takes ~0.3 s to import: `jeweltui piece show` must stay under 0.35 s.
    probe = "import jeweltui.cli, sys; assert 'fpdf' not in sys.modules, 'fpdf loaded'"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# What the commands scripts and cron run every day must not load: the TUI and the label
# engine together are most of a CLI start-up.
HEAVY = ("textual", "PIL", "barcode", "zxingcpp", "fpdf")
# Smaller, but each a few per cent of a command's start: the log file's machinery loads
# with the first record, zoneinfo when a zone is named.
LAZY = ("logging.handlers", "zoneinfo")
RUN_AND_REPORT = (
    "import sys\n"
    "from jeweltui.cli import main\n"
    "try:\n    main(sys.argv[1:])\n"
    "except SystemExit as done:\n    code = done.code or 0\n"
    f"heavy = sorted(name for name in {HEAVY + LAZY!r} if name in sys.modules)\n"
    "print('EXIT', code, 'LOADED:', ','.join(heavy))\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["piece", "show", "R-000001"],
        ["available", "R-000001"],
        ["holds", "sweep"],
    ],
    ids=lambda args: " ".join(args),
)
def test_everyday_commands_do_not_load_the_tui_or_the_label_engine(shop, db_path, args):
    command = [sys.executable, "-c", RUN_AND_REPORT, "--db", str(db_path), *args]
    result = subprocess.run(command, capture_output=True, text=True)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout.rstrip().endswith("EXIT 0 LOADED:"), result.stdout[-500:]
