"""Text from people and files is data: control characters never reach a terminal or the file."""

from __future__ import annotations

import re

# C0 controls (ESC starts ANSI/OSC sequences, BEL ends OSC), DEL and the C1 controls
# (U+009B is a one-character CSI on many terminals).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\n\r]+")


def strip_controls(text: str, *, keep_lines: bool = False) -> str:
    """The text without control characters; a one-line field also folds tabs and newlines
    into a space. keep_lines keeps newlines and tabs (notes)."""
    if not keep_lines:
        text = _LINE_BREAKS.sub(" ", text)
    return _CONTROLS.sub("", text)
