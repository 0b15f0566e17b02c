"""The label templates: what goes where on a tag, a location label, an envelope, a shelf tag.

Templates take plain frozen dataclasses — never database rows — so they can be tested,
previewed and benchmarked without a shop database. `records.py` builds these from models.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jeweltui.errors import InvalidInput

from .barcodes import MIN_MODULE_DOTS, LinearSymbol, code128, ean13, largest_module
from .geometry import LabelSize, check_dpi
from .layout import SYMBOLOGIES, Box, Layout, LayoutBuilder


@dataclass(frozen=True)
class TagData:
    """What a jeweler's tag shows. Texts are ready to print (money already formatted)."""

    stock_no: str
    price_text: str = ""
    metal_line: str = ""  # "14K yellow gold"
    stone_line: str = ""  # "0.50ct diamond"
    ring_size: str = ""  # "6.5"; empty for anything that is not a ring
    cost_code: str = ""  # the shop's concealed cost code, or empty
    ean: str = ""  # the piece's EAN-13, if it has one


@dataclass(frozen=True)
class LocationData:
    code: str  # "L-CASE-A": what the scanner reads
    name: str = ""  # "Front case A"
    kind: str = ""  # case, safe, bench, …


@dataclass(frozen=True)
class EnvelopeData:
    """A repair / work-order envelope: one label per bag, "1 of 3" when a job has several."""

    job_no: str
    customer: str = ""
    promised_text: str = ""  # "Tue 14 May 2024"
    item_line: str = ""  # "Lady's ring, 14K yellow gold"
    job_line: str = ""  # "Size up 6 -> 7, polish"
    declared_value_text: str = ""
    copy_no: int = 1
    copies: int = 1


@dataclass(frozen=True)
class ShelfData:
    """A shelf tag for quantity-tracked basics (chains by length, studs, findings)."""

    sku: str
    title: str = ""
    price_text: str = ""
    detail_line: str = ""  # "18K yellow gold · 45 cm"


@dataclass(frozen=True)
class TagOptions:
    symbology: str = "auto"  # auto | code128 | datamatrix: what the scan code is drawn as
    use_ean: bool = False  # scan code = the piece's EAN-13 where it has one

    def __post_init__(self) -> None:
        if self.symbology not in SYMBOLOGIES:
            raise InvalidInput(
                f"Barcode type must be one of {', '.join(SYMBOLOGIES)}.", field="symbology"
            )


def _scan_code(builder: LayoutBuilder, tag: TagData, box: Box, options: TagOptions, where: str):
    if options.use_ean and tag.ean:
        builder.code(tag.ean, box, symbology=options.symbology, where=where, symbol=ean13(tag.ean))
        return tag.ean
    builder.code(tag.stock_no, box, symbology=options.symbology, where=where)
    return tag.stock_no


def _size_and_cost(tag: TagData) -> str:
    parts = [f"Size {tag.ring_size}" if tag.ring_size else "", tag.cost_code]
    return "  ".join(part for part in parts if part)


def _wing_is_too_narrow(builder: LayoutBuilder, tag: TagData, options: TagOptions) -> bool:
    """Would the 1D scan code miss the scan wing? (DataMatrix asked for: it always fits.)"""
    if options.symbology == "datamatrix":
        return False
    wing = builder.mm(builder.size.wing_mm or builder.size.width_mm / 2)
    symbol = _linear_scan_symbol(tag, options)
    return largest_module(symbol, wing, MIN_MODULE_DOTS) is None


def _linear_scan_symbol(tag: TagData, options: TagOptions) -> LinearSymbol:
    return ean13(tag.ean) if options.use_ean and tag.ean else code128(tag.stock_no)


def barbell_tag(tag: TagData, size: LabelSize, dpi: int, options: TagOptions) -> Layout:
    """Scan wing (barcode over stock number) | bridge left bare | info wing (price first).

    Most counter scanners are 1D lasers, so the default is a linear barcode: on the scan
    wing when it fits there, else along the tag's long side across both wings."""
    builder = LayoutBuilder(size, check_dpi(dpi))
    if _wing_is_too_narrow(builder, tag, options):
        return _long_side_barbell(builder, tag, options)
    canvas, printable = builder.canvas, builder.printable
    wing = builder.mm(size.wing_mm or size.width_mm / 2)
    margin = printable.x
    text_height = builder.mm(2.6)
    gap = builder.mm(0.4)

    # The barcode's quiet zones may run to the wing's edge (it is blank stock either way),
    # but never onto the bridge: each wing is scanned on its own once the tag is folded.
    code_box = Box(0, printable.y, wing, printable.height - text_height - gap)
    scanned = _scan_code(builder, tag, code_box, options, where="a tag wing")
    builder.text(
        Box(margin, code_box.bottom + gap, wing - 2 * margin, text_height), scanned, "center"
    )
    if scanned != tag.stock_no:  # an EAN on the wing: the stock number still goes on the tag
        builder.notes.append(f"{tag.stock_no}: the wing carries EAN {scanned}.")

    info = Box(canvas.width - wing + margin, printable.y, wing - 2 * margin, printable.height)
    details = [text for text in (tag.metal_line, tag.stone_line, _size_and_cost(tag)) if text]
    # The price leads, a little larger; the rows the tag has share the wing's height.
    weights = ([1.35] if tag.price_text else []) + [1.0] * len(details)
    rows = info.split_rows(weights) if weights else []
    if tag.price_text:
        builder.text(rows.pop(0), tag.price_text)
    builder.text_block(list(zip(rows, details, strict=True)))
    return builder.build(tag.stock_no)


