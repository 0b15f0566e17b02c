"""The import-linter contract for the core names every part of the core.

The contract lists the core's modules one by one (import-linter cannot say "all of
jeweltui but the CLI"), so a new core module must be added there or it escapes the rule.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE_CONTRACT = "The core never imports the screens, the CLI or Textual"
# The two parts that may import Textual and each other's entry points.
FRONT_ENDS = {"jeweltui.cli", "jeweltui.screens"}


def core_modules() -> set[str]:
    names = set()
    for entry in (ROOT / "jeweltui").iterdir():
        if entry.name.startswith(("_", ".")):
            continue
        if entry.is_dir() and (entry / "__init__.py").exists():
            names.add(f"jeweltui.{entry.name}")
        elif entry.suffix == ".py":
            names.add(f"jeweltui.{entry.stem}")
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    for package in setuptools["package-dir"]:
        if package.count(".") == 1:
            names.add(package)
    return names - FRONT_ENDS - {"jeweltui.sample_data"}


def test_the_core_contract_covers_every_module_of_the_core():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["name"] == CORE_CONTRACT]
    missing = core_modules() - set(contract["source_modules"])
    assert not missing, f"add to the core contract in pyproject.toml: {sorted(missing)}"
