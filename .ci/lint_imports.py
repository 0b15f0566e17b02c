"""Check the import-linter contracts in pyproject.toml against the package as pip installs it.

pyproject maps `models/` and `screens/` into the package (`jeweltui.models`,
`jeweltui.screens`) through setuptools' package-dir. import-linter finds a package by
walking its folder, so on a source checkout it would not see those two. This lays the
Python files out the way an install does, in a temporary folder, and runs `lint-imports`
there with the repository's own configuration. Arguments are passed on to lint-imports.

    .venv/bin/python .ci/lint_imports.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def stage_package(stage: Path) -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    # Shortest first, so a mapped subpackage lands inside its parent's copy.
    for package, folder in sorted(setuptools["package-dir"].items(), key=lambda kv: kv[0]):
        shutil.copytree(
            ROOT / folder,
            stage.joinpath(*package.split(".")),
            ignore=lambda _, names: [
                n for n in names if n == "__pycache__" or ("." in n and not n.endswith(".py"))
            ],
            dirs_exist_ok=True,
        )


def main() -> int:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    with tempfile.TemporaryDirectory(prefix="jeweltui-imports-") as folder:
        stage = Path(folder)
        stage_package(stage)
        env = {**os.environ, "PYTHONPATH": str(stage)}
        command = [str(lint_imports), str(ROOT / "pyproject.toml"), "--no-cache"]
        return subprocess.run(command + sys.argv[1:], cwd=stage, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