def _long_side_barbell(builder: LayoutBuilder, tag: TagData, options: TagOptions) -> Layout:
    """Bars along the whole tag on top; stock number and price on the left wing below,
    metal, stones and size on the right wing. Read flat (before folding) or unfolded."""
    canvas, printable = builder.canvas, builder.printable
    wing = builder.mm(builder.size.wing_mm or builder.size.width_mm / 2)
    margin, gap = printable.x, builder.mm(0.3)
    code_height = printable.height * 9 // 20
    # Quiet zones may run to the tag's ends: the stock is blank there either way.
    code_box = Box(0, printable.y, canvas.width, code_height)
    symbol = _linear_scan_symbol(tag, options)
    where = "the tag's long side"
    builder.code(symbol.text, code_box, symbology=options.symbology, where=where, symbol=symbol)
    if symbol.text != tag.stock_no:
        builder.notes.append(f"{tag.stock_no}: the tag carries EAN {symbol.text}.")
    below = Box(
        margin, code_box.bottom + gap, wing - 2 * margin, printable.bottom - code_box.bottom - gap
    )
    left_rows = below.split_rows([1.0, 1.0] if tag.price_text else [1.0])
    builder.text(left_rows[0], tag.stock_no)
    if tag.price_text:
        builder.text(left_rows[1], tag.price_text)
    info = Box(canvas.width - wing + margin, below.y, below.width, below.height)
    details = [text for text in (tag.metal_line, tag.stone_line, _size_and_cost(tag)) if text]
    if details:
        builder.text_block(list(zip(info.split_rows([1.0] * len(details)), details, strict=True)))
    return builder.build(tag.stock_no)


def rattail_tag(tag: TagData, size: LabelSize, dpi: int, options: TagOptions) -> Layout:
    """The head of a rat-tail tag: barcode across the top, then stock number and details."""
    builder = LayoutBuilder(size, check_dpi(dpi))
    area = builder.printable
    code_row, number_row, price_row, metal_row, stone_row, size_row = area.split_rows(
        [3.2, 1.0, 1.3, 0.9, 0.9, 0.9], gap=builder.mm(0.3)
    )
    code_box = Box(0, code_row.y, builder.canvas.width, code_row.height)
    scanned = _scan_code(builder, tag, code_box, options, where="the tag head")
    builder.text(number_row, scanned if scanned == tag.stock_no else tag.stock_no, "center")
    builder.text(price_row, tag.price_text)
    builder.text_block(
        [(metal_row, tag.metal_line), (stone_row, tag.stone_line), (size_row, _size_and_cost(tag))]
    )
    return builder.build(tag.stock_no)


def location_label(place: LocationData, size: LabelSize, dpi: int, symbology: str = "auto"):
    builder = LayoutBuilder(size, check_dpi(dpi))
    name_row, code_row, text_row = builder.printable.split_rows([1.2, 3.0, 1.0], builder.mm(0.5))
    builder.text(name_row, place.name or place.code, "center")
    builder.code(place.code, code_row, symbology=symbology, where="the location label")
    shown = f"{place.code}  ·  {place.kind}" if place.kind else place.code
    builder.text(text_row, shown, "center")
    return builder.build(place.code)


def envelope_label(job: EnvelopeData, size: LabelSize, dpi: int, symbology: str = "auto"):
    if not 1 <= job.copy_no <= job.copies:
        raise InvalidInput(f"Envelope {job.copy_no} of {job.copies} makes no sense.")
    builder = LayoutBuilder(size, check_dpi(dpi))
    area = builder.printable
    head, code_row, *rows = area.split_rows(
        [1.6, 2.4, 1.0, 1.0, 1.0, 1.0, 1.0], gap=builder.mm(0.5)
    )
    left = Box(head.x, head.y, head.width * 2 // 3, head.height)
    right = Box(left.right, head.y, head.right - left.right, head.height)
    builder.text(left, job.job_no)
    builder.text(right, f"{job.copy_no} of {job.copies}", "right")
    builder.code(job.job_no, code_row, symbology=symbology, where="the envelope label")
    fields = [
        ("Customer", job.customer),
        ("Promised", job.promised_text),
        ("Item", job.item_line),
        ("Job", job.job_line),
        ("Value", job.declared_value_text),
    ]
    builder.text_block(
        [
            (row, f"{caption}: {value}" if value else "")
            for row, (caption, value) in zip(rows, fields, strict=True)
        ]
    )
    suffix = f"-{job.copy_no}of{job.copies}" if job.copies > 1 else ""
    return builder.build(job.job_no + suffix)


def shelf_tag(item: ShelfData, size: LabelSize, dpi: int, symbology: str = "auto"):
    builder = LayoutBuilder(size, check_dpi(dpi))
    title_row, price_row, detail_row, code_row, sku_row = builder.printable.split_rows(
        [1.2, 2.0, 1.0, 2.6, 0.9], gap=builder.mm(0.5)
    )
    builder.text(title_row, item.title)
    builder.text(price_row, item.price_text)
    builder.text(detail_row, item.detail_line)
    builder.code(item.sku, code_row, symbology=symbology, where="the shelf tag")
    builder.text(sku_row, item.sku, "center")
    return builder.build(item.sku)


TagTemplate = Callable[[TagData, LabelSize, int, TagOptions], Layout]
TAG_TEMPLATES: dict[str, TagTemplate] = {"barbell": barbell_tag, "rattail": rattail_tag}


def tag_layout(tag: TagData, size: LabelSize, dpi: int, options: TagOptions | None = None):
    """A piece tag on whichever tag stock `size` is (barbell or rat-tail)."""
    template = TAG_TEMPLATES.get(size.template)
    if template is None:
        raise InvalidInput(f"Size {size.name!r} is a {size.template} label, not a tag.")
    return template(tag, size, dpi, options or TagOptions())
