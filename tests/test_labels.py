"""The label engine without a database: real PNGs, decoded back by zxing-cpp."""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageFilter
from pypdf import PdfReader

from jeweltui.errors import InvalidInput
from jeweltui.labels import (
    BarcodeWontFit,
    CostCipher,
    EnvelopeData,
    LabelWriter,
    LocationData,
    PrinterProblem,
    ShelfData,
    TagData,
    TagOptions,
    check_fit,
    date_wrapped,
    dots,
    envelope_label,
    load_shop_config,
    location_label,
    render,
    send_to_printer,
    shelf_tag,
    size_book,
    tag_layout,
    unwrap_date_code,
)
from jeweltui.labels.fonts import font, font_path, text_width
from jeweltui.labels.layout import Bars, Matrix, Text
from jeweltui.labels.sheets import grid_for

BOOK = size_book()
DPIS = (203, 300)

RING = TagData(
    stock_no="R-000123",
    price_text="€1,299.00",
    metal_line="14K yellow gold",
    stone_line="0.50ct diamond",
    ring_size="6.5",
    cost_code="BKEE",
    ean="4006381333931",
)
# The longest values a shop realistically prints, to prove text never leaves the label.
LONGEST = TagData(
    stock_no="ER-0001234",
    price_text="€1,234,567.00",
    metal_line="18K rose & white gold, platinum prongs",
    stone_line="1.25ct diamond, 0.80ct sapphire, 0.12ct émeraude",
    ring_size="10¾",
    cost_code="BKEEHOR",
)


def all_labels(dpi: int):
    """One of every template, as (layout, what its barcode must read)."""
    yield tag_layout(RING, BOOK.get(None, "barbell"), dpi), "R-000123"
    yield tag_layout(TagData("123456", "€99.00"), BOOK.get(None, "barbell"), dpi), "123456"
    yield tag_layout(RING, BOOK.get(None, "rattail"), dpi), "R-000123"
    yield tag_layout(RING, BOOK.get(None, "rattail"), dpi, TagOptions(use_ean=True)), RING.ean
    yield tag_layout(RING, BOOK.get(None, "barbell"), dpi, TagOptions("datamatrix")), "R-000123"
    yield location_label(LocationData("L-CASE-A", "Front case A", "case"), BOOK.get(None, "location"), dpi), "L-CASE-A"  # fmt: skip
    job = EnvelopeData("WO-000042", "Émilie Müller", "Tue 14 May", "Ring", "Resize", "€1,200.00", 2, 3)  # fmt: skip
    yield envelope_label(job, BOOK.get(None, "envelope"), dpi), "WO-000042"
    shelf = ShelfData("CH-18Y-45", "Curb chain 45 cm", "€189.00", "18K yellow gold")
    yield shelf_tag(shelf, BOOK.get(None, "shelf"), dpi), "CH-18Y-45"


