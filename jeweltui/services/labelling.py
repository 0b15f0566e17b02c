"""Tags for pieces picked on screen or queued by receiving: where they go, how they print.

The label engine (jeweltui.labels) renders plain data; this module reads the shop's
records and settings for it, so the TUI preview and `jeweltui label queue` share one path.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from peewee import prefetch

from jeweltui.codes import normalise_code
from jeweltui.errors import UnknownCode
from jeweltui.labels import LabelSize, LabelWriter, TagData, TagOptions, size_book, tag_layout
from jeweltui.labels.geometry import load_shop_config
from jeweltui.labels.records import tag_data
from jeweltui.models import Piece, PieceCode, Setting, Stone
from jeweltui.services.pieces import find_piece
from jeweltui.services.receiving import queued_labels, unqueue_labels

LABEL_DIR_ENV = "JEWELTUI_LABEL_DIR"
LABEL_DIR_KEY = "label_dir"
PRINTER_ENV = "JEWELTUI_PRINTER"
PRINTER_KEY = "label_printer"
DEFAULT_LABEL_DIR = "~/jeweltui-labels"
TAG_TEMPLATES = ("barbell", "rattail")


def _setting(key: str) -> str:
    row = Setting.get_or_none(Setting.key == key)
    return row.value.strip() if row else ""


def label_folder() -> Path:
    """JEWELTUI_LABEL_DIR, else the shop's `label_dir` setting, else ~/jeweltui-labels."""
    chosen = os.environ.get(LABEL_DIR_ENV) or _setting(LABEL_DIR_KEY) or DEFAULT_LABEL_DIR
    return Path(chosen).expanduser()


def label_printer() -> str | None:
    """JEWELTUI_PRINTER, else the `label_printer` setting; None means CUPS's default printer."""
    return os.environ.get(PRINTER_ENV) or _setting(PRINTER_KEY) or None


def tag_sizes() -> list[LabelSize]:
    """The sizes a piece tag can be printed on, the shop's default barbell tag first."""
    book = size_book(load_shop_config())
    default = book.defaults.get("barbell")
    sizes = [s for s in book.sizes.values() if s.template in TAG_TEMPLATES]
    return sorted(sizes, key=lambda s: (s.name != default, TAG_TEMPLATES.index(s.template)))


def tags_for(stock_nos: Sequence[str]) -> list[TagData]:
    """Tag data for pieces by any code they carry; an unknown code stops with its message.

    Pieces named by stock number are read in one query with their stones and codes;
    only a code that is not a stock number (an old tag, an EAN) is looked up alone.
    """
    codes = [normalise_code(code) for code in stock_nos]
    by_stock_no = Piece.select().where(Piece.stock_no.in_(codes))
    found = {piece.stock_no: piece for piece in prefetch(by_stock_no, Stone, PieceCode)}
    return [tag_data(found.get(code) or find_piece(code)) for code in codes]


@dataclass(frozen=True)
class QueuedTags:
    """The tags receiving queued, and queued numbers no piece carries any more."""

    tags: list[TagData]
    missing: list[str] = field(default_factory=list)


def queued_tags() -> QueuedTags:
    tags, missing = [], []
    for stock_no in queued_labels():
        try:
            tags.append(tag_data(find_piece(stock_no)))
        except UnknownCode:
            missing.append(stock_no)
    return QueuedTags(tags, missing)


def done_with_queue(stock_nos: Sequence[str]) -> list[str]:
    """These tags were made: off the queue. Numbers queued meanwhile stay; returns them."""
    return unqueue_labels(list(stock_nos))


@dataclass(frozen=True)
class SavedLabels:
    files: list[Path]
    notes: list[str]
    printed: str = ""  # what lp answered, when the labels were also printed


def save_tags(
    tags: Sequence[TagData],
    size: LabelSize,
    dpi: int,
    fmt: str,
    folder: Path,
    options: TagOptions | None = None,
) -> SavedLabels:
    """A PNG per tag, or one PDF sheet ('tags.pdf'), written into `folder`."""
    writer = LabelWriter(fmt, folder, batch_name="tags")
    for tag in tags:
        writer.add(tag_layout(tag, size, dpi, options))
    return SavedLabels(writer.finish(), writer.notes)


def print_tags(
    tags: Sequence[TagData],
    size: LabelSize,
    dpi: int,
    fmt: str,
    folder: Path,
    printer: str | None,
) -> SavedLabels:
    """Save the tags, then queue the files on the printer (raises PrinterProblem)."""
    from jeweltui.labels.printing import send_to_printer

    saved = save_tags(tags, size, dpi, fmt, folder)
    answer = send_to_printer(printer, saved.files, size=size, raw=fmt == "zpl")
    return SavedLabels(saved.files, saved.notes, answer)
