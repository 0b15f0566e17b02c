"""What a code looks like once a scanner's or a typist's noise is taken off."""

from __future__ import annotations

import re

from jeweltui.errors import InvalidInput

MAX_CODE_LENGTH = 64
_PRINTABLE = re.compile(r"^[A-Z0-9][A-Z0-9./_+-]*$")


def normalise_code(raw: str) -> str:
    """' *r-000123* ' -> 'R-000123': trims spaces, Code39 asterisks, and upper-cases."""
    code = raw.strip().strip("*").strip().upper()
    if not code:
        raise InvalidInput("Empty code.", field="code")
    if len(code) > MAX_CODE_LENGTH or not _PRINTABLE.match(code):
        # Escaped, so control characters from a misread scan cannot garble the terminal.
        shown = code[:40].encode("unicode_escape").decode("ascii") + ("…" if len(code) > 40 else "")
        raise InvalidInput(f"'{shown}' is not a code jeweltui prints or reads.", field="code")
    return code
