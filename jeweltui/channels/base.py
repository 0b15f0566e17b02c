"""The exporter interface and the rows it receives (the registry is channels/registry.py)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple, TextIO

NEWLINE = "\n"  # every exporter ends lines the same way: same data, same bytes
WRITE_BATCH = 1000  # rows handed to csv.writer.writerows at once


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


class ExportRow(NamedTuple):
    """One piece (quantity 1 or 0) or quantity item (the units the channel may offer) as a
    channel sees it, price already adjusted.

    A named tuple: immutable like before, and about four times cheaper to build than a frozen
    dataclass, which counts at 100k rows a night.
    """

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
    is_item: bool = False  # a quantity item (qty = units the channel may offer), not a piece
    stone_types: str = ""  # "diamond, sapphire": tags and attributes a shopper filters by

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


class RowShape:
    """Lays out a tuple of values (in `value_columns` order) as a full file row in header
    order, constants and blanks filled in: one C-level itemgetter call per row."""

    def __init__(self, columns: list[str], value_columns: tuple[str, ...], constants) -> None:
        known = dict.fromkeys(value_columns)
        fixed = {k: v for k, v in constants.items() if k not in known}
        self.tail = (*fixed.values(), "")
        slot = {name: i for i, name in enumerate((*value_columns, *fixed))}
        blank = len(value_columns) + len(fixed)
        picks = [slot.get(column, blank) for column in columns]
        self.pick = itemgetter(*picks)

    def __call__(self, values: tuple[str, ...]) -> tuple[str, ...]:
        return self.pick(values + self.tail)


class CsvExporter(Exporter):
    """A CSV whose first line is a channel's header copied byte for byte.

    A subclass names the columns it fills (`value_columns`) and returns their cells in that
    order from values(); columns in `constants` get the same text on every piece's first row;
    every other column stays empty. Extra rows of a piece (Shopify's further images) come from
    extra_rows(), laid out by `extra_columns`. Free text comes back already neutralised.
    """

    header_name = ""
    key_column = "SKU"
    title_column = "Title"
    qty_column = ""
    price_column = ""
    constants: dict[str, str] = {}  # cells the same on every piece's first row
    value_columns: tuple[str, ...] = ()
    extra_columns: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.header = header_line(self.header_name)
        self.columns = next(csv.reader([self.header]))
        unknown = set(self.value_columns + self.extra_columns + tuple(self.constants))
        unknown -= set(self.columns)
        if unknown:
            raise ValueError(f"{self.name}: not in the header: {sorted(unknown)}")
        self.shape = RowShape(self.columns, self.value_columns, self.constants)
        self.extra_shape = RowShape(self.columns, self.extra_columns, {})

    def values(self, row: ExportRow, settings: ExportSettings) -> tuple[str, ...]:
        """The cells of a piece's first row, in `value_columns` order."""
        raise NotImplementedError

    def extra_rows(self, row: ExportRow, settings: ExportSettings) -> Iterable[tuple[str, ...]]:
        """Further rows of one piece, each in `extra_columns` order. Most formats: none."""
        return ()

    def write(self, rows: Iterable[ExportRow], out: TextIO, settings: ExportSettings) -> None:
        out.write(self.header + NEWLINE)
        writerows = csv.writer(out, lineterminator=NEWLINE).writerows
        shape, values, extra_shape = self.shape, self.values, self.extra_shape
        has_extra = type(self).extra_rows is not CsvExporter.extra_rows
        batch: list[tuple[str, ...]] = []
        for row in rows:
            batch.append(shape(values(row, settings)))
            if has_extra:
                batch.extend(map(extra_shape, self.extra_rows(row, settings)))
            if len(batch) >= WRITE_BATCH:
                writerows(batch)
                batch.clear()
        writerows(batch)

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
