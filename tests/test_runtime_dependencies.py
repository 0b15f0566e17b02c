"""Every library the installed package imports is one pyproject.toml declares.

A plain `pip install .` installs only `dependencies`; a module imported at runtime but
declared only in the dev extra (or only arriving as another library's dependency) breaks
a user's install while every test still passes. This reads the package's own source, so
it needs no second install to catch that.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The folders pyproject installs as the jeweltui package (see [tool.setuptools] package-dir).
PACKAGE_DIRS = ("jeweltui", "models", "screens", "sample_data")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    return normalise(re.match(r"[A-Za-z0-9_.-]+", requirement.strip()).group(0))


def declared() -> tuple[set[str], set[str]]:
    """(runtime dependencies, optional extras other than dev) as normalised names."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {requirement_name(r) for r in project["dependencies"]}
    optional = {
        requirement_name(r)
        for extra, requirements in project.get("optional-dependencies", {}).items()
        if extra != "dev"
        for r in requirements
    }
    return runtime, optional


def is_type_checking_block(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(test)


def imports_of(tree: ast.Module):
    """(top-level module name, imported at module level?) for every absolute import."""

    def walk(node: ast.AST, in_function: bool):
        for child in ast.iter_child_nodes(node):
            if is_type_checking_block(child):
                continue
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name.split(".")[0], not in_function
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                yield child.module.split(".")[0], not in_function
            nested = in_function or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            yield from walk(child, nested)

    yield from walk(tree, False)


def third_party_imports():
    """{(top-level module, file, module level?)} outside the stdlib and our own package."""
    found = set()
    for folder in PACKAGE_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for module, module_level in imports_of(tree):
                if module in sys.stdlib_module_names or module in ("jeweltui", "__future__"):
                    continue
                found.add((module, str(path.relative_to(ROOT)), module_level))
    return found


def test_the_scan_sees_the_libraries_the_package_is_built_on():
    modules = {module for module, _, _ in third_party_imports()}
    assert {"click", "peewee", "textual", "PIL", "barcode"} <= modules


def test_every_runtime_import_is_a_declared_dependency():
    runtime, optional = declared()
    distributions = packages_distributions()
    undeclared = []
    for module, where, module_level in sorted(third_party_imports()):
        provided_by = {normalise(d) for d in distributions.get(module, ())}
        allowed = runtime if module_level else runtime | optional
        if not provided_by & allowed:
            dists = ", ".join(sorted(provided_by)) or "not installed"
            undeclared.append(f"{where}: import {module} ({dists})")
    assert not undeclared, "imports not declared in pyproject dependencies:\n" + "\n".join(
        undeclared
    )
