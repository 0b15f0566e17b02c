"""`jeweltui scan`: a headless scan station for a terminal with only a scanner attached.

Codes arrive one per line on stdin (a pipe or the tty the scanner types into). Same rules
as the scan screen's move mode: a location then pieces, or pieces then a location;
scanning the location again (or an empty line) moves the batch in one transaction.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterable
from typing import IO

import click

from jeweltui.cli.context import Shop, pass_shop
from jeweltui.codes import MAX_CODE_LENGTH

# Scanners end a code with Enter, LF or Tab; spaces around a code are noise.
_TRIM = " \t\r\n"


def malformed(line: str) -> str | None:
    """Why a line cannot be a code at all, before any lookup."""
    if "\ufffd" in line:
        return "malformed input: bytes that are not text"
    if len(line) > MAX_CODE_LENGTH:
        return f"malformed input: {len(line)} characters (a code has at most {MAX_CODE_LENGTH})"
    if any(unicodedata.category(ch)[0] == "C" for ch in line):
        return "malformed input: control characters"
    return None


class Station:
    """One scan station session: feeds lines to a MoveBatch and prints one line each."""

    def __init__(self, batch, out: IO[str], bell: bool) -> None:
        self.batch = batch
        self.out = out
        self.bell = bell
        self.failures = 0

    def say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def fail(self, where: str, message: str) -> None:
        self.failures += 1
        self.say(("\a" if self.bell else "") + f"ERROR {where}: {message}")

    def feed(self, number: int, raw: bytes) -> None:
        line = raw.decode("utf-8", errors="replace").strip(_TRIM)
        if not line:
            self.finish_batch(f"line {number}")
            return
        problem = malformed(line)
        if problem:
            self.fail(f"line {number}", problem)
            return
        result = self.batch.add(line)
        if result.ok:
            self.say(result.message)
        else:
            self.fail(f"line {number}", result.message)

    def finish_batch(self, where: str) -> None:
        """An empty line or the end of input: move what is pending, if it has a place."""
        from jeweltui.errors import JewelError
        from jeweltui.scanning import commit_words

        if not self.batch.rows:
            return
        if self.batch.location is None:
            pending = self.batch.abandon()
            self.fail(where, f"nothing committed: {pending} scanned pieces have no location")
            return
        try:
            self.say(commit_words(self.batch.commit()))
        except JewelError as error:
            self.fail(where, f"nothing moved: {error.message}")

    def run(self, lines: Iterable[bytes]) -> int:
        for number, raw in enumerate(lines, start=1):
            self.feed(number, raw)
        self.finish_batch("end of input")
        return 0 if self.failures == 0 else 1


@click.command("scan")
@click.option("--reason", default="move", help="Reason recorded for every move (default move).")
@pass_shop
def scan(shop: Shop, reason: str) -> None:
    """Scan station: read codes one per line from stdin and move pieces in batches.

    Scan a location, then pieces, then the location again (or an empty line) to move
    them in one go. Pieces first, then the location, works too.
    """
    from jeweltui.scanning import MoveBatch

    staff = shop.staff()
    if sys.stdin.isatty():
        click.echo("Scan a location, then pieces, then the location again. Ctrl+D ends.", err=True)
    station = Station(MoveBatch(staff=staff, reason=reason), sys.stdout, sys.stdout.isatty())
    sys.exit(station.run(sys.stdin.buffer))


COMMANDS = [scan]
