"""Sending label files to a printer through CUPS `lp`: an argument list, never a shell.

A printer or file name is passed to `lp` as one argument each, so a name with spaces,
quotes or semicolons is just a name, and nothing a user types can run a command.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from jeweltui.errors import InvalidInput, JewelError

from .geometry import LabelSize


class PrinterProblem(JewelError):
    """CUPS is missing, or the printer refused the job."""

    exit_code = 5


def media_option(size: LabelSize) -> str:
    """CUPS custom media in millimetres: 'media=Custom.55.88x12.7mm'."""
    return f"media=Custom.{size.width_mm:g}x{size.height_mm:g}mm"


def lp_arguments(
    printer: str | None, files: Sequence[Path], size: LabelSize | None = None, raw: bool = False
) -> list[str]:
    """None prints on the computer's default CUPS printer (lp without -d)."""
    if printer is not None and (not printer or printer.startswith("-")):
        # A name starting with '-' would be read by lp as an option.
        raise InvalidInput(f"{printer!r} is not a printer name.", field="printer")
    arguments = ["lp"] if printer is None else ["lp", "-d", printer]
    if raw:
        arguments += ["-o", "raw"]  # ZPL goes to the Zebra untouched
    elif size is not None:
        arguments += ["-o", media_option(size)]
    # Absolute paths: a file named '-x.png' must not look like an option either.
    return arguments + [str(Path(f).resolve()) for f in files]


def send_to_printer(
    printer: str | None,
    files: Sequence[Path],
    size: LabelSize | None = None,
    raw: bool = False,
    timeout_s: float = 60.0,
) -> str:
    """Queue the files on `printer`; returns what lp said (its job id line)."""
    arguments = lp_arguments(printer, files, size, raw)
    lp = shutil.which("lp")
    if lp is None:
        raise PrinterProblem(
            "Cannot print: the 'lp' command (CUPS) is not installed on this computer. "
            "The label files were saved; print them from another program or install CUPS."
        )
    try:
        done = subprocess.run(
            [lp, *arguments[1:]], capture_output=True, text=True, timeout=timeout_s, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise PrinterProblem(f"The print queue did not answer within {timeout_s:g} s.") from error
    except OSError as error:
        raise PrinterProblem(f"Could not run lp: {error}.") from error
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
        where = f"Printer {printer!r}" if printer else "The default printer"
        raise PrinterProblem(f"{where} refused the labels: {said}")
    return done.stdout.strip()
