"""Piece tags from the big shop, as PNG at 300 dpi: read from the database (tags_data), laid
out, rendered and encoded, against python-barcode + Pillow drawing the same Code128 symbol
(the stock number) to PNG at 300 dpi in the same run.

    python bench/tags.py [--pieces 100000] [--tags 1000]

Goal (issue 22): >= 450 tags/s and <= 1.2x the python-barcode + Pillow time.
"""

from __future__ import annotations

import argparse
import io
import json
import time

import barcode
from barcode.writer import ImageWriter
from common import ratio, shop_for

from jeweltui.db import open_database
from jeweltui.labels import TagOptions, render, size_book, tag_layout
from jeweltui.labels.raster import save_png
from jeweltui.labels.records import tags_data
from jeweltui.models import Piece

DPI = 300


def ours(pieces: list, options: TagOptions) -> float:
    size = size_book().sizes["barbell-2.5x0.5"]  # its wing fits a Code128 stock number
    started = time.perf_counter()
    for tag in tags_data(pieces):
        image = render(tag_layout(tag, size, DPI, options))
        save_png(image, io.BytesIO(), DPI)
    return time.perf_counter() - started


def python_barcode(stock_nos: list[str]) -> float:
    code128 = barcode.get_barcode_class("code128")
    started = time.perf_counter()
    for stock_no in stock_nos:
        symbol = code128(stock_no, writer=ImageWriter())
        symbol.write(io.BytesIO(), options={"dpi": DPI, "module_height": 4, "font_size": 6})
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", type=int, default=100_000)
    parser.add_argument("--tags", type=int, default=1000)
    args = parser.parse_args()
    open_database(shop_for(args.pieces))
    pieces = list(Piece.select().where(Piece.status == "in_stock").limit(args.tags))
    options = TagOptions(symbology="code128")
    ours(pieces[:20], options)  # warm the fonts and symbol caches, as a running shop has them
    python_barcode([p.stock_no for p in pieces[:20]])
    seconds = ours(pieces, options)
    baseline = python_barcode([p.stock_no for p in pieces])
    rate, base_rate = len(pieces) / seconds, len(pieces) / baseline
    print(
        json.dumps(
            {
                "bench": "tags, PNG at 300 dpi",
                "tags": len(pieces),
                "tags_per_s": round(rate),
                "baseline_python_barcode_pillow_per_s": round(base_rate),
                "ratio_time": ratio(seconds, baseline),
                "goals": {"ge_450_per_s": rate >= 450, "le_1_2x": seconds <= 1.2 * baseline},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
