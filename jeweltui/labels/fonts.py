"""The one font labels use, and fitting a line of text into a box.

DejaVu Sans Mono ships inside python-barcode, so it is there wherever jeweltui is
installed; it has € £ ¥ and accented letters, which Pillow's built-in bitmap font lacks.
We never look for system fonts: a label must come out the same on every till.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from PIL import ImageFont

ELLIPSIS = "…"


@lru_cache(maxsize=1)
def font_path() -> str:
    return str(resources.files("barcode").joinpath("fonts", "DejaVuSansMono.ttf"))


@lru_cache(maxsize=256)
def font(size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(), size_px)


@lru_cache(maxsize=256)
def line_height(size_px: int) -> int:
    """Dots from the top of the tallest accent to the bottom of the lowest descender."""
    ascent, descent = font(size_px).getmetrics()
    return ascent + descent


@lru_cache(maxsize=4096)
def text_width(text: str, size_px: int) -> int:
    return int(-(-font(size_px).getlength(text) // 1))  # round up: never spill a dot


def largest_size_for_height(height: int) -> int:
    size = max(1, height)
    while size > 1 and line_height(size) > height:
        size -= 1
    return size


def fit_text(
    text: str, width: int, height: int, min_px: int, max_px: int | None = None
) -> tuple[str, int]:
    """The largest font size (<= max_px) at which `text` fits the box; below min_px the
    text is shortened with … instead, so nothing ever prints past the label's edge.

    Returns the text as it will be printed and the size in pixels (dots).
    """
    size = largest_size_for_height(height)
    if max_px is not None:
        size = min(size, max_px)
    while size > min_px and text_width(text, size) > width:
        size -= 1
    if text_width(text, size) <= width:
        return text, size
    while text and text_width(text + ELLIPSIS, size) > width:
        text = text[:-1]
    return (text.rstrip() + ELLIPSIS if text else ""), size
