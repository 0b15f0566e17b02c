"""Scripts and cron jobs start fast: the CLI and the services never pull in Textual."""

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


def test_the_cli_help_does_not_load_textual():
    probe = (
        "import sys\n"
        "from jeweltui.cli import main\n"
        "try:\n    main(['--help'])\n"
        "except SystemExit:\n    pass\n"
        "assert 'textual' not in sys.modules, 'textual loaded'"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "piece" in result.stdout
