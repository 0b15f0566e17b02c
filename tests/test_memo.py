"""Memo in, consignment in, approval out: not ours, what we owe, due dates, statements."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeweltui.cli import main
from jeweltui.errors import NotAvailable
from jeweltui.models import Piece
from jeweltui.models.vendors import CostHistory, MemoHeader, MemoLine
from jeweltui.services.availability import available
from jeweltui.services.memo import memo_out, payables, stock_value
from jeweltui.services.pieces import find_piece
from jeweltui.services.sales import cancel_sale, sell_pieces
from jeweltui.services.vendors import create_vendor

MEMO_LIST = """Style,Description,Category,Metal,Karat,Cost,Retail
LV-100,Emerald ring,ring,yellow gold,18,"1,200.00","2,990.00"
LV-101,Diamond studs,earrings,white gold,18,900.00,"2,190.00"
LV-102,Ruby pendant,pendant,rose gold,14,400.00,990.00
"""


def run(db_path: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)


@pytest.fixture
def on_memo(shop, owner, db_path, tmp_path, frozen_clock):
    """Three pieces in Case B on memo M-4711 from Lumière (V-001, 30 days)."""
    create_vendor({"name": "Lumière", "memo_days": 30}, staff=owner)
    path = tmp_path / "memo.csv"
    path.write_text(MEMO_LIST, encoding="utf-8")
    result = run(
        db_path,
        "memo",
        "in",
        str(path),
        "--vendor",
        "V-001",
        "--memo-no",
        "M-4711",
        "--location",
        "L-CASE-B",
        "--json",
    )
    assert result.exit_code == 0, result.output
    return [find_piece(n) for n in json.loads(result.output)["received"]]


def test_memo_goods_sell_but_stay_out_of_owned_stock_value(on_memo, db_path):
    emerald = on_memo[0]
    assert emerald.ownership == "memo_in" and available(emerald).ok
    header = MemoHeader.get()
    assert (header.memo_no, header.terms_days, header.direction) == ("M-4711", 30, "in")
    value = stock_value()
    assert value["owned"] == {"pieces": 3, "cost_cents": 3 * 48000, "retail_cents": 3 * 129900}
    assert value["memo_in"] == {"pieces": 3, "cost_cents": 250000, "retail_cents": 617000}
    result = run(db_path, "memo", "value", "--json")
    rows = {r["ownership"]: r for r in json.loads(result.output)}
    assert rows["owned"]["cost_cents"] == 144000


def test_selling_a_memo_piece_creates_the_payable_and_cancelling_removes_it(
    on_memo, owner, frozen_clock
):
    assert payables("V-001") == []
    frozen_clock.advance(days=3)
    sale = sell_pieces([on_memo[0].stock_no], staff=owner, prices={on_memo[0].stock_no: 280000})
    owed = payables("V-001")
    assert len(owed) == 1
    assert owed[0]["stock_no"] == on_memo[0].stock_no
    assert owed[0]["owed_cents"] == 120000 and owed[0]["sold_for_cents"] == 280000
    assert owed[0]["date"].startswith("Fri 27 Nov")
    cancel_sale(sale.id, staff=owner)
    assert payables("V-001") == []


def test_return_buy_and_statement_settle_the_memo(on_memo, owner, db_path, frozen_clock):
    emerald, studs, ruby = (p.stock_no for p in on_memo)
    sell_pieces([emerald], staff=owner)
    assert run(db_path, "memo", "return", studs).exit_code == 0
    result = run(db_path, "memo", "buy", ruby, "--cost", "380.00")
    assert result.exit_code == 0, result.output
    returned, bought = find_piece(studs), find_piece(ruby)
    assert returned.status == "retired" and not available(returned).ok
    assert bought.ownership == "owned" and bought.cost_cents == 38000
    assert CostHistory.select().where(CostHistory.source == "memo_buy").count() == 1

    result = run(db_path, "memo", "statement", "V-001", "--json")
    statement = json.loads(result.output)
    assert [r["stock_no"] for r in statement["sold"]] == [emerald]
    assert [r["stock_no"] for r in statement["returned"]] == [studs]
    assert [r["stock_no"] for r in statement["bought"]] == [ruby]
    assert statement["still_out"] == []
    assert statement["owed_cents"] == 120000 + 38000
    text = run(db_path, "memo", "statement", "Lumière").output
    assert "Owed: €1,580.00" in text


def test_a_sold_memo_piece_cannot_be_returned(on_memo, owner, db_path):
    sell_pieces([on_memo[0].stock_no], staff=owner)
    result = run(db_path, "memo", "return", on_memo[0].stock_no)
    assert result.exit_code != 0 and "is sold" in result.stderr
    assert MemoLine.get(MemoLine.piece == on_memo[0].id).status == "out"


def test_memo_due_lists_what_must_go_back(on_memo, db_path, frozen_clock):
    assert json.loads(run(db_path, "memo", "due", "--json").output) == []
    soon = json.loads(run(db_path, "memo", "due", "--within", "30", "--json").output)
    assert len(soon) == 3
    frozen_clock.advance(days=33)
    late = json.loads(run(db_path, "memo", "due", "--json").output)
    assert {r["stock_no"] for r in late} == {p.stock_no for p in on_memo}
    assert {r["days_late"] for r in late} == {3}


def test_approval_out_is_unavailable_until_it_comes_back(shop, owner, db_path, frozen_clock):
    ring = shop["rings"][0].stock_no
    result = run(db_path, "memo", "out", ring, "--to", "Maria Rossi", "--days", "3")
    assert result.exit_code == 0, result.output
    piece = find_piece(ring)
    assert piece.location.code == "L-OUT-C-00001" and not piece.location.sellable
    assert not available(piece).ok
    with pytest.raises(NotAvailable, match="away"):
        sell_pieces([ring], staff=owner)
    frozen_clock.advance(days=4)
    due = json.loads(run(db_path, "memo", "due", "--json").output)
    assert [(d["stock_no"], d["direction"]) for d in due] == [(ring, "out")]

    result = run(db_path, "memo", "return", ring)
    assert result.exit_code == 0, result.output
    back = find_piece(ring)
    assert back.location.code == "L-CASE-A" and available(back).ok
    assert MemoHeader.get().status == "closed"


def test_approval_out_converted_to_a_sale(shop, owner, db_path):
    ring = shop["rings"][1].stock_no
    memo_out([ring], to="Maria Rossi", staff=owner)
    result = run(db_path, "memo", "sell", ring, "--customer", "Maria Rossi")
    assert result.exit_code == 0, result.output
    assert find_piece(ring).status == "sold"
    assert MemoLine.get().status == "sold"


def test_consignment_from_a_customer(shop, owner, db_path, tmp_path):
    path = tmp_path / "consign.csv"
    path.write_text("Style,Description,Category,Cost,Retail\nC1,Estate brooch,brooch,250,600\n")
    result = run(
        db_path,
        "memo",
        "in",
        str(path),
        "--consignor",
        "C-00001",
        "--location",
        "L-CASE-B",
        "--json",
    )
    assert result.exit_code == 0, result.output
    brooch = find_piece(json.loads(result.output)["received"][0])
    assert brooch.ownership == "consignment_in" and brooch.vendor_id is None
    sell_pieces([brooch.stock_no], staff=owner)
    statement = json.loads(run(db_path, "memo", "statement", "Maria Rossi", "--json").output)
    assert statement["owed_cents"] == 25000


def test_memo_in_needs_exactly_one_party(shop, db_path, tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(MEMO_LIST, encoding="utf-8")
    before = Piece.select().count()
    result = run(db_path, "memo", "in", str(path))
    assert result.exit_code != 0 and "--vendor" in result.stderr
    assert Piece.select().count() == before


def test_memo_list_shows_open_memos_both_ways(on_memo, shop, owner, db_path):
    memo_out([shop["rings"][0].stock_no], to="V-001", staff=owner, days=7, memo_no="APP-1")
    rows = json.loads(run(db_path, "memo", "list", "--json").output)
    assert [(r["direction"], r["memo_no"], r["pieces"]) for r in rows] == [
        ("out", "APP-1", 1),
        ("in", "M-4711", 3),
    ]
    assert run(db_path, "memo", "return", shop["rings"][0].stock_no).exit_code == 0
    assert len(json.loads(run(db_path, "memo", "list", "--json").output)) == 1
    assert len(json.loads(run(db_path, "memo", "list", "--all", "--json").output)) == 2
