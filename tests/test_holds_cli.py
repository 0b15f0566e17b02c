"""The hold, holds, available and channel commands, end to end on a real shop file."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

from jeweltui.cli import main
from jeweltui.models import Hold, Movement

NOW = "2026-11-24T10:00:00+00:00"


@pytest.fixture
def run(shop, db_path, monkeypatch):
    monkeypatch.setenv("JEWELTUI_TEST_CLOCK", "1")  # JEWELTUI_NOW counts only in tests
    monkeypatch.setenv("JEWELTUI_NOW", NOW)
    monkeypatch.setenv("TZ", "UTC")  # the times printed below are the shop's local times
    time.tzset()
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["--db", str(db_path), *args])

    yield invoke
    monkeypatch.undo()
    time.tzset()


def test_hold_add_list_extend_release_from_the_command_line(run):
    added = run(
        "hold", "add", "R-000001", "--customer", "Maria", "--hours", "2", "--reason", "deposit"
    )
    assert added.exit_code == 0, added.output
    assert "R-000001 for Maria Rossi until Tue 24 Nov 12:00" in added.output
    listed = json.loads(run("hold", "list", "--json").output)
    assert [(r["stock_no"], r["phone"], r["reason"]) for r in listed] == [
        ("R-000001", "+39 055 123", "deposit")
    ]
    assert "R-000001" in run("hold", "list", "--expiring-today").output
    extended = run("hold", "extend", "R-000001", "--until", "2026-12-12 18:00")
    assert "until Sat 12 Dec 18:00" in extended.output
    released = run("hold", "release", str(listed[0]["hold"]))
    assert released.exit_code == 0 and "R-000001 is free again" in released.output
    assert run("hold", "list").output.strip() == "(nothing)"


def test_a_double_hold_or_a_past_date_is_refused_with_nothing_written(run):
    run("hold", "add", "R-000001", "--customer", "Maria")
    before = (Hold.select().count(), Movement.select().count())
    twice = run("hold", "add", "R-000001", "--customer", "Maria")
    assert twice.exit_code == 1
    assert "Error: R-000001 is on hold for Maria Rossi until" in twice.stderr
    past = run("hold", "add", "R-000002", "--customer", "Maria", "--until", "2026-11-01")
    assert past.exit_code == 1 and "in the past" in past.stderr
    both = run(
        "hold", "add", "R-000002", "--customer", "Maria", "--hours", "1", "--until", "2026-12-01"
    )
    assert both.exit_code == 2
    assert (Hold.select().count(), Movement.select().count()) == before


def test_available_exits_0_when_sellable_and_1_with_the_reason(run):
    ok = run("available", "R-000001")
    assert ok.exit_code == 0 and "R-000001 can be sold at the counter" in ok.output
    run("hold", "add", "R-000001", "--customer", "Maria", "--hours", "2")
    held = run("available", "R-000001", "--channel", "store")
    assert held.exit_code == 1
    assert "R-000001 is on hold for Maria Rossi until Tue 24 Nov 12:00" in held.stderr
    unknown = run("available", "R-999999")
    assert unknown.exit_code == 1 and "R-999999" in unknown.stderr


def test_channels_from_the_command_line(run):
    added = run(
        "channel", "add", "shopify", "--name", "Webshop", "--hide-last-unit",
        "--safety-stock", "chain=2", "--exclude-category", "watch",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert run("available", "R-000002", "--channel", "shopify").exit_code == 0
    excluded = run("channel", "exclude", "shopify", "R-000002")
    assert excluded.exit_code == 0
    refused = run("available", "R-000002", "--channel", "shopify")
    assert refused.exit_code == 1
    assert "R-000002 is excluded from shopify (this piece)" in refused.stderr
    assert run("available", "R-000002").exit_code == 0  # still sold at the counter
    notice = run("hold", "add", "R-000001", "--customer", "Maria")
    assert "R-000001 is off the Webshop (shopify) export from now" in notice.output
    rows = json.loads(run("channel", "list", "--json").output)
    assert rows[0]["safety_stock"] == {"chain": 2} and rows[0]["excluded_pieces"] == ["R-000002"]
    assert "keep 2 chain" in run("channel", "list").output
    bad = run("channel", "add", "web", "--name", "Web", "--safety-stock", "chain")
    assert bad.exit_code == 2 and "CATEGORY=N" in bad.stderr
    nowhere = run("available", "R-000001", "--channel", "ebay")
    assert nowhere.exit_code == 1 and "No channel 'ebay'" in nowhere.stderr


def test_sell_a_held_piece_and_sweep_expired_holds(run, monkeypatch):
    run("hold", "add", "R-000001", "--customer", "Maria", "--hours", "1")
    run("hold", "add", "R-000002", "--customer", "Maria", "--hours", "5")
    sold = run("hold", "sell", "R-000002", "--price", "1,000.00")
    assert sold.exit_code == 0, sold.output
    assert "€1,000.00" in sold.output and "the hold is closed" in sold.output
    monkeypatch.setenv("JEWELTUI_NOW", "2026-11-24T11:00:00+00:00")
    swept = run("holds", "sweep")
    assert swept.exit_code == 0 and "1 expired hold recorded." in swept.output
    assert "0 expired holds recorded." in run("holds", "sweep").output
    assert Movement.select().where(Movement.action == "expire").count() == 1
