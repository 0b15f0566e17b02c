"""Which exporters exist, and making one by name.

Every exporter, our own included, is declared in the `jeweltui.exporters` entry-point
group (pyproject.toml: name = exporter name, value = a class or factory returning an
Exporter), so a shop's own package adds one the same way we do. Entry points are listed
without importing them and loaded only when used, so a broken plug-in cannot stop the
others. Tests and scripts can also register one in-process.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable

from jeweltui.channels.base import Exporter
from jeweltui.errors import InvalidInput

ENTRY_POINT_GROUP = "jeweltui.exporters"

_registered: dict[str, Callable[[], Exporter]] = {}


def register(factory: Callable[[], Exporter], name: str | None = None) -> None:
    """Add an exporter in-process (tests, scripts). Installed packages use the entry point."""
    _registered[name or factory.name] = factory  # type: ignore[attr-defined]


def unregister(name: str) -> None:
    _registered.pop(name, None)


def _entry_points() -> dict[str, importlib.metadata.EntryPoint]:
    return {ep.name: ep for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)}


def exporter_names() -> list[str]:
    """Every exporter known: registered in-process or installed (none of them imported)."""
    return sorted({*_registered, *_entry_points()})


def get_exporter(name: str) -> Exporter:
    factory = _registered.get(name) or _load(name)
    exporter = factory()
    if not isinstance(exporter, Exporter):
        raise InvalidInput(f"'{name}' is not a jeweltui Exporter.", field="exporter")
    return exporter


def _load(name: str) -> Callable[[], Exporter]:
    point = _entry_points().get(name)
    if point is None:
        raise InvalidInput(
            f"No exporter called '{name}'; known: {', '.join(exporter_names())}.",
            field="exporter",
        )
    try:
        return point.load()
    except Exception as error:  # a third party's bug: say whose, do not crash
        raise InvalidInput(
            f"The exporter '{name}' ({point.value}) could not be loaded: {error}",
            field="exporter",
        ) from error
