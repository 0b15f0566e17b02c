"""Millimetres to printer dots, and the label sizes a shop prints on.

Sizes are kept in millimetres (what the label roll's box says) and turned into whole
dots only at render time, for the dpi of the printer at hand.
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from jeweltui.errors import InvalidInput

MM_PER_INCH = 25.4

# A "203 dpi" thermal head is really 8 dots/mm (203.2 dpi); using the true pitch keeps
# a 2.2" tag at the 447 dots the printer lays down. 300 dpi heads are 11.81 dots/mm.
DOTS_PER_MM = {203: 8.0, 300: 300 / MM_PER_INCH}
SUPPORTED_DPI = tuple(DOTS_PER_MM)

TEMPLATES = ("barbell", "rattail", "location", "envelope", "shelf")

LABELS_CONFIG_ENV = "JEWELTUI_LABELS_CONFIG"


def check_dpi(dpi: int) -> int:
    if dpi not in DOTS_PER_MM:
        supported = " or ".join(str(d) for d in SUPPORTED_DPI)
        raise InvalidInput(f"Printers here are {supported} dpi, not {dpi}.", field="dpi")
    return dpi


def dots(mm: float, dpi: int) -> int:
    """Whole printer dots for a length in millimetres (half a dot rounds up)."""
    return math.floor(mm * DOTS_PER_MM[check_dpi(dpi)] + 0.5)


def mm(dot_count: int, dpi: int) -> float:
    return dot_count / DOTS_PER_MM[check_dpi(dpi)]


@dataclass(frozen=True)
class LabelSize:
    """One label stock: its outline in mm, the template drawn on it and its clear edge."""

    name: str
    template: str
    width_mm: float
    height_mm: float
    margin_mm: float = 1.0
    wing_mm: float | None = None  # barbell tags: each wing is scanned on its own
    description: str = ""

    def pixels(self, dpi: int) -> tuple[int, int]:
        return dots(self.width_mm, dpi), dots(self.height_mm, dpi)


@dataclass(frozen=True)
class SizeBook:
    """All sizes known to this shop (presets plus its own), and the default per template."""

    sizes: dict[str, LabelSize]
    defaults: dict[str, str]

    def get(self, name: str | None, template: str, *also: str) -> LabelSize:
        """The named size, or `template`'s default; the size must suit one of the templates."""
        allowed = (template, *also)
        chosen = name or self.defaults.get(template)
        if chosen is None or chosen not in self.sizes:
            known = ", ".join(n for n, s in self.sizes.items() if s.template in allowed)
            raise InvalidInput(
                f"No label size called {chosen!r}. Sizes for {' or '.join(allowed)} labels: "
                f"{known}.",
                field="size",
            )
        size = self.sizes[chosen]
        if size.template not in allowed:
            raise InvalidInput(
                f"Size {chosen!r} is for {size.template} labels, not {' or '.join(allowed)}.",
                field="size",
            )
        return size


def _size_from_table(name: str, table: dict, origin: str) -> LabelSize:
    try:
        template = str(table["template"])
        width = float(table["width_mm"])
        height = float(table["height_mm"])
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidInput(
            f"Label size {name!r} in {origin} needs template, width_mm and height_mm ({error})."
        ) from error
    if template not in TEMPLATES:
        raise InvalidInput(
            f"Label size {name!r} in {origin}: template must be one of {', '.join(TEMPLATES)}."
        )
    if width <= 0 or height <= 0:
        raise InvalidInput(f"Label size {name!r} in {origin}: width and height must be > 0.")
    wing = table.get("wing_mm")
    if template == "barbell":
        wing = float(wing) if wing is not None else width * 0.8 / 2.2  # the usual 0.8" wing
        if not 0 < wing <= width / 2:
            raise InvalidInput(f"Label size {name!r} in {origin}: wing_mm must fit twice.")
    return LabelSize(
        name=name,
        template=template,
        width_mm=width,
        height_mm=height,
        margin_mm=float(table.get("margin_mm", 1.0)),
        wing_mm=float(wing) if wing is not None else None,
        description=str(table.get("description", "")),
    )


def _merge(book: SizeBook, document: dict, origin: str) -> SizeBook:
    sizes = dict(book.sizes)
    for name, table in document.get("sizes", {}).items():
        sizes[name] = _size_from_table(name, table, origin)
    defaults = dict(book.defaults)
    defaults.update({k: str(v) for k, v in document.get("defaults", {}).items()})
    return SizeBook(sizes=sizes, defaults=defaults)


def preset_sizes() -> SizeBook:
    text = resources.files("jeweltui.labels").joinpath("presets.toml").read_text("utf-8")
    return _merge(SizeBook({}, {}), tomllib.loads(text), "the built-in presets")


def default_config_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path("jeweltui", appauthor=False) / "labels.toml"


def load_shop_config(path: str | os.PathLike | None = None) -> dict:
    """The shop's labels.toml as a dict ({} when the shop has none).

    An explicit path must exist; the env variable and the default location may be absent.
    """
    explicit = path is not None
    chosen = Path(path or os.environ.get(LABELS_CONFIG_ENV) or default_config_path())
    if not chosen.exists():
        if explicit:
            raise InvalidInput(f"No label settings file at {chosen}.", field="config")
        return {}
    try:
        return tomllib.loads(chosen.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InvalidInput(f"{chosen} is not a valid TOML file: {error}", field="config") from error


def size_book(shop_config: dict | None = None, origin: str = "labels.toml") -> SizeBook:
    """Presets, overlaid with the shop's own [sizes] and [defaults]."""
    book = preset_sizes()
    return _merge(book, shop_config, origin) if shop_config else book
