"""First paint in a REAL terminal (tmux, 80x24): from starting `jeweltui tui` on the big shop
until its home screen is on the terminal, against a minimal Textual DataTable app started
the same way in the same run. tmux answers textual-image's terminal probe like a real
terminal does, so the probe's cost is in the figure (a headless run never sees it).

    python bench/first_paint.py [--pieces 100000] [--runs 5]

Goal (issue 22): <= 1.6x the minimal app, and < 0.8 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ratio, shop_for

MINIMAL = """
from textual.app import App
from textual.widgets import DataTable, Footer, Header

class Minimal(App):
    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("READY", "title", "price")
        table.add_rows([(f"R-{n:06d}", "ring", "1.00") for n in range(30)])

Minimal().run()
"""


def _pane(session: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
    ).stdout


def time_to_text(command: list[str], marker: str, timeout: float = 20.0) -> float:
    """Seconds from starting `command` in a fresh 80x24 tmux window until `marker` shows."""
    session = f"paint{os.getpid()}"
    shell = " ".join(shlex.quote(part) for part in command)
    started = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", shell], check=True
    )
    try:
        while time.perf_counter() - started < timeout:
            if marker in _pane(session):
                return time.perf_counter() - started
            time.sleep(0.005)
        raise TimeoutError(f"{marker!r} never showed: {_pane(session)}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    db = shop_for(args.pieces)
    script = Path(tempfile.mkdtemp()) / "minimal.py"
    script.write_text(MINIMAL)
    ours_cmd = [sys.executable, "-c", "from jeweltui.cli import main; main()", "--db", str(db)]
    ours, minimal = [], []
    for _ in range(args.runs):  # interleaved, so both see the same load
        minimal.append(time_to_text([sys.executable, str(script)], "READY"))
        ours.append(time_to_text(ours_cmd, "In stock by location"))
    ours_s, minimal_s = statistics.median(ours), statistics.median(minimal)
    print(
        json.dumps(
            {
                "bench": "first paint in tmux",
                "pieces": args.pieces,
                "runs": args.runs,
                "first_paint_s": round(ours_s, 3),
                "baseline_minimal_datatable_s": round(minimal_s, 3),
                "ratio": ratio(ours_s, minimal_s),
                "goals": {"le_1_6x": ours_s <= 1.6 * minimal_s, "lt_0_8s": ours_s < 0.8},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
