"""The scan bar: an Input that turns each scanner burst into one message per code.

A keyboard-wedge scanner types a whole code and a terminator in a few milliseconds.
A stock Input submits through a binding that runs after the queued keys, so a burst of
scans merges into one long string. Here the terminator is handled in the key handler
itself, in key order: the value is taken and cleared at once, before the next key.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input

# Enter, LF (ctrl+j) and Tab: the three endings scanners are configured with.
TERMINATORS = frozenset({"enter", "ctrl+j", "tab"})


class ScanInput(Input):
    """Scan (or type) a code and Enter. Posts ScanInput.Scanned for every code."""

    DEFAULT_CSS = """
    ScanInput {
        border: tall $accent;
    }
    """

    class Scanned(Message):
        """One code, exactly as typed or scanned (the screen normalises it)."""

        def __init__(self, scan_input: ScanInput, code: str) -> None:
            super().__init__()
            self.scan_input = scan_input
            self.code = code

        @property
        def control(self) -> ScanInput:
            return self.scan_input

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("placeholder", "Scan a code…")
        super().__init__(**kwargs)

    async def on_key(self, event: events.Key) -> None:
        if event.key not in TERMINATORS:
            return  # Input's own handler inserts the character
        event.stop()
        event.prevent_default()  # no submit binding, no focus change on Tab
        code, self.value = self.value, ""
        if code.strip():
            self.post_message(self.Scanned(self, code))
