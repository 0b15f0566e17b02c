"""Barcode symbols as plain module patterns, and whether they fit a space at a dpi.

We never let a barcode library rasterise: python-barcode's ImageWriter works in float
millimetres and lays down uneven bars at thermal-printer dpi (see LABELS.md). Instead we
take the module pattern ("1" = dark) and the painter draws each module as a whole number
of dots, at least two, so every printed bar has the width the scanner expects.
"""

from __future__ import annotations

from dataclasses import dataclass

import barcode
from barcode.errors import BarcodeError

from jeweltui.errors import InvalidInput

from .geometry import dots, mm

# One dot at 203 dpi (0.125 mm) is thinner than any scanner resolves reliably after a
# thermal head smears it; two dots is the smallest module that decodes after printing.
MIN_MODULE_DOTS = 2
# ISO/IEC 15417 asks 10 modules of white either side of a Code128 symbol.
CODE128_QUIET_MODULES = 10
# EAN-13's quiet zones are asymmetric: 11 modules left, 7 right (GS1 General Specs).
EAN13_QUIET_LEFT, EAN13_QUIET_RIGHT = 11, 7
# DataMatrix needs one module of clear space; two forgives a smudge at the edge.
DATAMATRIX_QUIET_MODULES = 2


class BarcodeWontFit(InvalidInput):
    """The symbol is wider than the space it must be printed in, at this dpi."""


@dataclass(frozen=True)
class LinearSymbol:
    """A 1D symbol: its readable text and its module pattern, quiet zones apart."""

    symbology: str  # "code128" | "ean13"
    text: str
    modules: str
    quiet_left: int
    quiet_right: int

    @property
    def total_modules(self) -> int:
        return self.quiet_left + len(self.modules) + self.quiet_right

    def width_dots(self, module_dots: int) -> int:
        return self.total_modules * module_dots


@dataclass(frozen=True)
class MatrixSymbol:
    """A 2D symbol: rows of "1"/"0" modules, without the quiet zone."""

    symbology: str  # "datamatrix"
    text: str
    rows: tuple[str, ...]
    quiet: int = DATAMATRIX_QUIET_MODULES

    @property
    def columns_with_quiet(self) -> int:
        return len(self.rows[0]) + 2 * self.quiet

    @property
    def rows_with_quiet(self) -> int:
        return len(self.rows) + 2 * self.quiet


Symbol = LinearSymbol | MatrixSymbol


def code128(text: str) -> LinearSymbol:
    if not text:
        raise InvalidInput("There is no code to print as a barcode.")
    if not text.isascii() or not text.isprintable():
        raise InvalidInput(f"{text!r} has characters a Code128 barcode cannot carry.")
    try:
        modules = barcode.Code128(text).build()[0]
    except BarcodeError as error:
        raise InvalidInput(f"{text!r} cannot be drawn as Code128: {error}") from error
    return LinearSymbol("code128", text, modules, CODE128_QUIET_MODULES, CODE128_QUIET_MODULES)


def ean13_check_digit(first_twelve: str) -> str:
    odd = sum(int(d) for d in first_twelve[0::2])
    even = sum(int(d) for d in first_twelve[1::2])
    return str((10 - (odd + 3 * even) % 10) % 10)


def ean13(code: str) -> LinearSymbol:
    """An EAN-13 from all 13 digits; a wrong check digit is a typo we refuse to print."""
    code = code.strip()
    if len(code) != 13 or not code.isdigit():
        raise InvalidInput(f"EAN-13 codes are 13 digits; {code!r} is not.", field="ean")
    expected = ean13_check_digit(code[:12])
    if code[12] != expected:
        raise InvalidInput(
            f"EAN-13 {code} has a wrong check digit (it should end in {expected}).", field="ean"
        )
    modules = barcode.EAN13(code[:12]).build()[0]
    return LinearSymbol("ean13", code, modules, EAN13_QUIET_LEFT, EAN13_QUIET_RIGHT)


def datamatrix(text: str) -> MatrixSymbol:
    if not text:
        raise InvalidInput("There is no code to print as a barcode.")
    import zxingcpp  # only DataMatrix needs it; keep it off the path of every other label

    symbol = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.DataMatrix)
    image = symbol.to_image(scale=1, add_quiet_zones=False)
    height, width = image.shape
    raw = memoryview(image).tobytes()  # one byte per module: 0 = dark, 255 = light
    rows = tuple(
        "".join("1" if raw[y * width + x] < 128 else "0" for x in range(width))
        for y in range(height)
    )
    return MatrixSymbol("datamatrix", text, rows)


def largest_module(symbol: LinearSymbol, available_dots: int, max_module_dots: int) -> int | None:
    """The widest whole-dot module (>= 2 dots) that fits with quiet zones, or None."""
    for module_dots in range(max(max_module_dots, MIN_MODULE_DOTS), MIN_MODULE_DOTS - 1, -1):
        if symbol.width_dots(module_dots) <= available_dots:
            return module_dots
    return None


def largest_matrix_module(
    symbol: MatrixSymbol, width_dots: int, height_dots: int, max_module_dots: int
) -> int | None:
    fit = min(width_dots // symbol.columns_with_quiet, height_dots // symbol.rows_with_quiet)
    fit = min(fit, max(max_module_dots, MIN_MODULE_DOTS))
    return fit if fit >= MIN_MODULE_DOTS else None


@dataclass(frozen=True)
class FitReport:
    """How a 1D symbol compares to the space it must go in, in words a person can act on."""

    text: str
    symbology: str
    dpi: int
    needed_mm: float
    available_mm: float

    @property
    def fits(self) -> bool:
        return self.needed_mm <= self.available_mm

    def message(self, where: str = "the space") -> str:
        name = {"code128": "Code128", "ean13": "EAN-13"}.get(self.symbology, self.symbology)
        return (
            f"{name} of {self.text!r} needs {self.needed_mm:.1f} mm at {self.dpi} dpi "
            f"(2-dot modules and quiet zones); {where} has {self.available_mm:.1f} mm."
        )


def fit_report(symbol: LinearSymbol, available_dots: int, dpi: int) -> FitReport:
    return FitReport(
        text=symbol.text,
        symbology=symbol.symbology,
        dpi=dpi,
        needed_mm=mm(symbol.width_dots(MIN_MODULE_DOTS), dpi),
        available_mm=mm(available_dots, dpi),
    )


def check_fit(text: str, width_mm: float, dpi: int) -> FitReport:
    """Does a Code128 of `text` fit `width_mm` (e.g. a 20 mm tag wing) at this dpi?"""
    return fit_report(code128(text), dots(width_mm, dpi), dpi)
