"""Every demo piece's default tag, as a 1D laser scanner at the counter reads it.

Most counter scanners are 1D lasers: they read Code128 or Code 39, never a DataMatrix.
So each default barbell and rat-tail tag, at 203 and 300 dpi, clean and after a smeary
thermal print, must decode as a linear barcode whose text the real scan lookup turns
back into that very piece.
"""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image, ImageFilter

from jeweltui.demo import load_demo
from jeweltui.labels import render, size_book, tag_layout
from jeweltui.labels.records import metal_line
from jeweltui.models import Piece
from jeweltui.scanning import PIECE, classify
from jeweltui.services.labelling import tags_for

LINEAR = (zxingcpp.BarcodeFormat.Code128, zxingcpp.BarcodeFormat.Code39)
BOOK = size_book()


def thermal_prints(image: Image.Image) -> list[Image.Image]:
    """The print simulation of test_labels.py: the head smears each dot (blur), then the
    paper turns black or stays white (threshold); low thresholds fatten bars, high thin."""
    smeared = image.convert("L").filter(ImageFilter.GaussianBlur(radius=0.8))
    return [smeared.point(lambda v, t=t: 255 if v > t else 0) for t in (90, 170)]


@pytest.fixture
def demo_tags(db):
    load_demo()
    pieces = list(Piece.select().order_by(Piece.stock_no))
    return list(zip(pieces, tags_for([p.stock_no for p in pieces]), strict=True))


def laser_reads(image: Image.Image) -> list[str]:
    """A laser reads only linear symbols, along its line: a DataMatrix gives nothing."""
    return [r.text for r in zxingcpp.read_barcodes(image, formats=LINEAR, try_rotate=False)]


def test_every_demo_tag_scans_back_to_its_piece_on_a_1d_scanner(demo_tags):
    assert len(demo_tags) > 10
    sizes = [BOOK.get(None, "barbell"), BOOK.get(None, "rattail")]
    for piece, tag in demo_tags:
        reads = []
        for size in sizes:
            for dpi in (203, 300):
                image = render(tag_layout(tag, size, dpi))
                for printed in (image, *thermal_prints(image)):
                    reads.append(laser_reads(printed))
        (text,) = reads[0]
        assert all(read == [text] for read in reads), (piece.stock_no, reads)
        words = [word.casefold() for word in tag.metal_line.split()]
        assert len(words) == len(set(words)), tag.metal_line  # "14K yellow yellow gold"
        scanned = classify(text)  # the real scan lookup the counter uses
        assert scanned.kind == PIECE and scanned.obj.id == piece.id, piece.stock_no


def test_no_word_is_printed_twice_in_a_tags_metal_line():
    assert metal_line(14, "yellow", "yellow gold") == "14K yellow gold"
    assert metal_line(18, "White", "18K white gold") == "18K White gold"
    assert metal_line(None, "", "925 silver") == "925 silver"
