"""Painting a Layout into a 1-bit image, one printer dot per pixel.

Thermal heads print dots, not grey: a 1-bit image is what reaches the paper, so what we
test (and what a person previews) is exactly what prints.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from .fonts import font
from .layout import Bars, Layout, Matrix, Text

WHITE, BLACK = 1, 0
# zlib level 1: a 1-bit label compresses almost as well as at 6, in a third of the time.
PNG_LEVEL = 1
STAMP_MARGIN = 4


@lru_cache(maxsize=1024)
def _runs(modules: str) -> tuple[tuple[int, int], ...]:
    """(start, length) of each bar in a module pattern: one rectangle per bar."""
    runs, start = [], None
    for index, module in enumerate(modules + "0"):
        if module == "1" and start is None:
            start = index
        elif module != "1" and start is not None:
            runs.append((start, index - start))
            start = None
    return tuple(runs)


def _paint_bars(draw: ImageDraw.ImageDraw, bars: Bars) -> None:
    left = bars.x + bars.symbol.quiet_left * bars.module_dots
    bottom = bars.y + bars.height - 1
    for start, length in _runs(bars.symbol.modules):
        x0 = left + start * bars.module_dots
        draw.rectangle((x0, bars.y, x0 + length * bars.module_dots - 1, bottom), fill=BLACK)


def _paint_matrix(draw: ImageDraw.ImageDraw, matrix: Matrix) -> None:
    step = matrix.module_dots
    origin_x = matrix.x + matrix.symbol.quiet * step
    origin_y = matrix.y + matrix.symbol.quiet * step
    for row_index, row in enumerate(matrix.symbol.rows):
        y0 = origin_y + row_index * step
        for start, length in _runs(row):
            x0 = origin_x + start * step
            draw.rectangle((x0, y0, x0 + length * step - 1, y0 + step - 1), fill=BLACK)


@lru_cache(maxsize=4096)
def _stamp(text: str, size_px: int) -> tuple[Image.Image | None, int, int, float]:
    """The text drawn once at the origin: (mask, left, top, advance). A batch of tags
    repeats its metal, stone and size lines, so each is rasterised once, then pasted."""
    face = font(size_px)
    left, top, right, bottom = face.getbbox(text, anchor="la")
    advance = face.getlength(text)
    if right <= left or bottom <= top:
        return None, 0, 0, advance
    # A margin: some glyphs (the ellipsis) ink a dot past the box getbbox reports.
    left, top, right, bottom = (
        left - STAMP_MARGIN,
        top - STAMP_MARGIN,
        right + STAMP_MARGIN,
        bottom + STAMP_MARGIN,
    )
    mask = Image.new("1", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, font=face, fill=1, anchor="la")
    return mask, left, top, advance


def _paint_text(image: Image.Image, text: Text) -> None:
    mask, left, top, width = _stamp(text.text, text.size_px)
    if text.align == "center":
        x = text.box.x + (text.box.width - width) / 2
    elif text.align == "right":
        x = text.box.right - width
    else:
        x = text.box.x
    ascent, descent = font(text.size_px).getmetrics()
    y = text.box.y + (text.box.height - ascent - descent) // 2  # centred in its row
    if mask is not None:
        image.paste(BLACK, (int(x) + left, y + top), mask)


def render(layout: Layout) -> Image.Image:
    image = Image.new("1", (layout.width, layout.height), WHITE)
    draw = ImageDraw.Draw(image)
    for element in layout.elements:
        if isinstance(element, Bars):
            _paint_bars(draw, element)
        elif isinstance(element, Matrix):
            _paint_matrix(draw, element)
        else:
            _paint_text(image, element)
    return image


def save_png(image: Image.Image, path: Path, dpi: int) -> Path:
    """PNG with its dpi recorded, so viewers and CUPS print it at true size."""
    image.save(path, format="PNG", dpi=(dpi, dpi), compress_level=PNG_LEVEL)
    return path
