"""Draw the demo shop's product photos (simple studio shots) beside this file.

    python sample_data/draw_photos.py

Deterministic: the same bytes every run. `jeweltui demo` attaches photos/<STOCK_NO>.png
to the piece with that stock number, so the piece screen has something to show.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 240
BACKDROP = (236, 232, 226)
GOLD, GOLD_DARK = (214, 175, 84), (160, 122, 40)
WHITE_GOLD = (205, 208, 214)
FOLDER = Path(__file__).resolve().parent / "photos"


def _canvas() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (SIZE, SIZE), BACKDROP)
    draw = ImageDraw.Draw(image)
    draw.ellipse((40, 196, 200, 222), fill=(214, 208, 200))  # a soft shadow on the table
    return image, draw


def ring(stone: tuple[int, int, int], metal: tuple[int, int, int]) -> Image.Image:
    image, draw = _canvas()
    draw.ellipse((50, 80, 190, 205), outline=metal, width=14)
    draw.polygon([(100, 88), (120, 40), (140, 88)], fill=metal)  # the prongs' basket
    draw.ellipse((92, 30, 148, 86), fill=stone, outline=(255, 255, 255), width=3)
    draw.line((104, 44, 120, 36), fill=(255, 255, 255), width=3)  # a highlight
    return image


def pendant() -> Image.Image:
    image, draw = _canvas()
    draw.arc((30, -60, 210, 110), start=20, end=160, fill=GOLD_DARK, width=3)  # the chain
    draw.ellipse((84, 96, 120, 140), fill=GOLD)
    draw.ellipse((120, 96, 156, 140), fill=GOLD)
    draw.polygon([(86, 126), (154, 126), (120, 178)], fill=GOLD)  # a puffed heart
    draw.line((98, 108, 108, 104), fill=(255, 240, 200), width=3)
    return image


def watch() -> Image.Image:
    image, draw = _canvas()
    draw.rectangle((100, 10, 140, 230), fill=(92, 60, 40))  # the strap
    draw.ellipse((62, 62, 178, 178), fill=GOLD, outline=GOLD_DARK, width=4)
    draw.ellipse((76, 76, 164, 164), fill=(250, 248, 240))
    for hour in range(12):
        x = 120 + 36 * math.sin(hour * 0.5236)
        y = 120 - 36 * math.cos(hour * 0.5236)
        draw.ellipse((x - 2, y - 2, x + 2, y + 2), fill=(60, 60, 60))
    draw.line((120, 120, 120, 92), fill=(30, 30, 30), width=3)
    draw.line((120, 120, 144, 128), fill=(30, 30, 30), width=2)
    return image


PHOTOS = {
    "R-000001": lambda: ring((88, 70, 170), GOLD),  # tanzanite in yellow gold
    "ER-000001": lambda: ring((235, 240, 250), GOLD),  # diamond solitaire
    "P-000001": pendant,
    "W-000001": watch,
}


def main() -> None:
    FOLDER.mkdir(exist_ok=True)
    for stock_no, draw in PHOTOS.items():
        draw().save(FOLDER / f"{stock_no}.png", optimize=True)


if __name__ == "__main__":
    main()
