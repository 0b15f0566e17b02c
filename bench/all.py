"""Every speed benchmark of issue 22 on one big shop, one after the other. Prints JSON: each
benchmark's own output, and a table of figure, baseline (same run), ratio and goals.

    python bench/all.py [--pieces 100000]      # or --pieces 1000000

The shop comes from bench/make_shop.py and is kept in $JEWELTUI_BENCH_CACHE (default
/tmp/jeweltui-bench) for the next run. Figures depend on the machine and its load: the
ratios against a baseline measured in the same run are what compare across machines.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent

# script, extra arguments, (figure key, baseline key, ratio key) as printed by it
BENCHES = [
    ("search.py", [], ("search_page_and_count.p99_ms", "baseline_raw_like.p99_ms", "ratio_p99")),
    ("search.py", [], ("exact_code.p99_ms", "baseline_exact_raw_like.p99_ms", None)),
    ("tui.py", [], ("after_pause_to_table_ms_p99", "debounce_ms", None)),
    ("first_paint.py", ["--runs", "5"], ("first_paint_s", "baseline_minimal_datatable_s", "ratio")),
    ("holds.py", [], ("seconds", "baseline_raw_s", "ratio")),
    ("available.py", [], ("available.p50_ms", "baseline_one_raw_sql.p50_ms", "ratio_p50")),
    ("tags.py", [], ("tags_per_s", "baseline_python_barcode_pillow_per_s", "ratio_time")),
    ("move.py", ["--moves", "1000"], ("service.p50_ms", "raw_sqlite3.p50_ms", "ratio_p50")),
    ("orders.py", [], ("seconds", "baseline_raw_s", "ratio")),
]


def pick(data: dict, dotted: str | None):
    if dotted is None:
        return None
    for part in dotted.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", type=int, default=100_000)
    args = parser.parse_args()
    outputs: dict[str, dict] = {}
    table = []
    for script, extra, (figure, baseline, ratio) in BENCHES:
        if script not in outputs:
            run = subprocess.run(
                [sys.executable, str(HERE / script), "--pieces", str(args.pieces), *extra],
                capture_output=True,
                text=True,
                cwd=HERE,
            )
            try:
                outputs[script] = json.loads(run.stdout)
            except json.JSONDecodeError:
                outputs[script] = {"error": (run.stderr or run.stdout)[-2000:]}
        data = outputs[script]
        table.append(
            {
                "bench": script,
                "figure": figure,
                "value": pick(data, figure),
                "baseline": pick(data, baseline),
                "ratio": pick(data, ratio),
                "goals": data.get("goals"),
            }
        )
    print(json.dumps({"pieces": args.pieces, "table": table, "outputs": outputs}, indent=2))


if __name__ == "__main__":
    main()
