"""What the benchmarks share: the big shop they build on, and how figures are reported.

Every benchmark prints JSON with its figure, a baseline measured in the same run, and
`ratio` = figure / baseline (for times: how many times slower than the baseline).
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
from pathlib import Path

from make_shop import make_shop

CACHE = Path(os.environ.get("JEWELTUI_BENCH_CACHE", Path(tempfile.gettempdir()) / "jeweltui-bench"))


def shop_for(pieces: int, db: Path | None = None, *, copy: bool = False) -> Path:
    """A shop of `pieces` pieces from bench/make_shop.py, built once and kept in CACHE
    (or `db` when given). copy=True: a private copy for a benchmark that writes."""
    path = db or CACHE / f"shop-{pieces}.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        make_shop(path, pieces)
    if not copy:
        return path
    target = Path(tempfile.mkdtemp(prefix="jeweltui-bench-")) / "shop.db"
    shutil.copyfile(path, target)
    return target


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def figures(samples_ns: list[int]) -> dict[str, float]:
    ms = [s / 1e6 for s in samples_ns]
    return {
        "p50_ms": round(percentile(ms, 0.50), 3),
        "p99_ms": round(percentile(ms, 0.99), 3),
        "mean_ms": round(statistics.fmean(ms), 3),
        "samples": len(ms),
    }


def ratio(figure: float, baseline: float) -> float | None:
    return round(figure / baseline, 2) if baseline else None
