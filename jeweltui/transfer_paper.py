"""The paper that travels with a transfer: its Code128 to scan on arrival, and the list.

A PNG the shop prints on any printer; the receiving store scans the barcode to receive
every piece on it at once.
"""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from jeweltui import clock
from jeweltui.labels.barcodes import code128
from jeweltui.models.stores import Transfer, TransferLine
from jeweltui.workorder_docs import document_font

MODULE_PX = 3  # at 150 dpi about 0.5 mm: an office printer's bars scan reliably
BAR_HEIGHT_PX = 120
MARGIN_PX = 40


def transfer_lines(transfer: Transfer) -> list[str]:
    head = [
        f"Transfer {transfer.code}",
        f"From {transfer.from_store.name} to {transfer.to_store.name}",
        f"Sent {clock.format_local(transfer.sent_at)}",
        "",
    ]
    lines = transfer.lines.order_by(TransferLine.id)
    pieces = [f"{line.piece.stock_no}  {line.piece.title}" for line in lines]
    return [*head, *pieces, "", f"{len(pieces)} pieces. Scan the code above to receive."]


def write_transfer_paper(transfer: Transfer, folder: str | os.PathLike) -> Path:
    symbol = code128(transfer.code)
    font = ImageFont.truetype(str(document_font()), 22)
    text = transfer_lines(transfer)
    bar_width = symbol.width_dots(MODULE_PX)
    width = max(bar_width, 900) + 2 * MARGIN_PX
    height = 2 * MARGIN_PX + BAR_HEIGHT_PX + 20 + 30 * len(text)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    x = MARGIN_PX + symbol.quiet_left * MODULE_PX
    for module in symbol.modules:
        if module == "1":
            draw.rectangle([x, MARGIN_PX, x + MODULE_PX - 1, MARGIN_PX + BAR_HEIGHT_PX], fill=0)
        x += MODULE_PX
    y = MARGIN_PX + BAR_HEIGHT_PX + 20
    for line in text:
        draw.text((MARGIN_PX, y), line, font=font, fill=0)
        y += 30
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{transfer.code}.png"
    partial = target.with_name(target.name + ".partial")
    image.save(partial, format="PNG", dpi=(150, 150))
    os.replace(partial, target)  # complete or not at all
    return target
