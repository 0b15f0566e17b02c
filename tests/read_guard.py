"""CI's guard: a test that opens a file outside the repository fails.

The repository must stand alone: fixtures come from tests/data, databases and exports go
to tmp_path. `.ci/run` sets JEWELTUI_READ_GUARD to a log file; then every `open` of a path
outside the repository, the temporary folder, Python's own installation and the system
folders is refused (PermissionError) and written to that log, so a library that swallows
the error cannot hide it either.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = os.path.realpath(Path(__file__).resolve().parents[1])
SYSTEM = ("/dev", "/proc", "/sys", "/usr", "/etc", "/lib", "/lib64", "/bin", "/run")


def allowed_roots() -> tuple[str, ...]:
    roots = {ROOT, os.path.realpath(tempfile.gettempdir()), *SYSTEM}
    for prefix in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix):
        roots.add(os.path.realpath(prefix))
    return tuple(sorted(roots))


def install_if_asked() -> None:
    log = os.environ.get("JEWELTUI_READ_GUARD")
    if not log:
        return
    roots = allowed_roots()

    def inside(path: str) -> bool:
        return any(path == root or path.startswith(root + os.sep) for root in roots)

    def guard(event: str, args: tuple) -> None:
        if event != "open" or not isinstance(args[0], str | bytes | os.PathLike):
            return
        path = os.path.realpath(os.fsdecode(args[0]))
        if inside(path):
            return
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{path}\n")
        raise PermissionError(f"a test opened {path}, outside the repository")

    sys.addaudithook(guard)
