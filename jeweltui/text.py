"""Text from people and files is data: control characters never reach a terminal or the file.

One function, strip_controls, cleans every piece of user text a service stores: names,
titles, notes, reasons, codes typed by hand. It removes
- whole terminal escape sequences (CSI `ESC [ … m`, OSC `ESC ] … BEL`, DCS/APC/PM and
  their one-character C1 forms), not just their ESC, so no '[31m' is left behind;
- the remaining C0 and C1 control characters and DEL;
- bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make
  a name or code read differently from what is stored ("Trojan Source").
"""

from __future__ import annotations

import re
from typing import Any

_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, screen clears
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS…
    r"|\x1b[ -/]*[0-~]"  # any other escape: ESC c (reset), ESC ( B …
)
# C0 controls (ESC starts ANSI/OSC sequences, BEL ends OSC), DEL and the C1 controls
# (U+009B is a one-character CSI on many terminals).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"[\t\n\r]+")


def strip_controls(text: str, *, keep_lines: bool = False) -> str:
    """The text without escape sequences, control characters or bidi overrides; a
    one-line field also folds tabs and newlines into a space. keep_lines keeps newlines
    and tabs (notes)."""
    text = _SEQUENCES.sub("", text)
    if not keep_lines:
        text = _LINE_BREAKS.sub(" ", text)
    return _BIDI.sub("", _CONTROLS.sub("", text))


def clean_line(value: Any) -> str:
    """A one-line field as stored: cleaned and trimmed ('' for None)."""
    return strip_controls(str(value or "")).strip()


def clean_note(value: Any) -> str:
    """A note as stored: cleaned, its line breaks kept, trimmed."""
    return strip_controls(str(value or ""), keep_lines=True).strip()
