"""Start-up time of everyday CLI commands against `python -c "import click, peewee"`.

A cron job or a script pays the CLI's start-up on every call. The floor is the two
libraries the CLI is built on, so that is the baseline, measured in the same run and
interleaved with the commands (the machine's noise hits both alike). The goal: each
command within 1.5x the baseline.

    python bench/cli.py [--runs 21]

Prints JSON: the median wall time of each command in ms, its ratio to the baseline, and
whether the goal is met. `piece show` runs on the demo shop, loaded into a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL = 1.5
BIN = Path(sys.executable).parent
# An installed package has its bytecode compiled (pip does it); let the warm-up run write
# ours, so every run measures importing, not compiling, even where the shell sets
# PYTHONDONTWRITEBYTECODE.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def jeweltui(*args: str) -> list[str]:
    return [str(BIN / "jeweltui"), *args]


def run_ms(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) milliseconds of one run. CPU time (user + system of the child) is what
    the command itself costs; wall time also counts waiting for a busy machine's cores."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=ENV
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def demo_shop(folder: Path) -> tuple[Path, str]:
    db = folder / "demo.db"
    subprocess.run(
        jeweltui("--db", str(db), "demo", "--no-tui"), check=True, capture_output=True, env=ENV
    )
    with sqlite3.connect(db) as connection:
        (stock_no,) = connection.execute("SELECT stock_no FROM piece ORDER BY id").fetchone()
    return db, stock_no


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (median)")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="jeweltui-bench-") as folder:
        db, stock_no = demo_shop(Path(folder))
        commands = {
            "baseline: import click, peewee": [sys.executable, "-c", "import click, peewee"],
            "jeweltui --help": jeweltui("--help"),
            f"jeweltui piece show {stock_no}": jeweltui("--db", str(db), "piece", "show", stock_no),
        }
        for command in commands.values():  # warm the file cache and the .pyc files
            run_ms(command)
        wall: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                wall_ms, cpu_ms = run_ms(command)
                wall[name].append(wall_ms)
                cpu[name].append(cpu_ms)
    print(json.dumps(report(commands, wall, cpu, runs), indent=2))


def report(commands: dict, wall: dict, cpu: dict, runs: int) -> dict:
    baseline_name, *measured = commands

    def figures(times: dict[str, list[float]]) -> dict:
        medians = {name: statistics.median(values) for name, values in times.items()}
        base = medians[baseline_name]
        return {
            "baseline_ms": round(base, 1),
            **{
                name: {
                    "median_ms": round(medians[name], 1),
                    "ratio": round(medians[name] / base, 2),
                }
                for name in measured
            },
        }

    by_cpu = figures(cpu)
    return {
        "runs": runs,
        "baseline": baseline_name,
        "goal_ratio": GOAL,
        "cpu": by_cpu,
        "wall": figures(wall),
        "met": all(by_cpu[name]["ratio"] <= GOAL for name in measured),
        "note": "medians of interleaved runs; the goal is judged on CPU time, which a busy "
        "machine stretches far less than wall time",
    }


if __name__ == "__main__":
    main()