def decoded(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def thermal_print(image: Image.Image, threshold: int) -> Image.Image:
    """A print simulation: the head smears each dot into its neighbours (blur), then the
    paper turns black or stays white (threshold). A low threshold fattens bars."""
    smeared = image.convert("L").filter(ImageFilter.GaussianBlur(radius=0.8))
    return smeared.point(lambda v: 255 if v > threshold else 0)


# --- size -----------------------------------------------------------------------------


@pytest.mark.parametrize(("dpi", "pixels"), [(203, (447, 102)), (300, (660, 150))])
def test_a_barbell_tag_is_2_2_by_0_5_inches_in_printer_dots(dpi, pixels):
    image = render(tag_layout(RING, BOOK.get("barbell-2.2x0.5", "barbell"), dpi))
    assert image.size == pixels


@pytest.mark.parametrize("dpi", DPIS)
def test_every_preset_renders_at_its_millimetres_times_the_dpi(dpi):
    for layout, _ in all_labels(dpi):
        per_mm = 8.0 if dpi == 203 else dpi / 25.4  # a "203 dpi" head is 8 dots/mm
        width, height = render(layout).size
        assert abs(width - layout.size.width_mm * per_mm) <= 1
        assert abs(height - layout.size.height_mm * per_mm) <= 1


def test_png_files_carry_their_dpi(tmp_path):
    writer = LabelWriter("png", tmp_path)
    writer.add(tag_layout(RING, BOOK.get(None, "barbell"), 300))
    (path,) = writer.finish()
    with Image.open(path) as image:
        assert round(image.info["dpi"][0]) == 300
        assert image.size == (660, 150)


# --- barcodes that scan ---------------------------------------------------------------


@pytest.mark.parametrize("dpi", DPIS)
def test_every_barcode_drawn_decodes_back_to_its_text(dpi, tmp_path):
    for index, (layout, expected) in enumerate(all_labels(dpi)):
        path = tmp_path / f"{index}.png"
        render(layout).save(path)
        with Image.open(path) as image:
            assert decoded(image) == [expected], (layout.size.name, layout.notes)


@pytest.mark.parametrize("dpi", DPIS)
@pytest.mark.parametrize("threshold", [90, 128, 170])
def test_barcodes_still_decode_after_a_smeary_thermal_print(dpi, threshold):
    for layout, expected in all_labels(dpi):
        assert decoded(thermal_print(render(layout), threshold)) == [expected], layout.size.name


def _runs(values: list[int]) -> list[tuple[int, int]]:
    runs, start = [], 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            runs.append((values[start], i - start))
            start = i
    return runs


@pytest.mark.parametrize("dpi", DPIS)
def test_every_bar_and_space_is_a_whole_number_of_modules_at_least_two_dots(dpi):
    for layout, _ in all_labels(dpi):
        image = render(layout)
        for code in layout.barcodes:
            assert code.module_dots >= 2
            if isinstance(code, Bars):
                y = code.y + code.height // 2
                start = code.x + code.symbol.quiet_left * code.module_dots
                end = start + len(code.symbol.modules) * code.module_dots
                row = [image.getpixel((x, y)) for x in range(start, end)]
                widths = [length for _, length in _runs(row)]
                assert all(w % code.module_dots == 0 for w in widths)
                # and the quiet zones really are blank
                assert all(image.getpixel((x, y)) for x in range(code.x, start))
                assert all(image.getpixel((x, y)) for x in range(end, code.x + code.width))
            else:
                assert isinstance(code, Matrix)
                assert code.side % code.module_dots == 0


def test_a_barbell_code_that_fits_a_wing_stays_inside_it_with_ten_module_quiet_zones():
    layout = tag_layout(TagData("123456"), BOOK.get(None, "barbell"), 300)
    wing = dots(layout.size.wing_mm, 300)
    (code,) = layout.barcodes
    assert isinstance(code, Bars) and code.x >= 0 and code.x + code.width <= wing
    assert code.symbol.quiet_left == code.symbol.quiet_right == 10


# --- fitting a 20 mm wing --------------------------------------------------------------


def test_an_all_digit_stock_number_fits_a_wing_in_code128_at_300_dpi_only():
    assert check_fit("123456", 20.32, 300).fits
    assert not check_fit("123456", 20.32, 203).fits
    layout = tag_layout(TagData("123456"), BOOK.get(None, "barbell"), 300)
    assert [type(code) for code in layout.barcodes] == [Bars]
    assert layout.notes == ()


@pytest.mark.parametrize("dpi", DPIS)
def test_a_stock_number_too_wide_for_the_wing_runs_code128_along_the_whole_tag(dpi):
    assert not check_fit("JW-000123", 20.32, dpi).fits
    layout = tag_layout(TagData("JW-000123", "€99.00"), BOOK.get(None, "barbell"), dpi)
    (code,) = layout.barcodes
    assert isinstance(code, Bars) and code.width > dots(layout.size.wing_mm, dpi)
    assert code.module_dots >= 2 and code.x + code.width <= layout.width
    texts = [e.text for e in layout.elements if isinstance(e, Text)]
    assert "JW-000123" in texts and "€99.00" in texts
    assert decoded(render(layout)) == ["JW-000123"]


def test_datamatrix_only_when_the_shop_asks_for_it():
    default = tag_layout(TagData("JW-000123"), BOOK.get(None, "barbell"), 203)
    assert [type(code) for code in default.barcodes] == [Bars]
    asked = tag_layout(
        TagData("JW-000123"), BOOK.get(None, "barbell"), 203, TagOptions("datamatrix")
    )
    assert [type(code) for code in asked.barcodes] == [Matrix]
    assert decoded(render(asked)) == ["JW-000123"]


def test_a_code_too_long_even_for_the_whole_tag_says_so_or_gets_a_datamatrix():
    too_long = "JW-ABCDEFGHIJKLMNOP"
    with pytest.raises(BarcodeWontFit, match="DataMatrix"):
        tag_layout(TagData(too_long), BOOK.get(None, "barbell"), 203, TagOptions("code128"))
    layout = tag_layout(TagData(too_long), BOOK.get(None, "barbell"), 203)
    (note,) = layout.notes
    assert too_long in note and "needs" in note and "DataMatrix" in note
    assert decoded(render(layout)) == [too_long]


def test_an_ean_with_a_wrong_check_digit_is_refused():
    bad = TagData("R-1", ean="4006381333932")
    with pytest.raises(InvalidInput, match="check digit"):
        tag_layout(bad, BOOK.get(None, "rattail"), 300, TagOptions(use_ean=True))


# --- the concealed cost code -------------------------------------------------------------


def test_blackhorse_reads_a_cost_of_1500_as_bkee():
    cipher = CostCipher("blackhorse")
    assert cipher.encode(150000) == "BKEE"
    assert cipher.encode(129949) == "BLSS"  # whole units, half a unit rounds up: 1299
    assert cipher.decode("BKEE") == 1500


@pytest.mark.parametrize(
    "word", ["BLACKHORS", "BLACKHORSEE", "BLACKHORSB", "BLACK HORS", "BLACKH0RSE"]
)
def test_a_cost_word_needs_ten_different_letters(word):
    with pytest.raises(InvalidInput, match="10 different letters"):
        CostCipher(word)


def test_the_date_wrapped_cost_code_hides_the_cost_around_the_entry_month():
    from datetime import date

    assert date_wrapped(150000, date(2024, 3, 9)) == "15032400"
    assert unwrap_date_code("15032400") == (1500, "0324")
    assert unwrap_date_code(date_wrapped(1234500, date(2023, 11, 1))) == (12345, "1123")


# --- text -----------------------------------------------------------------------------


def test_the_label_font_is_bundled_and_has_euro_and_accents():
    assert Path(font_path()).is_file()
    assert "site-packages" in font_path() or "barcode" in font_path()
    face = font(24)
    for glyph in "€£¥éüñøÅ":
        assert face.getmask(glyph).getbbox() is not None, glyph


@pytest.mark.parametrize("dpi", DPIS)
@pytest.mark.parametrize("template", ["barbell", "rattail"])
def test_the_longest_realistic_tag_text_stays_inside_the_printable_area(dpi, template):
    layout = tag_layout(LONGEST, BOOK.get(None, template), dpi)
    margin = dots(layout.size.margin_mm, dpi)
    for element in layout.elements:
        if isinstance(element, Text):
            assert text_width(element.text, element.size_px) <= element.box.width
            assert element.box.x >= margin and element.box.right <= layout.width - margin
            assert element.box.y >= margin and element.box.bottom <= layout.height - margin
    image = render(layout)
    inner = image.crop((margin, margin, layout.width - margin, layout.height - margin))
    # every dark dot of the label lies inside the printable area
    assert image.histogram()[0] == inner.histogram()[0]
    shown = " ".join(e.text for e in layout.elements if isinstance(e, Text))
    assert "€1,234,567.00" in shown  # the price is never shortened on this tag


# --- sheets, ZPL, printing ---------------------------------------------------------------


def test_a_pdf_sheet_of_100_tags_has_the_right_page_count(tmp_path):
    size = BOOK.get(None, "barbell")
    per_page = grid_for(size, "a4").per_page
    writer = LabelWriter("pdf", tmp_path, batch_name="received", sheet="a4")
    for number in range(100):
        writer.add(tag_layout(TagData(f"{number:06d}", "€10.00"), size, 203))
    (path,) = writer.finish()
    assert path.name == "received.pdf"
    assert len(PdfReader(path).pages) == math.ceil(100 / per_page) == 2


def test_a_roll_pdf_has_one_label_per_page_at_true_size(tmp_path):
    size = BOOK.get(None, "location")
    writer = LabelWriter("pdf", tmp_path, sheet="roll")
    for code in ("L-CASE-A", "L-CASE-B", "L-SAFE"):
        writer.add(location_label(LocationData(code, code), size, 300))
    (path,) = writer.finish()
    pages = PdfReader(path).pages
    assert len(pages) == 3
    width_pt = float(pages[0].mediabox.width)
    assert abs(width_pt / 72 * 25.4 - size.width_mm) < 0.1


def test_zpl_has_one_block_per_label_with_sizes_in_dots_and_field_data(tmp_path):
    writer = LabelWriter("zpl", tmp_path)
    size = BOOK.get(None, "barbell")
    writer.add(tag_layout(RING, size, 203, TagOptions("datamatrix")))
    writer.add(tag_layout(TagData("123456", "€5.00"), size, 300))
    writer.add(
        location_label(LocationData("L-CASE_A^1", "Case A"), BOOK.get(None, "location"), 203)
    )
    (path,) = writer.finish()
    text = path.read_text("utf-8")
    assert text.count("^XA") == text.count("^XZ") == 3
    blocks = text.split("^XZ")[:3]
    assert "^PW447" in blocks[0] and "^LL102" in blocks[0] and "^BXN," in blocks[0]
    assert "^PW660" in blocks[1] and "^LL150" in blocks[1]
    assert "^BY2^BCN," in blocks[1] and "^FH_^FD123456^FS" in blocks[1]
    assert "^FD€1,299.00^FS" in blocks[0] and "^CI28" in blocks[0]
    assert "^FDL-CASE_5FA_5E1^FS" in blocks[2]  # ZPL control characters are escaped


def test_a_default_203_dpi_barbell_tag_in_zpl_is_code128_with_auto_subsets(tmp_path):
    writer = LabelWriter("zpl", tmp_path)
    writer.add(tag_layout(RING, BOOK.get(None, "barbell"), 203))
    (path,) = writer.finish()
    text = path.read_text("utf-8")
    assert "^BCN," in text and ",A^FH_^FDR-000123^FS" in text and "^BXN" not in text


def _fake_lp(folder: Path) -> Path:
    """A real executable `lp` that records each argument on its own line."""
    record = folder / "lp-argv.txt"
    script = folder / "lp"
    script.write_text(
        f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a" >> "{record}"; done\n'
        'echo "request id is Zebra-7 (1 file(s))"\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return record


def test_printing_passes_printer_and_files_to_lp_as_separate_arguments(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = _fake_lp(bin_dir)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    label_file = tmp_path / "tag one; rm -rf ~.png"
    label_file.write_bytes(b"png")
    said = send_to_printer("Zebra $(reboot)", [label_file], size=BOOK.get(None, "barbell"))
    assert said == "request id is Zebra-7 (1 file(s))"
    assert record.read_text().splitlines() == [
        "-d",
        "Zebra $(reboot)",
        "-o",
        "media=Custom.55.88x12.7mm",
        str(label_file.resolve()),
    ]


def test_printing_without_cups_says_lp_is_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PrinterProblem, match="'lp' command"):
        send_to_printer("Zebra", [tmp_path / "x.zpl"], raw=True)


def test_a_printer_name_cannot_smuggle_in_an_lp_option():
    with pytest.raises(InvalidInput):
        send_to_printer("-oraw", [Path("x.png")])


# --- shop sizes ---------------------------------------------------------------------------


def test_a_shop_sets_its_own_sizes_and_defaults_in_labels_toml(tmp_path):
    config = tmp_path / "labels.toml"
    config.write_text(
        '[defaults]\nbarbell = "house-tag"\n\n'
        '[sizes.house-tag]\ntemplate = "barbell"\nwidth_mm = 60\nheight_mm = 13\nwing_mm = 24\n'
        '\n[cost_code]\nword = "BLACKHORSE"\n'
    )
    book = size_book(load_shop_config(config))
    size = book.get(None, "barbell")
    assert (size.name, size.pixels(203)) == ("house-tag", (480, 104))
    assert "barbell-2.2x0.5" in book.sizes  # presets stay available
    # a 24 mm wing at 300 dpi has room for Code128 of this stock number
    layout = tag_layout(TagData("R-000123"), size, 300)
    assert [type(c) for c in layout.barcodes] == [Bars]
    assert decoded(render(layout)) == ["R-000123"]


def test_a_broken_labels_toml_is_a_clear_error(tmp_path):
    bad = tmp_path / "labels.toml"
    bad.write_text("[sizes.x]\nwidth_mm = \n")
    with pytest.raises(InvalidInput, match="not a valid TOML"):
        load_shop_config(bad)
    bad.write_text('[sizes.x]\ntemplate = "sticker"\nwidth_mm = 10\nheight_mm = 10\n')
    with pytest.raises(InvalidInput, match="template must be one of"):
        size_book(load_shop_config(bad))
    with pytest.raises(InvalidInput, match="not location"):
        BOOK.get("barbell-2.2x0.5", "location")


def test_text_stamped_from_the_cache_is_the_same_dots_as_drawn_directly():
    """Rendering pastes each distinct text once rasterised: not a dot may differ."""
    from PIL import ImageDraw

    from jeweltui.labels.raster import BLACK, WHITE, render

    size = size_book().get(None, "barbell")
    tag = TagData(
        stock_no="R-000123", price_text="€12,345.00", metal_line="18K white gold",
        stone_line="12.34ct sapphire, 0.50ct diamond, 3.21ct ruby, 0.10ct emerald",
        ring_size="6.5", cost_code="BKEE",
    )  # fmt: skip
    for dpi in (203, 300):
        layout = tag_layout(tag, size, dpi)
        direct = Image.new("1", (layout.width, layout.height), WHITE)
        draw = ImageDraw.Draw(direct)
        texts = [e for e in layout.elements if isinstance(e, Text)]
        assert any(t.text.endswith("…") for t in texts)  # the glyph that inks past its box
        for element in layout.elements:
            if not isinstance(element, Text):
                continue
            face = font(element.size_px)
            width = face.getlength(element.text)
            x = {
                "center": element.box.x + (element.box.width - width) / 2,
                "right": element.box.right - width,
            }.get(element.align, element.box.x)
            ascent, descent = face.getmetrics()
            y = element.box.y + (element.box.height - ascent - descent) // 2
            draw.text((int(x), y), element.text, font=face, fill=BLACK, anchor="la")
        painted = render(layout)
        for element in layout.elements:  # compare the text rows only: bars are painted alike
            if isinstance(element, Text):
                box = (
                    element.box.x,
                    element.box.y,
                    element.box.right,
                    element.box.y + element.box.height,
                )
                assert painted.crop(box).tobytes() == direct.crop(box).tobytes(), element.text
