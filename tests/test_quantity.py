"""Quantity stock end to end through the CLI: add, receive, move part, sell by scans,
return, hold, adjust, reorder velocity, and refusals that change nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeweltui.cli import main
from jeweltui.services.locations import create_location


def cli(db_path: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db_path), *args], env={"JEWELTUI_STAFF": ""})


def run(db_path: Path, *args: str) -> str:
    result = cli(db_path, *args)
    assert result.exit_code == 0, result.output
    return result.output


def refused(db_path: Path, *args: str) -> str:
    before = everything(db_path)
    result = cli(db_path, *args)
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert everything(db_path) == before
    return result.output


def everything(path: Path):
    with sqlite3.connect(path) as conn:
        state = [
            conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in (
                "stock_level",
                "movement",
                "sale",
                "item_sale_line",
                "item_hold",
                "item_return",
                "item",
            )
        ]
    conn.close()
    return state


def levels(db_path: Path, sku: str) -> dict[str, int]:
    shown = json.loads(run(db_path, "item", "show", sku, "--json"))
    return {level["location"]: level["qty"] for level in shown["levels"]}


@pytest.fixture
def chains(shop, db_path, owner):
    create_location({"code": "L-WAREHOUSE", "name": "Warehouse", "kind": "warehouse"}, staff=owner)
    run(db_path, "item", "add", "CHN-BOX-SS-40", "--title", "Box chain 40cm, sterling silver",
        "--category", "chain", "--metal", "sterling silver", "--retail", "29.00",
        "--cost", "6.40", "--reorder-point", "6")  # fmt: skip
    return db_path


def test_a_chain_from_delivery_to_reorder(chains):
    db_path = chains
    assert "10 at L-WAREHOUSE" in run(db_path, "item", "receive", "CHN-BOX-SS-40", "10",
                                      "--at", "L-WAREHOUSE")  # fmt: skip
    out = run(db_path, "move", "L-CASE-A", "CHN-BOX-SS-40", "--qty", "3")
    assert "L-WAREHOUSE → L-CASE-A" in out
    assert levels(db_path, "CHN-BOX-SS-40") == {"L-CASE-A": 3, "L-WAREHOUSE": 7}

    # Two scans of the chain's code at a sale: two units, from the case first.
    sold = json.loads(run(db_path, "sale", "add", "CHN-BOX-SS-40", "CHN-BOX-SS-40", "--json"))
    assert sold["total_cents"] == 5800
    assert [(x["stock_no"], x["qty"]) for x in sold["lines"]] == [("CHN-BOX-SS-40", 2)]
    assert levels(db_path, "CHN-BOX-SS-40") == {"L-CASE-A": 1, "L-WAREHOUSE": 7}

    out = run(db_path, "item", "return", "CHN-BOX-SS-40", "1", "--to", "L-CASE-A",
              "--reason", "too short")  # fmt: skip
    assert "refund €29.00" in out
    assert levels(db_path, "CHN-BOX-SS-40") == {"L-CASE-A": 2, "L-WAREHOUSE": 7}

    velocity = json.loads(run(db_path, "reorder", "--all", "--json"))
    chain = velocity["(no vendor)"][0]
    assert (chain["sku"], chain["sold"], chain["on_hand"]) == ("CHN-BOX-SS-40", 1, 9)

    message = refused(db_path, "move", "L-CASE-A", "CHN-BOX-SS-40", "--qty", "20")
    assert "Only 7 of CHN-BOX-SS-40 at L-WAREHOUSE" in message
    assert "cannot move 20" in message


def test_sale_of_units_with_a_count_and_more_than_there_is(chains):
    db_path = chains
    run(db_path, "item", "receive", "CHN-BOX-SS-40", "4", "--at", "L-CASE-A")
    message = refused(db_path, "sale", "add", "CHN-BOX-SS-40:5")
    assert "Only 4 of CHN-BOX-SS-40 can be sold" in message
    sale = json.loads(run(db_path, "sale", "add", "R-000001", "CHN-BOX-SS-40:2", "--json"))
    assert sale["total_cents"] == 129900 + 5800
    run(db_path, "sale", "cancel", str(sale["sale"]))
    assert levels(db_path, "CHN-BOX-SS-40") == {"L-CASE-A": 4}
    velocity = json.loads(run(db_path, "reorder", "--all", "--json"))
    assert velocity["(no vendor)"][0]["sold"] == 0  # a cancelled sale sold nothing


def test_held_units_are_not_free_and_a_count_is_adjusted_with_a_reason(chains):
    db_path = chains
    run(db_path, "item", "receive", "CHN-BOX-SS-40", "6", "--at", "L-CASE-A")
    out = run(db_path, "item", "hold", "CHN-BOX-SS-40", "4", "--at", "L-CASE-A",
              "--customer", "Maria Rossi")  # fmt: skip
    hold_id = out.split("#")[1].split(":")[0]
    message = refused(db_path, "move", "L-SAFE", "CHN-BOX-SS-40", "--qty", "3")
    assert "Only 2 of CHN-BOX-SS-40 at L-CASE-A (Case A), 4 more on hold" in message
    assert "Only 2" in refused(db_path, "sale", "add", "CHN-BOX-SS-40:3")
    shown = json.loads(run(db_path, "item", "show", "CHN-BOX-SS-40", "--json"))
    assert (shown["on_hand"], shown["held"]) == (6, 4)
    run(db_path, "item", "release", hold_id)
    run(db_path, "move", "L-SAFE", "CHN-BOX-SS-40", "--qty", "3")
    refused(db_path, "item", "adjust", "CHN-BOX-SS-40", "--at", "L-SAFE", "--by", "-1",
            "--reason", " ")  # fmt: skip
    run(db_path, "item", "adjust", "CHN-BOX-SS-40", "--at", "L-SAFE", "--by", "-1",
        "--reason", "clasp broken")  # fmt: skip
    run(db_path, "item", "adjust", "CHN-BOX-SS-40", "--at", "L-CASE-A", "--count", "5",
        "--reason", "counted")  # fmt: skip
    assert levels(db_path, "CHN-BOX-SS-40") == {"L-CASE-A": 5, "L-SAFE": 2}
    history = sqlite3.connect(db_path).execute(
        "SELECT action, reason FROM movement WHERE action LIKE 'qty%' ORDER BY id"
    )
    assert [tuple(r) for r in history][-3:] == [
        ("qty_move", "move"),
        ("qty", "clasp broken"),
        ("qty", "counted"),
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("item", "receive", "CHN-BOX-SS-40", "-3", "--at", "L-CASE-A"),
        ("item", "receive", "CHN-BOX-SS-40", "abc", "--at", "L-CASE-A"),
        ("item", "receive", "CHN-BOX-SS-40", "0", "--at", "L-CASE-A"),
        ("item", "receive", "CHN-NOPE", "3", "--at", "L-CASE-A"),
        ("move", "L-CASE-A", "CHN-BOX-SS-40"),
        ("move", "L-CASE-A", "CHN-BOX-SS-40", "--qty", "1"),
        ("item", "add", "CHN-BOX-SS-40", "--title", "Again"),
        ("item", "add", "CHN-X-1", "--title", "Chain", "--karat", "19K"),
        ("item", "add", "CHN-X-1", "--title", "Chain", "--retail", "$12"),
        ("item", "return", "CHN-BOX-SS-40", "1", "--to", "L-CASE-A", "--reason", "x"),
    ],
)
def test_bad_quantity_input_is_one_line_and_changes_nothing(chains, args):
    message = refused(chains, *args)
    assert "Error:" in message
