"""textual-image's terminal probe, off the first paint.

On import, textual-image asks the terminal what graphics it supports and waits up to
0.1 s for each answer; that only works before Textual takes the terminal over. So in a
real terminal the import runs in a thread started first thing (the wait overlaps
importing Textual and opening the shop), and the app joins it just before Textual
starts reading the keyboard. Headless (tests, pipes) there is nothing to ask.
"""

from __future__ import annotations

import sys
import threading

_probe: threading.Thread | None = None


def _import_textual_image() -> None:
    try:
        import textual_image.widget  # noqa: F401
    except Exception:  # photos then show as their path; the app works without them
        pass


def start_probe() -> None:
    global _probe
    if _probe is None and sys.__stdout__ is not None and sys.__stdout__.isatty():
        _probe = threading.Thread(target=_import_textual_image, name="image-probe", daemon=True)
        _probe.start()


def finish_probe(timeout: float = 1.0) -> None:
    """Before Textual owns the terminal: the probe must not read keys meant for the app."""
    if _probe is not None:
        _probe.join(timeout)
