"""Stones entered by hand through the CLI: they show in piece show --json, on the tag, on
the appraisal PDF (read back with pypdf) and in the channel exports (read back with csv)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from jeweltui.cli import main
from jeweltui.labels.records import tag_data
from jeweltui.models import Movement, Piece, Stone
from jeweltui.services.pieces import find_piece


def cli(db_path: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db_path), *args], env={"JEWELTUI_STAFF": ""})


def run(db_path: Path, *args: str) -> str:
    result = cli(db_path, *args)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def set_ring(shop, db_path):
    run(db_path, "piece", "stone", "add", "R-000001", "--type", "diamond", "--shape", "round",
        "--carat", "0.50", "--colour", "G", "--clarity", "VS1", "--cert", "GIA 1234567",
        "--count", "1")  # fmt: skip
    run(db_path, "piece", "stone", "add", "R-000001", "--type", "sapphire", "--shape", "oval",
        "--carat", "1/4 ct", "--colour", "blue", "--count", "2")  # fmt: skip
    return db_path


def test_stones_show_in_piece_show_and_on_the_tag(set_ring):
    shown = json.loads(run(set_ring, "piece", "show", "R-000001", "--json"))
    first, second = shown["stones"]
    assert (first["type"], first["shape"], first["carat_points"]) == ("diamond", "round", 50)
    assert (first["colour"], first["clarity"], first["cert_no"]) == ("G", "VS1", "GIA 1234567")
    assert (second["type"], second["carat_points"], second["count"]) == ("sapphire", 25, 2)
    assert shown["tag_summary"] == "14K · 1.00ct"
    text = run(set_ring, "piece", "show", "R-000001")
    assert "Stone 1: 1× diamond round 0.50ct G VS1, cert GIA 1234567" in text
    tag = tag_data(find_piece("R-000001"))
    assert tag.stone_line == "0.50ct diamond, 0.50ct sapphire"
    assert tag.metal_line == "14K yellow gold"


def test_edit_and_remove_renumber_and_write_the_ledger(set_ring):
    run(set_ring, "piece", "stone", "edit", "R-000001", "1", "--clarity", "VS2", "--carat", "50pt")
    run(set_ring, "piece", "stone", "remove", "R-000001", "1")
    stones = list(Stone.select().join(Piece).where(Piece.stock_no == "R-000001"))
    assert [(s.position, s.type) for s in stones] == [(1, "sapphire")]
    actions = [m.action for m in Movement.select().where(Movement.action.startswith("stone"))]
    assert actions == ["stone_add", "stone_add", "stone_edit", "stone_remove"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("add", "R-000001", "--type", "diamond", "--carat", "big"), "Carat weight 'big'"),
        (("add", "R-000001", "--type", " "), "needs a type"),
        (("add", "R-000001", "--type", "ruby", "--count", "0"), "count"),
        (("edit", "R-000001", "7", "--clarity", "SI1"), "no stone 7"),
        (("remove", "R-999999", "1"), "No piece"),
    ],
)
def test_bad_stone_input_is_refused_and_changes_nothing(shop, db_path, args, words):
    before = Stone.select().count(), Movement.select().count()
    result = cli(db_path, "piece", "stone", *args)
    assert result.exit_code != 0 and words in result.output
    assert (Stone.select().count(), Movement.select().count()) == before


def test_an_appraisal_of_a_stock_piece_lists_its_stones(set_ring, tmp_path):
    added = run(set_ring, "wo", "add", "--type", "appraisal", "--piece", "R-000001",
                "--job", "Insurance appraisal")  # fmt: skip
    code = added.split()[0]
    run(set_ring, "wo", "appraise", code, "--value", "2,400.00", "--appraiser", "S-OWNER",
        "--metal", "14K yellow gold, tested")  # fmt: skip
    pdf = tmp_path / "appraisal.pdf"
    run(set_ring, "wo", "print", code, "--appraisal", str(pdf))
    text = " ".join("".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Stones: none" not in text
    assert "diamond, round, 0.50ct, G VS1, cert GIA 1234567" in text
    assert "2× sapphire, oval, 0.25ct, blue" in text


def _export(db_path: Path, tmp_path: Path, exporter: str, suffix: str) -> list[dict]:
    out = tmp_path / f"{exporter}{suffix}"
    run(db_path, "export", "--format", exporter, "--output", str(out))
    delimiter = "\t" if suffix == ".tsv" else ","
    with out.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def test_stones_reach_the_channel_exports(set_ring, tmp_path):
    shopify = _export(set_ring, tmp_path, "shopify-products", ".csv")
    row = next(r for r in shopify if r["SKU"] == "R-000001")
    assert "diamond" in row["Tags"] and "sapphire" in row["Tags"]
    assert "GIA 1234567" in row["Description"]
    woo = _export(set_ring, tmp_path, "woocommerce", ".csv")
    row = next(r for r in woo if r["SKU"] == "R-000001")
    assert "diamond" in row["Tags"] and "0.50ct" in row["Description"]
    google = _export(set_ring, tmp_path, "google-merchant", ".tsv")
    row = next(r for r in google if r["id"] == "R-000001")
    assert "Stones: diamond, round, 0.50ct, G VS1, cert GIA 1234567" in row["description"]
