"""The label engine: jewelry tags, location, envelope and shelf labels at true size.

Data in (frozen dataclasses from `templates`), a Layout in printer dots out of a
template, then PNG (`raster`), PDF sheets (`sheets`) or ZPL (`zpl`). `records` is the
one bridge from database models; `printing` hands files to CUPS.
"""

from .barcodes import BarcodeWontFit, FitReport, check_fit
from .costcode import CostCipher, date_wrapped, unwrap_date_code
from .geometry import SUPPORTED_DPI, LabelSize, SizeBook, dots, load_shop_config, size_book
from .layout import Layout
from .output import FORMATS, LabelWriter
from .printing import PrinterProblem, send_to_printer
from .raster import render
from .templates import (
    EnvelopeData,
    LocationData,
    ShelfData,
    TagData,
    TagOptions,
    envelope_label,
    location_label,
    shelf_tag,
    tag_layout,
)
from .zpl import batch_zpl, label_zpl

__all__ = [
    "FORMATS",
    "SUPPORTED_DPI",
    "BarcodeWontFit",
    "CostCipher",
    "EnvelopeData",
    "FitReport",
    "LabelSize",
    "LabelWriter",
    "Layout",
    "LocationData",
    "PrinterProblem",
    "ShelfData",
    "SizeBook",
    "TagData",
    "TagOptions",
    "batch_zpl",
    "check_fit",
    "date_wrapped",
    "dots",
    "envelope_label",
    "label_zpl",
    "load_shop_config",
    "location_label",
    "render",
    "send_to_printer",
    "shelf_tag",
    "size_book",
    "tag_layout",
    "unwrap_date_code",
]
