"""Writing labels out: a PNG per label, one PDF sheet per batch, or one ZPL file per batch.

LabelWriter takes labels one at a time, so a batch of thousands streams to disk under
a progress bar instead of being held and written at the end (PDF pages excepted: fpdf2
writes the document in one go). Files appear complete or not at all (write, then rename).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from jeweltui.errors import InvalidInput

from . import raster, sheets, zpl
from .layout import Layout

FORMATS = ("png", "pdf", "zpl")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_stem(name: str) -> str:
    """A label's code as a file name: 'L-CASE/A' -> 'L-CASE_A'. Never empty, never hidden."""
    stem = _UNSAFE.sub("_", name).strip("._") or "label"
    return stem


def _replace_atomically(path: Path, write) -> Path:
    partial = path.with_name(path.name + ".part")
    write(partial)
    os.replace(partial, path)
    return path


class LabelWriter:
    def __init__(self, fmt: str, out_dir: Path, *, batch_name: str = "labels", sheet: str = "a4"):
        if fmt not in FORMATS:
            raise InvalidInput(f"Label format must be one of {', '.join(FORMATS)}.", field="format")
        if sheet not in sheets.SHEET_KINDS:
            raise InvalidInput(
                f"Sheet must be one of {', '.join(sheets.SHEET_KINDS)}.", field="sheet"
            )
        self.fmt, self.out_dir, self.sheet = fmt, Path(out_dir), sheet
        self.batch_name = file_stem(batch_name)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.written: list[Path] = []
        self.notes: list[str] = []
        self._stems: set[str] = set()
        self._images = []
        self._zpl: list[str] = []
        self._size = None

    def _unique_stem(self, name: str) -> str:
        stem, number = file_stem(name), 2
        candidate = stem
        while candidate in self._stems:
            candidate, number = f"{stem}-{number}", number + 1
        self._stems.add(candidate)
        return candidate

    def add(self, layout: Layout) -> None:
        self.notes.extend(layout.notes)
        if self._size is not None and layout.size != self._size and self.fmt == "pdf":
            raise InvalidInput("One PDF sheet holds labels of one size only.", field="size")
        self._size = layout.size
        if self.fmt == "zpl":
            self._zpl.append(zpl.label_zpl(layout))
            return
        image = raster.render(layout)
        if self.fmt == "pdf":
            self._images.append(image)
            return
        path = self.out_dir / f"{self._unique_stem(layout.name)}.png"
        self.written.append(
            _replace_atomically(path, lambda p: raster.save_png(image, p, layout.dpi))
        )

    def finish(self) -> list[Path]:
        """Write the batch files (PDF, ZPL); returns every file this writer produced."""
        if self.fmt == "pdf" and self._images:
            path = self.out_dir / f"{self.batch_name}.pdf"
            images, size, sheet = self._images, self._size, self.sheet
            self.written.append(
                _replace_atomically(path, lambda p: sheets.write_pdf(images, size, p, sheet))
            )
        elif self.fmt == "zpl" and self._zpl:
            path = self.out_dir / f"{self.batch_name}.zpl"
            text = "".join(self._zpl)
            self.written.append(_replace_atomically(path, lambda p: p.write_text(text, "utf-8")))
        return self.written
