"""The `jeweltui` command as a script or a cron job runs it: a real process on a real file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeweltui.cli import main
from jeweltui.db import open_database
from jeweltui.services import pieces
from jeweltui.services.locations import create_location
from jeweltui.services.staff import ensure_owner

CLI = [sys.executable, "-c", "from jeweltui.cli import main; main()"]


def jeweltui(db_path: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [*CLI, "--db", str(db_path), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "JEWELTUI_STAFF": ""},
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def ok(db_path: Path, *args: str) -> str:
    result = jeweltui(db_path, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def as_json(db_path: Path, *args: str):
    return json.loads(ok(db_path, *args, "--json"))


def in_process(db_path: Path, *args: str) -> str:
    """The same command through click's runner: the long story runs 30 commands, and a
    fresh interpreter for each would make it the slowest test of the suite."""
    result = CliRunner().invoke(main, ["--db", str(db_path), *args], env={"JEWELTUI_STAFF": ""})
    assert result.exception is None, result.output
    assert result.exit_code == 0, result.output
    return result.stdout


def in_process_json(db_path: Path, *args: str):
    return json.loads(in_process(db_path, *args, "--json"))


def test_a_shop_day_through_the_cli(tmp_path):
    """Every daily command once, in the order a shop meets them."""
    shop = tmp_path / "shop.db"
    assert "New shop database" in in_process(shop, "init")
    in_process(shop, "location", "add", "L-CASE-A", "--name", "Case A")
    in_process(shop, "location", "add", "L-SAFE", "--name", "Safe", "--kind", "safe")
    locations = {row["code"]: row for row in in_process_json(shop, "location", "list")}
    assert locations["L-CASE-A"]["sellable"] and not locations["L-SAFE"]["sellable"]
    assert "C-00001" in in_process(
        shop, "customer", "add", "--name", "Maria Rossi", "--phone", "055 123"
    )
    assert [c["name"] for c in in_process_json(shop, "customer", "list")] == ["Maria Rossi"]

    ring = in_process_json(
        shop,
        *("piece", "add", "--title", "Solitaire ring", "--sku", "rng-sol-14y-65"),
        *("--category", "ring", "--location", "case-a", "--price", "1,299.00", "--karat", "14"),
    )
    assert (ring["stock_no"], ring["sku"], ring["location"]) == (
        "R-000001",
        "RNG-SOL-14Y-65",
        "L-CASE-A",
    )
    in_process(shop, "piece", "add", "--title", "Pendant", "--sku", "PND-HRT-18W", "--category", "pendant",
       "--location", "L-CASE-A", "--price", "450")  # fmt: skip
    assert [p["stock_no"] for p in in_process_json(shop, "piece", "list")] == [
        "P-000001",
        "R-000001",
    ]

    in_process(shop, "piece", "edit", "R-000001", "--price", "1,450.00", "--reason", "gold")
    shown = in_process_json(shop, "piece", "show", "r-000001")
    assert (shown["retail_cents"], shown["status"], shown["available"]) == (
        145000,
        "in_stock",
        True,
    )
    assert shown["why_not_available"] == ""

    assert "R-000001 → L-SAFE" in in_process(shop, "piece", "move", "R-000001", "--to", "L-SAFE")
    shown = in_process_json(shop, "piece", "show", "R-000001")
    assert shown["location"] == "L-SAFE" and not shown["available"]
    assert "not a sellable location" in shown["why_not_available"]
    in_process(shop, "move", "L-CASE-A", "R-000001")
    assert in_process_json(shop, "piece", "list", "--available")[1]["stock_no"] == "R-000001"

    sale = in_process_json(
        shop, "piece", "sell", "R-000001", "--customer", "Maria", "--payment", "card"
    )
    assert sale["lines"] == [{"stock_no": "R-000001", "price_cents": 145000}]
    shown = in_process_json(shop, "piece", "show", "R-000001")
    assert shown["status"] == "sold" and "already sold" in shown["why_not_available"]
    story = in_process_json(shop, "customer", "show", "C-00001")
    assert [p["stock_no"] for p in story["purchases"]] == ["R-000001"]
    assert [p["stock_no"] for p in in_process_json(shop, "piece", "list", "--status", "sold")] == [
        "R-000001"
    ]

    in_process(shop, "piece", "cancel-sale", str(sale["sale"]))
    shown = in_process_json(shop, "piece", "show", "R-000001")
    assert (shown["status"], shown["available"]) == ("in_stock", True)

    in_process(shop, "piece", "retire", "P-000001", "--reason", "scrapped")
    retired = in_process_json(shop, "piece", "show", "P-000001")
    assert retired["status"] == "retired" and "retired" in retired["why_not_available"]

    actions = [row["action"] for row in in_process_json(shop, "history", "R-000001")]
    assert actions == ["create", "edit", "move", "move", "sell", "cancel_sale"]


@pytest.fixture(scope="module")
def small_shop(tmp_path_factory) -> Path:
    """Case A, the safe, Maria; R-000001 and R-000002 in Case A, R-000003 sold."""
    path = tmp_path_factory.mktemp("cli") / "shop.db"
    in_process(path, "init")
    in_process(path, "location", "add", "L-CASE-A", "--name", "Case A")
    in_process(path, "location", "add", "L-SAFE", "--name", "Safe", "--kind", "safe")
    in_process(path, "customer", "add", "--name", "Maria Rossi")
    for n in range(1, 4):
        in_process(path, "piece", "add", "--title", f"Ring {n}", "--sku", "RNG-BAND-14Y",
           "--category", "ring", "--location", "L-CASE-A", "--price", "300")  # fmt: skip
    in_process(path, "piece", "sell", "R-000003")
    return path


@pytest.fixture
def shop_copy(small_shop, tmp_path) -> Path:
    copy = tmp_path / "shop.db"
    with sqlite3.connect(small_shop) as source, sqlite3.connect(copy) as target:
        source.backup(target)  # a consistent copy, committed WAL pages included
    source.close()
    target.close()
    return copy


def _everything(path: Path):
    with sqlite3.connect(path) as conn:
        state = [
            conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("piece", "movement", "location", "sale", "sale_line", "customer")
        ]
    conn.close()
    return state


BAD_INPUT = {
    "negative price": (
        ("piece", "add", "--title", "Ring", "--sku", "RNG-X", "--category", "ring",
         "--location", "L-CASE-A", "--price", "-5"),
        "negative",
    ),
    "unknown location": (
        ("piece", "add", "--title", "Ring", "--sku", "RNG-X", "--category", "ring",
         "--location", "L-NOWHERE"),
        "No location with code L-NOWHERE",
    ),
    "malformed sku": (
        ("piece", "add", "--title", "Ring", "--sku", "ring 14k!", "--category", "ring",
         "--location", "L-CASE-A"),
        "SKU 'RING 14K!' is not valid",
    ),
    "moving a sold piece": (("piece", "move", "R-000003", "--to", "L-SAFE"), "sold"),
    "editing a sold piece's location": (
        ("piece", "edit", "R-000003", "--location", "L-SAFE"),
        "R-000003 is sold",
    ),
    "editing a sold piece's price": (("piece", "edit", "R-000003", "--price", "1"), "sold"),
    "unknown code": (("piece", "show", "R-999999"), "No piece with code R-999999"),
    "a batch with one unknown code": (
        ("piece", "move", "R-000001", "R-999999", "--to", "L-SAFE"),
        "R-999999",
    ),
    "selling a sold piece": (("piece", "sell", "R-000003"), "already sold"),
    "unknown customer": (("piece", "sell", "R-000001", "--customer", "Nobody"), "Nobody"),
    "moving to an unknown location": (("move", "L-NOWHERE", "R-000001"), "L-NOWHERE"),
    "a second location with the same code": (
        ("location", "add", "L-CASE-A", "--name", "Again"),
        "exists already",
    ),
    "a sale that does not exist": (("piece", "cancel-sale", "999"), "No sale #999"),
    "unknown piece history": (("history", "R-424242"), "R-424242"),
    "retiring without a reason": (("piece", "retire", "R-000001", "--reason", " "), "why"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_gives_a_clear_error_and_changes_nothing(shop_copy, case):
    args, words = BAD_INPUT[case]
    before = _everything(shop_copy)
    result = jeweltui(shop_copy, *args)
    assert result.returncode != 0
    assert result.stderr.startswith("Error:"), result.stderr
    assert words in result.stderr
    assert _everything(shop_copy) == before


def test_piece_list_prints_every_piece_unless_a_limit_is_asked(tmp_path):
    path = tmp_path / "big.db"
    database = open_database(path, create=True)
    owner = ensure_owner()
    create_location({"code": "L-CASE-A", "name": "Case A"}, staff=owner)
    for n in range(600):
        pieces.create_piece(
            {"title": f"Stud pair {n}", "sku": "EAR-STUD-14W", "category": "earrings"},
            location="L-CASE-A",
            staff=owner,
        )
    database.close()
    listed = as_json(path, "piece", "list")
    assert len(listed) == 600 and len({p["stock_no"] for p in listed}) == 600
    table = ok(path, "piece", "list").splitlines()
    assert len(table) == 601 and table[0].startswith("STOCK_NO")  # a header and every piece
    assert len(as_json(path, "piece", "list", "--limit", "25")) == 25
