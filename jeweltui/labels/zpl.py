"""A Layout as ZPL II for Zebra printers: one ^XA … ^XZ block per label, sizes in dots.

The printer draws the barcodes itself from ^BC/^BE/^BX with the same module width (^BY)
and position as our PNG, so a ZPL tag and a PNG tag come out alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from .layout import Bars, Layout, Matrix, Text

JUSTIFY = {"left": "L", "center": "C", "right": "R"}


def field_data(text: str) -> str:
    """^FD text with ZPL's control characters hex-escaped (used with ^FH_)."""
    escaped = text.replace("_", "_5F").replace("^", "_5E").replace("~", "_7E")
    return f"^FH_^FD{escaped}^FS"


def _text(text: Text) -> str:
    box = text.box
    return (
        f"^FO{box.x},{box.y}^A0N,{text.size_px},{text.size_px}"
        f"^FB{box.width},1,0,{JUSTIFY[text.align]},0" + field_data(text.text)
    )


def _bars(bars: Bars) -> str:
    x = bars.x + bars.symbol.quiet_left * bars.module_dots  # ^FO is where the bars start
    head = f"^FO{x},{bars.y}^BY{bars.module_dots}"
    if bars.symbol.symbology == "ean13":
        # ^BE takes the first 12 digits and prints its own check digit.
        return head + f"^BEN,{bars.height},N,N" + field_data(bars.symbol.text[:12])
    # Mode A: the printer picks Code128 subsets itself, as python-barcode did for the PNG.
    return head + f"^BCN,{bars.height},N,N,N,A" + field_data(bars.symbol.text)


def _matrix(matrix: Matrix) -> str:
    quiet = matrix.symbol.quiet * matrix.module_dots
    return f"^FO{matrix.x + quiet},{matrix.y + quiet}^BXN,{matrix.module_dots},200" + field_data(
        matrix.symbol.text
    )


def label_zpl(layout: Layout) -> str:
    lines = ["^XA", "^CI28", f"^PW{layout.width}", f"^LL{layout.height}", "^LH0,0"]
    for element in layout.elements:
        if isinstance(element, Bars):
            lines.append(_bars(element))
        elif isinstance(element, Matrix):
            lines.append(_matrix(element))
        else:
            lines.append(_text(element))
    lines += ["^PQ1", "^XZ"]
    return "\n".join(lines) + "\n"


def batch_zpl(layouts: Iterable[Layout]) -> str:
    return "".join(label_zpl(layout) for layout in layouts)
