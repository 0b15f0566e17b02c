"""What a label consists of, in printer dots: text boxes, 1D bars and 2D matrices.

Templates produce a Layout; the raster painter turns it into a PNG and the ZPL writer
into printer commands, so both outputs place things in the same spots.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .barcodes import (
    MIN_MODULE_DOTS,
    BarcodeWontFit,
    LinearSymbol,
    MatrixSymbol,
    code128,
    datamatrix,
    fit_report,
    largest_matrix_module,
    largest_module,
)
from .fonts import fit_text
from .geometry import LabelSize, dots

SYMBOLOGIES = ("auto", "code128", "datamatrix")


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    def inset(self, by: int) -> Box:
        return Box(self.x + by, self.y + by, self.width - 2 * by, self.height - 2 * by)

    def split_rows(self, weights: list[float], gap: int = 0) -> list[Box]:
        """Cut the box top to bottom into rows whose heights follow `weights`."""
        usable = self.height - gap * (len(weights) - 1)
        total = sum(weights)
        rows, y = [], self.y
        for index, weight in enumerate(weights):
            last = index == len(weights) - 1
            height = self.bottom - y if last else int(usable * weight / total)
            rows.append(Box(self.x, y, self.width, height))
            y += height + gap
        return rows


@dataclass(frozen=True)
class Text:
    box: Box
    text: str
    size_px: int
    align: str = "left"  # left | center | right


@dataclass(frozen=True)
class Bars:
    """A 1D symbol; x, y is the outer corner of the left quiet zone."""

    x: int
    y: int
    symbol: LinearSymbol
    module_dots: int
    height: int

    @property
    def width(self) -> int:
        return self.symbol.width_dots(self.module_dots)


@dataclass(frozen=True)
class Matrix:
    """A 2D symbol; x, y is the outer corner of its quiet zone."""

    x: int
    y: int
    symbol: MatrixSymbol
    module_dots: int

    @property
    def side(self) -> int:
        return self.symbol.columns_with_quiet * self.module_dots


Element = Text | Bars | Matrix


@dataclass(frozen=True)
class Layout:
    size: LabelSize
    dpi: int
    width: int
    height: int
    elements: tuple[Element, ...]
    notes: tuple[str, ...] = ()
    name: str = ""  # a file-name stem: the code the label carries

    @property
    def barcodes(self) -> tuple[Bars | Matrix, ...]:
        return tuple(e for e in self.elements if isinstance(e, Bars | Matrix))


@dataclass
class LayoutBuilder:
    """Collects elements and notes while a template lays out one label."""

    size: LabelSize
    dpi: int
    elements: list[Element] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def canvas(self) -> Box:
        width, height = self.size.pixels(self.dpi)
        return Box(0, 0, width, height)

    @property
    def printable(self) -> Box:
        return self.canvas.inset(dots(self.size.margin_mm, self.dpi))

    def mm(self, millimetres: float) -> int:
        return dots(millimetres, self.dpi)

    def text(self, box: Box, text: str, align: str = "left", min_mm: float = 1.2) -> None:
        if not text:
            return
        shown, size = fit_text(text, box.width, box.height, min_px=self.mm(min_mm))
        self.elements.append(Text(box, shown, size, align))

    def text_block(self, rows: list[tuple[Box, str]], min_mm: float = 1.2) -> None:
        """Several lines in one size — the largest at which every line fits — so a
        column of details reads as one block rather than a ransom note."""
        rows = [(box, text) for box, text in rows if text]
        if not rows:
            return
        min_px = self.mm(min_mm)
        size = min(fit_text(text, box.width, box.height, min_px)[1] for box, text in rows)
        for box, text in rows:
            shown, _ = fit_text(text, box.width, box.height, min_px, max_px=size)
            self.elements.append(Text(box, shown, size))

    def code(
        self,
        text: str,
        box: Box,
        *,
        symbology: str = "auto",
        where: str = "the label",
        symbol: LinearSymbol | None = None,
        max_module_mm: float = 0.5,
    ) -> None:
        """Draw `text` as Code128 (or the given 1D symbol) centred in box; DataMatrix if
        chosen, or — with symbology "auto" — when the 1D symbol cannot fit the box."""
        max_module = max(MIN_MODULE_DOTS, self.mm(max_module_mm))
        if symbology != "datamatrix":
            linear = symbol or code128(text)
            module = largest_module(linear, box.width, max_module)
            if module is not None:
                width = linear.width_dots(module)
                x = box.x + (box.width - width) // 2
                self.elements.append(Bars(x, box.y, linear, module, box.height))
                return
            report = fit_report(linear, box.width, self.dpi)
            if symbology != "auto":
                raise BarcodeWontFit(
                    report.message(where) + " Print a DataMatrix (--symbology datamatrix) "
                    "or choose a wider label size.",
                    field="symbology",
                )
            self.notes.append(
                report.message(where) + " Drew a DataMatrix instead (scan it with a 2D imager)."
            )
        self._matrix(text, box, max_module, where)

    def _matrix(self, text: str, box: Box, max_module: int, where: str) -> None:
        matrix = datamatrix(text)
        module = largest_matrix_module(matrix, box.width, box.height, max_module)
        if module is None:
            raise BarcodeWontFit(
                f"Even a DataMatrix of {text!r} does not fit {where} at {self.dpi} dpi; "
                "choose a larger label size.",
                field="size",
            )
        side = matrix.columns_with_quiet * module
        x = box.x + (box.width - side) // 2
        y = box.y + (box.height - matrix.rows_with_quiet * module) // 2
        self.elements.append(Matrix(x, y, matrix, module))

    def build(self, name: str) -> Layout:
        width, height = self.size.pixels(self.dpi)
        return Layout(
            self.size, self.dpi, width, height, tuple(self.elements), tuple(self.notes), name
        )
