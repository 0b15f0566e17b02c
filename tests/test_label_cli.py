"""`jeweltui label …` on a real shop database in tmp_path, through the root command."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime

import pytest
import zxingcpp
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from jeweltui import clock
from jeweltui.cli import main
from jeweltui.db import open_database
from jeweltui.labels.records import CostCodeStyle, tag_data
from jeweltui.services.locations import create_location
from jeweltui.services.pieces import StoneInput, create_piece, find_piece
from jeweltui.services.staff import create_staff, ensure_owner


@pytest.fixture
def tagged_shop(tmp_path):
    """A shop with case A, a diamond ring with an EAN, and a plain pendant."""
    clock.set_clock(lambda: datetime(2024, 3, 9, 10, 0, tzinfo=UTC))
    path = tmp_path / "shop.db"
    open_database(path, create=True)
    owner = ensure_owner()
    create_staff("S-TOM", "Tom", "staff", staff=owner)
    create_location({"code": "L-CASE-A", "name": "Front case A", "kind": "case"}, staff=owner)
    create_piece(
        {
            "title": "Solitaire ring",
            "sku": "RNG-SOL-14Y-65",
            "category": "ring",
            "retail_cents": 129900,
            "cost_cents": 150000,
            "metal": "gold",
            "karat": 14,
            "colour": "yellow",
            "ring_size": "6.5",
        },  # fmt: skip
        location="L-CASE-A",
        staff=owner,
        stones=[StoneInput("diamond", "round", 50)],
        extra_codes=[("4006381333931", "ean")],
        stock_no="123456",
    )
    create_piece(
        {
            "title": "Pendant",
            "sku": "PND-HRT-925",
            "category": "pendant",
            "retail_cents": 8900,
            "cost_cents": 2500,
            "metal": "silver",
        },  # fmt: skip
        location="L-CASE-A",
        staff=owner,
    )
    yield path
    clock.set_clock(None)


def run(tagged_shop, *args, staff="S-OWNER"):
    result = CliRunner().invoke(main, ["--db", str(tagged_shop), "--staff", staff, "label", *args])
    return result


def decoded(path) -> list[str]:
    with Image.open(path) as image:
        return [r.text for r in zxingcpp.read_barcodes(image)]


def test_a_ring_tag_shows_price_metal_stones_size_and_the_concealed_cost(tagged_shop):
    ring = find_piece("123456")
    tag = tag_data(ring, CostCodeStyle.from_config({}, "BLACKHORSE"))
    assert (tag.price_text, tag.metal_line, tag.stone_line) == (
        "€1,299.00",
        "14K yellow gold",
        "0.50ct diamond",
    )
    assert (tag.ring_size, tag.cost_code, tag.ean) == ("6.5", "BKEE", "4006381333931")
    assert tag_data(ring).cost_code == ""  # the cost appears only when asked for
    dated = CostCodeStyle.from_config({"cost_code": {"style": "date"}})
    assert tag_data(ring, dated).cost_code == "15032400"


@pytest.mark.parametrize(("dpi", "pixels"), [("203", (447, 102)), ("300", (660, 150))])
def test_label_piece_writes_a_true_size_png_that_scans(tagged_shop, tmp_path, dpi, pixels):
    out = tmp_path / "out"
    result = run(tagged_shop, "piece", "123456", "--dpi", dpi, "--out", str(out), "--cost-code",
                 "--cipher", "BLACKHORSE")  # fmt: skip
    assert result.exit_code == 0, result.output
    png = out / "123456.png"
    assert str(png) in result.output
    with Image.open(png) as image:
        assert image.size == pixels
    assert decoded(png) == ["123456"]


def test_a_too_wide_stock_number_is_reported_on_the_command_line(tagged_shop, tmp_path):
    result = run(tagged_shop, "piece", "P-000001", "--out", str(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    (note,) = report["notes"]
    assert "P-000001" in note and "DataMatrix" in note
    assert decoded(report["files"][0]) == ["P-000001"]
    strict = run(tagged_shop, "piece", "P-000001", "--symbology", "code128", "--out", str(tmp_path))
    assert strict.exit_code != 0 and "DataMatrix" in strict.output
    assert "Traceback" not in strict.output


def test_the_ean_can_go_on_a_rat_tail_tag(tagged_shop, tmp_path):
    result = run(tagged_shop, "piece", "4006381333931", "--ean", "--size", "rattail-42x26",
                 "--dpi", "300", "--out", str(tmp_path))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert decoded(tmp_path / "123456.png") == ["4006381333931"]


def test_only_owners_and_managers_print_cost_codes(tagged_shop, tmp_path):
    result = run(tagged_shop, "piece", "123456", "--cost-code", "--cipher", "BLACKHORSE",
                 "--out", str(tmp_path), staff="S-TOM")  # fmt: skip
    assert result.exit_code != 0
    assert "owner or a manager" in result.output
    assert not list(tmp_path.glob("*.png"))


def test_a_cost_code_without_a_word_says_how_to_set_one(tagged_shop, tmp_path, monkeypatch):
    monkeypatch.setenv("JEWELTUI_LABELS_CONFIG", str(tmp_path / "none.toml"))
    result = run(tagged_shop, "piece", "123456", "--cost-code", "--out", str(tmp_path))
    assert result.exit_code != 0 and "cost code word" in result.output


def test_an_unknown_code_is_one_clear_line_and_no_files(tagged_shop, tmp_path):
    result = run(tagged_shop, "piece", "123456", "R-999999", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "No piece with code R-999999" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_label_pieces_makes_a_pdf_sheet_of_the_whole_case(tagged_shop, tmp_path):
    result = run(tagged_shop, "pieces", "--location", "L-CASE-A", "--format", "pdf", "--sheet",
                 "letter", "--out", str(tmp_path))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Rendering labels" in result.output  # the progress bar's label
    assert len(PdfReader(tmp_path / "tags.pdf").pages) == 1
    empty = run(tagged_shop, "pieces", "--filter", "nothing-like-this", "--out", str(tmp_path))
    assert empty.exit_code != 0 and "No pieces match" in empty.output


def test_label_location_as_zpl(tagged_shop, tmp_path):
    result = run(tagged_shop, "location", "CASE-A", "--format", "zpl", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "locations.zpl").read_text("utf-8")
    assert text.count("^XA") == text.count("^XZ") == 1
    assert "^PW400" in text and "^LL200" in text and "^FDL-CASE-A^FS" in text


def test_label_location_png_scans_at_both_dpi(tagged_shop, tmp_path):
    for dpi in ("203", "300"):
        out = tmp_path / dpi
        assert (
            run(tagged_shop, "location", "L-CASE-A", "--dpi", dpi, "--out", str(out)).exit_code == 0
        )
        assert decoded(out / "L-CASE-A.png") == ["L-CASE-A"]


def test_an_envelope_label_per_bag(tagged_shop, tmp_path):
    result = run(tagged_shop, "envelope", "WO-000042", "--customer", "Émilie Müller", "--promised",
                 "Tue 14 May", "--value", "1,200.00", "--copies", "3", "--out", str(tmp_path))  # fmt: skip
    assert result.exit_code == 0, result.output
    files = sorted(tmp_path.glob("WO-000042-*.png"))
    assert [f.name for f in files] == [f"WO-000042-{n}of3.png" for n in (1, 2, 3)]
    assert all(decoded(f) == ["WO-000042"] for f in files)


def test_print_hands_the_files_to_lp_as_an_argument_list(tagged_shop, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = bin_dir / "argv.txt"
    fake_lp = bin_dir / "lp"
    fake_lp.write_text(
        f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a" >> "{record}"; done\n'
        'echo "request id is Counter_Zebra-12 (1 file(s))"\n'
    )
    fake_lp.chmod(fake_lp.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    out = tmp_path / "out"
    result = run(tagged_shop, "piece", "123456", "--format", "zpl", "--print", "Counter Zebra",
                 "--out", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "request id is Counter_Zebra-12" in result.output
    assert record.read_text().splitlines() == [
        "-d",
        "Counter Zebra",
        "-o",
        "raw",
        str((out / "tags.zpl").resolve()),
    ]


def test_label_sizes_lists_presets_and_the_shops_own(tmp_path):
    config = tmp_path / "labels.toml"
    config.write_text('[sizes.tray]\ntemplate = "location"\nwidth_mm = 30\nheight_mm = 15\n')
    result = CliRunner().invoke(main, ["label", "sizes", "--labels-config", str(config), "--json"])
    assert result.exit_code == 0, result.output
    names = {row["name"] for row in json.loads(result.output)}
    assert {"barbell-2.2x0.5", "rattail-42x26", "tray"} <= names
