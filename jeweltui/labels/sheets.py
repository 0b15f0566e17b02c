"""A batch of labels as one PDF: a grid on A4/Letter sheet labels, or one per page on a roll.

Each label image is placed at its true size in millimetres, so printing the PDF at 100 %
gives labels of the size the template was made for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from jeweltui.errors import InvalidInput

from .geometry import LabelSize

PAGES_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
SHEET_KINDS = (*PAGES_MM, "roll")


@dataclass(frozen=True)
class Grid:
    """How many labels of a size go on one sheet, and where the first one starts."""

    columns: int
    rows: int
    margin_mm: float
    gap_mm: float

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


def grid_for(size: LabelSize, page: str, margin_mm: float = 10.0, gap_mm: float = 2.0) -> Grid:
    page_width, page_height = PAGES_MM[page]
    columns = int((page_width - 2 * margin_mm + gap_mm) // (size.width_mm + gap_mm))
    rows = int((page_height - 2 * margin_mm + gap_mm) // (size.height_mm + gap_mm))
    if columns < 1 or rows < 1:
        raise InvalidInput(f"A {size.name} label does not fit on a {page.upper()} page.")
    return Grid(columns, rows, margin_mm, gap_mm)


def write_pdf(
    images: Iterable[Image.Image], size: LabelSize, path: Path, sheet: str = "a4"
) -> Path:
    """All images (rendered for `size`) into one PDF at `path`."""
    from fpdf import FPDF  # fpdf2 takes ~0.3 s to import: only when a PDF is made

    if sheet not in SHEET_KINDS:
        raise InvalidInput(f"Sheet must be one of {', '.join(SHEET_KINDS)}.", field="sheet")
    if sheet == "roll":
        pdf = FPDF(unit="mm", format=(size.width_mm, size.height_mm))
        pdf.set_auto_page_break(False)
        for image in images:
            pdf.add_page()
            pdf.image(image, x=0, y=0, w=size.width_mm, h=size.height_mm)
    else:
        grid = grid_for(size, sheet)
        pdf = FPDF(unit="mm", format=PAGES_MM[sheet])
        pdf.set_auto_page_break(False)
        for index, image in enumerate(images):
            slot = index % grid.per_page
            if slot == 0:
                pdf.add_page()
            row, column = divmod(slot, grid.columns)
            x = grid.margin_mm + column * (size.width_mm + grid.gap_mm)
            y = grid.margin_mm + row * (size.height_mm + grid.gap_mm)
            pdf.image(image, x=x, y=y, w=size.width_mm, h=size.height_mm)
    if pdf.page_no() == 0:
        raise InvalidInput("No labels to put on a sheet.")
    pdf.set_creator("jeweltui")
    pdf.output(str(path))
    return path
