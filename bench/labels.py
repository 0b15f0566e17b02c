"""Label engine speed: tags per second at 300 dpi, rendered and PNG-encoded. Prints JSON.

    python bench/labels.py [COUNT]

No database: tag data is built in memory, so this measures only the label engine.
Printers manage a few labels a second; the goal is >= 400 tags/s in one process.
"""

from __future__ import annotations

import io
import json
import platform
import sys
import time

from jeweltui.labels import TagData, TagOptions, render, size_book, tag_layout
from jeweltui.labels.zpl import label_zpl


def tags(count: int) -> list[TagData]:
    # Alternate all-digit stock numbers (Code128 fits a wing at 300 dpi) and prefixed
    # ones (DataMatrix), so both barcode paths are measured.
    return [
        TagData(
            stock_no=f"{n:06d}" if n % 2 else f"R-{n:06d}",
            price_text=f"€{1000 + n:,}.00",
            metal_line="14K yellow gold",
            stone_line=f"0.{n % 90 + 10:02d}ct diamond",
            ring_size=str(5 + n % 5),
            cost_code="BKEE",
        )
        for n in range(count)
    ]


def measure(count: int, dpi: int = 300) -> dict:
    size = size_book().get(None, "barbell")
    data = tags(count)
    options = TagOptions()

    started = time.perf_counter()
    layouts = [tag_layout(tag, size, dpi, options) for tag in data]
    layout_s = time.perf_counter() - started

    started = time.perf_counter()
    images = [render(layout) for layout in layouts]
    render_s = time.perf_counter() - started

    started = time.perf_counter()
    encoded = 0
    for image in images:
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", dpi=(dpi, dpi))
        encoded += buffer.tell()
    png_s = time.perf_counter() - started

    started = time.perf_counter()
    zpl_bytes = sum(len(label_zpl(layout).encode()) for layout in layouts)
    zpl_s = time.perf_counter() - started

    total = layout_s + render_s + png_s
    return {
        "tags": count,
        "dpi": dpi,
        "size": size.name,
        "tags_per_s_layout_render": round(count / (layout_s + render_s)),
        "tags_per_s_layout_render_png": round(count / total),
        "tags_per_s_zpl": round(count / (layout_s + zpl_s)),
        "ms_per_tag_png": round(1000 * total / count, 3),
        "avg_png_bytes": encoded // count,
        "avg_zpl_bytes": zpl_bytes // count,
        "goal_tags_per_s": 400,
        "python": platform.python_version(),
    }


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    measure(20)  # warm the font and symbol caches, as a running shop would have them
    print(json.dumps(measure(count), indent=2))
