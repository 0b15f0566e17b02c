"""The exporter interface, the rows it receives, and the registry of exporters.

Built-ins are registered here directly; third-party exporters come from the
`jeweltui.exporters` entry-point group (name = exporter name, value = a class
or factory returning an Exporter). Entry points are listed without importing
them and loaded only when used, so a broken plug-in cannot stop the others.
"""

from __future__ import annotations

import csv
import importlib.metadata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple, TextIO

from jeweltui.errors import InvalidInput

ENTRY_POINT_GROUP = "jeweltui.exporters"
NEWLINE = "\n"  # every exporter ends lines the same way: same data, same bytes


@dataclass(frozen=True, slots=True)
class ExportSettings:
    """A channel's configuration as the exporter sees it."""

    currency: str = "EUR"
    price_percent: int = 100
    rounding: str = "cent"  # cent | whole | x99
    url_base: str = ""
    image_base: str = ""
    brand: str = ""
    locations: tuple[str, ...] = ()  # empty: every sellable location
    channel_location: str = "Shop location"  # the channel's own name for our stock


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One piece as a channel sees it: price already adjusted, quantity 1 or 0."""

    stock_no: str
    sku: str
    category: str
    title: str
    description: str
    metal: str
    karat: int | None
    colour: str
    ring_size: str
    metal_mg: int | None
    price_cents: int
    currency: str
    vendor: str
    vendor_style: str
    barcode: str
    images: tuple[str, ...]
    link: str
    qty: int
    location: str

    @property
    def handle(self) -> str:
        # The stock number never changes or repeats, so the channel's product stays the same
        # product through title edits.
        return self.stock_no.lower()

    @property
    def available(self) -> bool:
        return self.qty > 0


class Listing(NamedTuple):
    """What a diff compares: one product line of an export file."""

    title: str
    qty: int
    price: str


class Exporter:
    """Turns rows into one channel's file. Subclasses set name/label and write()."""

    name = ""
    label = ""
    suffix = ".csv"

    def write(self, rows: Iterable[ExportRow], out: TextIO, settings: ExportSettings) -> None:
        raise NotImplementedError

    def listings(self, path: Path) -> dict[str, Listing]:
        """Read a file this exporter wrote back into {stock_no: Listing}, for --diff."""
        raise NotImplementedError


@cache
def header_line(name: str) -> str:
    """The exact first line of a channel's template, shipped in jeweltui/channels/headers/."""
    text = (
        resources.files("jeweltui.channels").joinpath("headers", f"{name}.txt").read_text("utf-8")
    )
    return text.splitlines()[0]


class CsvExporter(Exporter):
    """A CSV whose first line is a channel's header copied byte for byte."""

    header_name = ""
    key_column = "SKU"
    title_column = "Title"
    qty_column = ""
    price_column = ""
    constants: dict[str, str] = {}  # cells the same on every piece's first row

    def __init__(self) -> None:
        self.header = header_line(self.header_name)
        self.columns = next(csv.reader([self.header]))
        self.index = {name: i for i, name in enumerate(self.columns)}
        self.first_row = [""] * len(self.columns)
        for column, value in self.constants.items():
            self.first_row[self.index[column]] = value

    def lines(self, row: ExportRow, settings: ExportSettings) -> Iterator[dict[str, str]]:
        """The file rows of one piece, as {column: cell}; free text already neutralised.

        The first gets `constants` too; later ones (extra image rows) only their own cells.
        """
        raise NotImplementedError

    def write(self, rows: Iterable[ExportRow], out: TextIO, settings: ExportSettings) -> None:
        out.write(self.header + NEWLINE)
        writerow = csv.writer(out, lineterminator=NEWLINE).writerow
        blank, first_row, index = [""] * len(self.columns), self.first_row, self.index
        for row in rows:
            start = first_row
            for cells in self.lines(row, settings):
                line = start.copy()
                for column, value in cells.items():
                    line[index[column]] = value
                writerow(line)
                start = blank

    def listings(self, path: Path) -> dict[str, Listing]:
        found: dict[str, Listing] = {}
        with open(path, newline="", encoding="utf-8") as handle:
            for record in csv.DictReader(handle):
                key = record.get(self.key_column, "")
                if key:  # extra image rows carry no SKU
                    qty = record.get(self.qty_column, "") or "0"
                    found[key] = Listing(
                        record.get(self.title_column, ""),
                        int(qty) if qty.lstrip("-").isdigit() else 0,
                        record.get(self.price_column, ""),
                    )
        return found


# --- registry -------------------------------------------------------------------------

_registered: dict[str, Callable[[], Exporter]] = {}


def register(factory: Callable[[], Exporter], name: str | None = None) -> None:
    """Add an exporter in-process (tests, scripts). Installed packages use the entry point."""
    _registered[name or factory.name] = factory  # type: ignore[attr-defined]


def unregister(name: str) -> None:
    _registered.pop(name, None)


def _builtins() -> dict[str, Callable[[], Exporter]]:
    from jeweltui.channels import google, jsonfeed, shopify, woocommerce

    classes = (
        shopify.ShopifyProducts,
        shopify.ShopifyProductsLegacy,
        shopify.ShopifyInventory,
        woocommerce.WooCommerceProducts,
        google.GoogleMerchant,
        jsonfeed.JsonFeed,
    )
    return {cls.name: cls for cls in classes}


def _entry_points() -> dict[str, importlib.metadata.EntryPoint]:
    return {ep.name: ep for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)}


def exporter_names() -> list[str]:
    """Every exporter known: built-in, registered, installed (not imported)."""
    return sorted({*_builtins(), *_registered, *_entry_points()})


def get_exporter(name: str) -> Exporter:
    factory = _registered.get(name) or _builtins().get(name)
    if factory is None:
        point = _entry_points().get(name)
        if point is None:
            raise InvalidInput(
                f"No exporter called '{name}'; known: {', '.join(exporter_names())}.",
                field="exporter",
            )
        try:
            factory = point.load()
        except Exception as error:  # a third party's bug: say whose, do not crash
            raise InvalidInput(
                f"The exporter '{name}' ({point.value}) could not be loaded: {error}",
                field="exporter",
            ) from error
    exporter = factory()
    if not isinstance(exporter, Exporter):
        raise InvalidInput(f"'{name}' is not a jeweltui Exporter.", field="exporter")
    return exporter
