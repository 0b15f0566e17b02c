"""Styles: one record per design, its variants, and the migration that groups old files."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeweltui.cli import main
from jeweltui.db import open_database
from jeweltui.models.grouping import sku_core

DATA = Path(__file__).parent / "data"


def run(db_path: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db_path), *args], env={"JEWELTUI_STAFF": ""})
    assert result.exit_code == 0, result.output
    return result.output


def refused(db_path: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db_path), *args], env={"JEWELTUI_STAFF": ""})
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    return result.output


def test_a_style_in_two_metals_and_two_sizes_has_four_pieces_listed_with_their_places(
    shop, db_path
):
    run(db_path, "style", "add", "RNG-TWS", "--title", "Twisted stacking ring",
        "--category", "ring", "--vendor-style", "TW-100")  # fmt: skip
    made = []
    for karat, colour, where in (("14K", "yellow", "L-CASE-A"), ("18KT", "white", "L-SAFE")):
        for size in ("6", "7"):
            out = run(db_path, "piece", "add", "--style", "RNG-TWS", "--karat", karat,
                      "--colour", colour, "--metal", f"{colour} gold", "--ring-size", size,
                      "--location", where, "--price", "€1.299", "--json")  # fmt: skip
            made.append(json.loads(out))
    assert [p["sku"] for p in made] == [
        "RNG-TWS-14Y-6", "RNG-TWS-14Y-7", "RNG-TWS-18W-6", "RNG-TWS-18W-7"
    ]  # fmt: skip
    assert {p["title"] for p in made} == {"Twisted stacking ring"}
    assert {p["style"] for p in made} == {"RNG-TWS"}
    run(db_path, "hold", "add", made[0]["stock_no"], "--customer", "Maria Rossi")
    shown = json.loads(run(db_path, "style", "show", "RNG-TWS", "--json"))
    rows = {p["stock_no"]: p for p in shown["pieces"]}
    assert len(rows) == 4
    assert {p["location"] for p in shown["pieces"]} == {"L-CASE-A", "L-SAFE"}
    assert rows[made[0]["stock_no"]]["sellable"] is False
    assert "Maria Rossi" in rows[made[0]["stock_no"]]["why_not"]
    assert rows[made[1]["stock_no"]]["sellable"] is True
    text = run(db_path, "style", "show", "RNG-TWS")
    assert "4 piece(s)" in text
    for piece in made:
        assert piece["stock_no"] in text
    assert "18K white gold, size 7" in text
    assert "L-SAFE" in text
    listed = json.loads(run(db_path, "style", "list", "--json"))
    assert {"code": "RNG-TWS", "pieces": 4}.items() <= next(
        s for s in listed if s["code"] == "RNG-TWS"
    ).items()


def test_style_edit_and_bad_input(shop, db_path):
    run(db_path, "style", "add", "PND-HRT", "--title", "Heart pendant", "--category", "pendant")
    run(db_path, "style", "edit", "PND-HRT", "--title", "Puffed heart pendant",
        "--attributes", "finish=polished, chain=included")  # fmt: skip
    shown = json.loads(run(db_path, "style", "show", "PND-HRT", "--json"))
    assert shown["title"] == "Puffed heart pendant"
    assert shown["attributes"] == {"chain": "included", "finish": "polished"}
    assert "exists already" in refused(db_path, "style", "add", "PND-HRT", "--title", "Again")
    assert "No style" in refused(db_path, "style", "show", "PND-NOPE")
    assert "karat" in refused(db_path, "style", "edit", "PND-HRT", "--karat", "19K").lower()
    assert "No style" in refused(
        db_path, "piece", "add", "--style", "NOPE", "--location", "L-CASE-A"
    )


def test_a_piece_with_a_known_sku_core_joins_its_style(shop, db_path):
    run(db_path, "style", "add", "RNG-SOL", "--title", "Solitaire ring", "--category", "ring")
    out = run(db_path, "piece", "add", "--title", "Solitaire", "--sku", "RNG-SOL-18W-55",
              "--category", "ring", "--location", "L-CASE-A", "--json")  # fmt: skip
    assert json.loads(out)["style"] == "RNG-SOL"


@pytest.mark.parametrize(
    ("sku", "core"),
    [
        ("RNG-STK-14Y-65-01", "RNG-STK"),
        ("CHN-BOX-SS-40", "CHN-BOX"),
        ("WBD-CMF-PT-70-02", "WBD-CMF"),
        ("EAR-HOOP-925", "EAR-HOOP"),
        ("14Y-RING", "14Y-RING"),
        ("PLAIN", "PLAIN"),
    ],
)
def test_sku_core(sku, core):
    assert sku_core(sku) == core


TABLES_BEFORE = None


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as con:
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if r[0] not in ("style", "schema_version", "sqlite_sequence", "sqlite_stat1")
        ]
        return {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def _rows(path: Path, table: str, drop: tuple[str, ...] = ()) -> list[tuple]:
    with sqlite3.connect(path) as con:
        cursor = con.execute(f'SELECT * FROM "{table}" ORDER BY id')
        names = [d[0] for d in cursor.description]
        keep = [i for i, n in enumerate(names) if n not in drop]
        return [tuple(row[i] for i in keep) for row in cursor]


def test_a_database_made_before_styles_is_backed_up_grouped_and_otherwise_unchanged(tmp_path):
    path = tmp_path / "old.db"
    with gzip.open(DATA / "shop-v7-demo.db.gz") as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    counts, ledger, pieces = _counts(path), _rows(path, "movement"), _rows(path, "piece")
    database = open_database(path)
    database.close()
    backups = list(tmp_path.glob("old.db.before-v*.bak"))
    assert len(backups) == 1
    assert _rows(backups[0], "piece") == pieces  # the backup is the file as it was
    after = _counts(path)
    assert {t: after[t] for t in counts} == counts  # no row added or lost in any old table
    assert set(after) - set(counts) <= {"item_sale_line", "item_hold", "item_return", "photo"}
    assert not any(after[t] for t in set(after) - set(counts))  # new tables start empty
    assert _rows(path, "movement") == ledger  # the ledger is untouched
    assert _rows(path, "piece", drop=("style_id",)) == pieces
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT COUNT(*) FROM piece WHERE style_id IS NULL").fetchone() == (0,)
        assert con.execute("SELECT COUNT(*) FROM item WHERE style_id IS NULL").fetchone() == (0,)
        twisted = con.execute(
            "SELECT s.title, COUNT(*) FROM piece p JOIN style s ON s.id = p.style_id"
            " WHERE s.code = 'RNG-STK' GROUP BY s.id"
        ).fetchone()
        cores = con.execute("SELECT sku, (SELECT code FROM style WHERE id = style_id) FROM piece")
        assert all(sku_core(sku) == code for sku, code in cores)
    assert twisted == ("Twisted stacking ring", 17)
    reopened = open_database(path)  # a second open finds nothing to do and makes no backup
    reopened.close()
    assert len(list(tmp_path.glob("old.db.before-v*.bak"))) == 1
