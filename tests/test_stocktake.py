"""Counting a case by scanning: found, missing, unexpected, quantities, and reconciling."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from count_helpers import build_case_shop

from jeweltui.cli import main
from jeweltui.errors import InvalidInput, NotAvailable, UnknownCode
from jeweltui.models import Movement, Piece, StockLevel
from jeweltui.models.stocktake import StockCountDifference
from jeweltui.services import items, sales
from jeweltui.services.home import home_summary
from jeweltui.services.pieces import find_piece
from jeweltui.services.stocktake import (
    due_counts,
    finish_count,
    scan,
    set_schedule,
    start_count,
    tally,
    undo_last_scan,
)


@pytest.fixture
def case_shop(shop):
    return build_case_shop(shop)


def _count_case_a(case_shop) -> int:
    """Scan Case A: three of its rings (one by its old tag, in lower case), Case B's ring,
    8 studs of 10 and the 4 chains."""
    count = start_count(["L-CASE-A"], staff=case_shop["owner"])
    for code in ("R-000001", "r-000002", "old-4471", "R-000006", "CHAIN-45"):
        scan(count.id, code)
    scan(count.id, "STUD-5MM", qty=8)
    scan(count.id, "CHAIN-45", qty=3)
    return count.id


def test_a_case_count_shows_exactly_two_missing_one_unexpected_and_studs_short_by_two(
    case_shop,
):
    result = tally(_count_case_a(case_shop))
    assert [r["stock_no"] for r in result.found] == ["R-000001", "R-000002", "R-000003"]
    assert [r["stock_no"] for r in result.missing] == ["R-000004", "R-000005"]
    assert [(r["stock_no"], r["why"]) for r in result.unexpected] == [
        ("R-000006", "booked in L-CASE-B")
    ]
    assert result.quantities == [
        {"sku": "CHAIN-45", "location": "L-CASE-A", "booked": 4, "counted": 4},
        {"sku": "STUD-5MM", "location": "L-CASE-A", "booked": 10, "counted": 8},
    ]
    assert [d.key for d in result.differences] == [
        "R-000004",
        "R-000005",
        "R-000006",
        "STUD-5MM@L-CASE-A",
    ]
    # lines: 5 expected pieces + 1 unexpected + 2 quantity lines = 8;
    # matched: 3 found + the chains = 4; accuracy 4 / 8.
    assert (result.lines, result.matched, result.accuracy) == (8, 4, 0.5)


def test_finishing_writes_one_adjustment_per_difference_with_its_reason(case_shop):
    owner = case_shop["owner"]
    number = _count_case_a(case_shop)
    ledger_before = Movement.select().count()
    finished = finish_count(
        number,
        {
            "R-000004": "theft",
            "r-000005": "moved:L-SAFE",
            "R-000006": "book error",
            "STUD-5MM@L-CASE-A": "lost",
        },
        staff=owner,
    )
    assert finished.status == "finished" and finished.accuracy_bp == 5000
    adjustments = list(StockCountDifference.select().order_by(StockCountDifference.id))
    assert [(a.kind, a.reason) for a in adjustments] == [
        ("missing", "theft"),
        ("missing", "moved"),
        ("unexpected", "book_error"),
        ("quantity", "lost"),
    ]
    rows = {m.id: m for m in Movement.select().where(Movement.action == "count_adjust")}
    assert sorted(rows) == sorted(a.movement_id for a in adjustments)
    assert {rows[a.movement_id].reason for a in adjustments} == {
        "theft",
        "moved",
        "book_error",
        "lost",
    }
    assert find_piece("R-000004").status == "retired"
    assert find_piece("R-000005").location.code == "L-SAFE"
    assert find_piece("R-000006").location.code == "L-CASE-A"
    stud = StockLevel.get(StockLevel.item == items.find_item("STUD-5MM"))
    assert stud.qty == 8
    # four adjustments and the count's own closing row
    assert Movement.select().count() == ledger_before + 5


def test_finishing_without_every_reason_changes_nothing(case_shop):
    number = _count_case_a(case_shop)
    with pytest.raises(InvalidInput, match="R-000005, R-000006, STUD-5MM@L-CASE-A"):
        finish_count(number, {"R-000004": "lost"}, staff=case_shop["owner"])
    with pytest.raises(InvalidInput, match="missing: the reason is one of"):
        finish_count(
            number,
            {
                "R-000004": "found",
                "R-000005": "lost",
                "R-000006": "found",
                "STUD-5MM@L-CASE-A": "lost",
            },
            staff=case_shop["owner"],
        )
    assert find_piece("R-000004").status == "in_stock"
    assert tally(number).status == "open"
    assert not StockCountDifference.select().exists()


def test_a_count_of_one_case_leaves_every_other_location_untouched(case_shop):
    owner = case_shop["owner"]
    elsewhere = {
        p.stock_no: (p.location_id, p.status)
        for p in Piece.select().where(Piece.location != find_piece("R-000001").location_id)
    }
    elsewhere.pop("R-000006")  # scanned in Case A: the one piece a count of A may move
    count = start_count(["L-CASE-A"], staff=owner)
    scan(count.id, "R-000001")
    result = tally(count.id)
    assert {r["location"] for r in result.missing} == {"L-CASE-A"}
    finish_count(count.id, {d.key: "lost" for d in result.differences}, staff=owner)
    after = {p: (find_piece(p).location_id, find_piece(p).status) for p in elsewhere}
    assert after == elsewhere
    chain_b = StockLevel.get(
        (StockLevel.item == items.find_item("CHAIN-45"))
        & (StockLevel.location == find_piece("R-000006").location_id)
    )
    assert chain_b.qty == 3


def test_a_sold_piece_on_the_shelf_is_unexpected_and_keeps_its_sale(case_shop):
    owner = case_shop["owner"]
    sales.sell_pieces(["R-000002"], staff=owner)
    count = start_count(["L-CASE-A"], staff=owner)
    for code in ("R-000001", "R-000002", "R-000003", "R-000004", "R-000005"):
        scan(count.id, code)
    scan(count.id, "STUD-5MM", qty=10)
    scan(count.id, "CHAIN-45", qty=4)
    result = tally(count.id)
    assert [(r["stock_no"], r["why"]) for r in result.unexpected] == [("R-000002", "sold")]
    finish_count(count.id, {"R-000002": "found"}, staff=owner)
    assert find_piece("R-000002").status == "sold"


def test_a_mistaken_scan_is_taken_back_and_bad_scans_change_nothing(case_shop):
    owner = case_shop["owner"]
    count = start_count(["L-CASE-A"], staff=owner)
    scan(count.id, "R-000001")
    scan(count.id, "R-000006")
    assert undo_last_scan(count.id).code == "R-000006"
    with pytest.raises(UnknownCode, match="No piece, item or location with code R-999999"):
        scan(count.id, "R-999999")
    with pytest.raises(InvalidInput):
        scan(count.id, "\x1b[31m")
    with pytest.raises(NotAvailable, match="L-CASE-B is not part of count"):
        scan(count.id, "L-CASE-B")
    with pytest.raises(NotAvailable, match="still open for L-CASE-A"):
        start_count(["L-CASE-A"], staff=owner)
    result = tally(count.id)
    assert result.scans == 1 and not result.unexpected


def test_a_count_of_two_cases_needs_the_location_scanned_first(case_shop):
    owner = case_shop["owner"]
    count = start_count(["L-CASE-A", "L-CASE-B"], staff=owner)
    with pytest.raises(InvalidInput, match="scan the location's code first"):
        scan(count.id, "R-000001")
    assert scan(count.id, "l-case-b").kind == "location"
    scan(count.id, "R-000006")
    scan(count.id, "R-000001")  # booked in Case A, found in Case B
    result = tally(count.id)
    assert [r["stock_no"] for r in result.found] == ["R-000006"]
    assert [(r["stock_no"], r["why"]) for r in result.unexpected] == [
        ("R-000001", "booked in L-CASE-A")
    ]
    assert "R-000001" not in [r["stock_no"] for r in result.missing]


def test_cycle_counts_say_which_locations_are_due(frozen_clock, case_shop):
    owner = case_shop["owner"]
    set_schedule("L-CASE-A", 7, staff=owner)
    set_schedule("L-SAFE", 1, staff=owner)
    assert [(r["location"], r["due"]) for r in due_counts()] == [
        ("L-CASE-A", True),
        ("L-SAFE", True),
    ]
    assert home_summary().counts_due == ["L-CASE-A", "L-SAFE"]
    count = start_count(["L-CASE-A"], staff=owner)
    finish_count(count.id, {d.key: "lost" for d in tally(count.id).differences}, staff=owner)
    frozen_clock.advance(days=2)
    due = {r["location"]: r["due"] for r in due_counts()}
    assert due == {"L-CASE-A": False, "L-SAFE": True}
    assert home_summary().counts_due == ["L-SAFE"]
    frozen_clock.advance(days=6)
    assert {r["location"]: r["due"] for r in due_counts()}["L-CASE-A"] is True


def test_the_cli_counts_a_case_and_finishes_with_reasons(case_shop, db_path):
    runner = CliRunner()

    def run(*args, stdin=None):
        result = runner.invoke(main, ["--db", str(db_path), *args], input=stdin)
        assert result.exit_code == 0, result.output
        return result.output

    assert "Count #1 started" in run("count", "start", "L-CASE-A")
    run("count", "scan", "1", "R-000001", "R-000002", "OLD-4471", "R-000006")
    run("count", "scan", "1", "STUD-5MM", "--qty", "8")
    run("count", "scan", "1", stdin="CHAIN-45\nchain-45\nCHAIN-45\nNOPE-1\nCHAIN-45\n")
    shown = json.loads(run("count", "show", "1", "--json"))
    assert [r["stock_no"] for r in shown["missing"]] == ["R-000004", "R-000005"]
    assert shown["accuracy"] == 50.0
    refused = runner.invoke(main, ["--db", str(db_path), "count", "finish", "1", "--yes"])
    assert refused.exit_code == 2 and "Give a reason for R-000004" in refused.output
    out = run(
        "count",
        "finish",
        "1",
        "--reason",
        "R-000004=lost",
        "--reason",
        "R-000005=lost",
        "--reason",
        "R-000006=found",
        "--reason",
        "STUD-5MM@L-CASE-A=damaged",
        "--yes",
    )
    assert "4 adjustment(s), accuracy 50.00%" in out
    listed = json.loads(run("count", "list", "--json"))
    assert listed[0]["accuracy"] == "50.00%" and listed[0]["status"] == "finished"


def test_a_count_killed_half_way_resumes_with_its_scans(case_shop, db_path):
    start_count(["L-CASE-A"], staff=case_shop["owner"])
    station = subprocess.Popen(
        [sys.executable, "-c", "from jeweltui.cli import main; main()"]
        + ["--db", str(db_path), "count", "scan", "1"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "JEWELTUI_STAFF": ""},
    )
    for code in ("R-000001", "R-000002"):
        station.stdin.write(code + "\n")
        station.stdin.flush()
        assert station.stdout.readline().startswith(code)  # said = saved
    os.kill(station.pid, signal.SIGKILL)
    station.wait(timeout=30)
    time.sleep(0)  # the file is closed by the kernel; nothing else to wait for
    result = tally(1)
    assert [r["stock_no"] for r in result.found] == ["R-000001", "R-000002"]
    scan(1, "R-000003")
    assert len(tally(1).found) == 3
