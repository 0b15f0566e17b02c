"""Every report on one small, hand-made shop whose figures are worked out by hand below.

Timeline (T0 = 24 Nov 2026 09:00 UTC; the period is T0+10d … T0+40d, 30 days):
  T0-400d  pendant C received (cost 50, retail 150, silver, vendor V-TWO, Case B)
  T0-100d  ring D received on consignment (cost 400, retail 1000, Case A)
  T0       rings A (100/300) and B (200/500), vendor V-ONE, style RNG-A, Case A;
           10 studs STUD (cost 10, retail 25) in Case A
  T0+5d    2 studs sold                                  (before the period)
  T0+11d   repair job 1 taken in; ready T0+14d; picked up T0+16d
  T0+12d   repair job 2 taken in; ready T0+19d; picked up T0+20d
  T0+12d   count #1 of Case B: pendant C found            → 1 line, 1 matched
  T0+15d   ring A sold
  T0+16d   oversell incident on A, resolved 6 hours later; T0+17d one on B, open
  T0+20d   pendant E received (cost 60, retail 180, vendor V-TWO, style PND-C)
  T0+22d   count #2 of Case A: B found, D not scanned (moved to the safe), 8 studs of 8
                                                          → 3 lines, 2 matched
  T0+25d   8 studs sold: none left
  T0+30d   5 studs received
  T0+35d   pendant C sold, the sale cancelled at T0+36d
  T0+40d   now
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from jeweltui.cli import main
from jeweltui.reporting import Period, run_report
from jeweltui.services import (
    customers,
    incidents,
    items,
    locations,
    pieces,
    sales,
    staff,
    stocktake,
    vendors,
)
from jeweltui.services import workorders as wo
from jeweltui.services.pieces import find_piece

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
PERIOD = Period(T0 + timedelta(days=10), T0 + timedelta(days=40))


def at(frozen_clock, days: float) -> None:
    frozen_clock.current = T0 + timedelta(days=days)


def _piece(title, sku, category, cost, retail, location, vendor, ownership="owned"):
    return pieces.create_piece(
        {
            "title": title,
            "sku": sku,
            "category": category,
            "cost_cents": cost,
            "retail_cents": retail,
            "metal": "silver" if category == "pendant" else "gold",
            "ownership": ownership,
        },
        location=location,
        vendor=vendor,
        staff=staff.ensure_owner(),
    )


def _job(customer, owner, days_in, days_ready, days_out, frozen_clock):
    at(frozen_clock, days_in)
    (job,) = wo.intake(
        [wo.JobInput(kind="repair", job="solder shank", item_description="yellow metal ring")],
        wo.TicketInput(customer=customer, contact_phone="+39 055 1"),
        staff=owner,
    )
    for step in ("at_bench", "quality_check"):
        wo.change_status(job.code, step, staff=owner)
    at(frozen_clock, days_ready)
    wo.change_status(job.code, "ready", staff=owner)
    at(frozen_clock, days_out)
    wo.change_status(job.code, "picked_up", staff=owner)


@pytest.fixture
def story(frozen_clock, db):
    owner = staff.ensure_owner()
    for code, kind in (("L-CASE-A", "case"), ("L-CASE-B", "case"), ("L-SAFE", "safe")):
        locations.create_location({"code": code, "name": code, "kind": kind}, staff=owner)
    locations.create_location({"code": "L-BENCH", "name": "Bench", "kind": "bench"}, staff=owner)
    for code in ("V-ONE", "V-TWO"):
        vendors.create_vendor({"code": code, "name": code}, staff=owner)
    customer = customers.create_customer({"name": "Ada", "phone": "1"}, staff=owner)
    at(frozen_clock, -400)
    _piece("Pendant C", "PND-C", "pendant", "50", "150", "L-CASE-B", "V-TWO")
    at(frozen_clock, -100)
    _piece("Ring D", "RNG-D", "ring", "400", "1000", "L-CASE-A", None, "consignment_in")
    at(frozen_clock, 0)
    _piece("Ring A", "RNG-A", "ring", "100", "300", "L-CASE-A", "V-ONE")
    _piece("Ring B", "RNG-A", "ring", "200", "500", "L-CASE-A", "V-ONE")
    items.create_item(
        {"sku": "STUD", "title": "Studs", "category": "earrings", "cost": "10", "retail": "25"},
        staff=owner,
    )
    items.adjust_quantity("STUD", "L-CASE-A", 10, staff=owner, reason="received")
    at(frozen_clock, 5)
    items.adjust_quantity("STUD", "L-CASE-A", -2, staff=owner, reason="sale")
    _job(customer, owner, 11, 14, 16, frozen_clock)
    _job(customer, owner, 12, 19, 20, frozen_clock)
    at(frozen_clock, 12)
    count = stocktake.start_count(["L-CASE-B"], staff=owner)
    stocktake.scan(count.id, find_piece_code("Pendant C"))
    stocktake.finish_count(count.id, {}, staff=owner)
    at(frozen_clock, 15)
    ring_a = find_piece_code("Ring A")
    sales.sell_pieces([ring_a], staff=owner)
    at(frozen_clock, 16)
    first = incidents.record_oversell(
        find_piece(ring_a), channel="shopify", order=None, order_ref="#1", staff=owner
    )
    at(frozen_clock, 16.25)
    incidents.resolve_incident(first.id, staff=owner, note="refunded")
    at(frozen_clock, 17)
    incidents.record_oversell(
        find_piece(find_piece_code("Ring B")),
        channel="shopify",
        order=None,
        order_ref="#2",
        staff=owner,
    )
    at(frozen_clock, 20)
    _piece("Pendant E", "PND-C", "pendant", "60", "180", "L-CASE-B", "V-TWO")
    at(frozen_clock, 22)
    count = stocktake.start_count(["L-CASE-A"], staff=owner)
    stocktake.scan(count.id, find_piece_code("Ring B"))
    stocktake.scan(count.id, "STUD", qty=8)
    stocktake.finish_count(count.id, {find_piece_code("Ring D"): "moved:L-SAFE"}, staff=owner)
    at(frozen_clock, 25)
    items.adjust_quantity("STUD", "L-CASE-A", -8, staff=owner, reason="sale")
    at(frozen_clock, 30)
    items.adjust_quantity("STUD", "L-CASE-A", 5, staff=owner, reason="received")
    at(frozen_clock, 35)
    sale = sales.sell_pieces([find_piece_code("Pendant C")], staff=owner)
    at(frozen_clock, 36)
    sales.cancel_sale(sale.id, staff=owner)
    at(frozen_clock, 40)
    return owner


def find_piece_code(title: str) -> str:
    from jeweltui.models import Piece

    return Piece.get(Piece.title == title).stock_no


def rows_by(report, **match):
    return [r for r in report.rows if all(r[k] == v for k, v in match.items())]


def test_value_keeps_consignment_apart_from_owned_stock(story):
    report = run_report("value", PERIOD)
    # owned: ring B 200 + pendants C 50 and E 60 + 5 studs × 10 = 360.00 at cost;
    # at retail 500 + 150 + 180 + 5 × 25 = 955.00. Consignment ring D: 400 / 1000.
    assert report.summary == {
        "owned_cost_cents": 36000,
        "owned_retail_cents": 95500,
        "memo_consignment_cost_cents": 40000,
        "memo_consignment_retail_cents": 100000,
    }
    (ring_owned,) = rows_by(report, by="category", key="ring", ownership="owned")
    assert (ring_owned["units"], ring_owned["cost_cents"]) == (1, 20000)
    (ring_consigned,) = rows_by(report, by="category", key="ring", ownership="consignment_in")
    assert (ring_consigned["units"], ring_consigned["retail_cents"]) == (1, 100000)
    (safe,) = rows_by(report, by="location", key="L-SAFE")
    assert safe["cost_cents"] == 40000  # ring D, moved there by count #2
    (studs,) = rows_by(report, by="category", key="earrings")
    assert (studs["units"], studs["cost_cents"]) == (5, 5000)


def test_aging_buckets_days_in_stock_at_the_period_end(story):
    report = run_report("aging", PERIOD)
    # At T0+40d: B 40 days, E 20 → 0–90; D 140 → 91–180; C 440 → > 365.
    assert report.summary == {"0-90": 2, "91-180": 1, "181-365": 0, ">365": 1}
    (two,) = rows_by(report, by="vendor", key="V-TWO")
    assert (two["0-90"], two[">365"], two["pieces"]) == (1, 1, 2)


def test_turnover_and_sell_through_over_the_period(story):
    turnover = run_report("turnover", PERIOD)
    # sold in the period: ring A (cost 100); pendant C's sale was cancelled.
    # stock at cost at T0+10d: A 100 + B 200 + C 50 + D 400 = 750; at T0+40d: B, C, D, E = 710.
    # average 730 → turnover 100 / 730 = 0.1370.
    assert turnover.summary == {
        "cogs_cents": 10000,
        "avg_stock_cost_cents": 73000,
        "turnover": 0.137,
    }
    (rings,) = rows_by(turnover, by="category", key="ring")
    # rings: start A+B+D = 700, end B+D = 600, average 650 → 100 / 650 = 0.1538
    assert (rings["avg_stock_cost_cents"], rings["turnover"]) == (65000, 0.1538)
    through = run_report("sell-through", PERIOD)
    # 1 sold / (4 in stock at the start + 1 received) = 0.2
    assert through.summary == {"sold": 1, "offered": 5, "sell_through": 0.2}
    (style,) = rows_by(through, by="style", key="PND-C")
    assert (style["in_stock_at_start"], style["received"], style["sold"]) == (1, 1, 0)


def test_weeks_of_supply_for_items_and_styles(story):
    report = run_report("weeks-of-supply", PERIOD)
    # 30 days = 4.2857 weeks. Studs: 8 sold → 1.8667 a week; 5 on hand → 2.68 weeks.
    (studs,) = rows_by(report, kind="item", key="STUD")
    assert (studs["on_hand"], studs["sold"], studs["weekly"], studs["weeks_of_supply"]) == (
        5,
        8,
        1.867,
        2.68,
    )
    # Style RNG-A: 1 sold (A), 1 on hand (B) → 0.2333 a week → 4.29 weeks.
    (style,) = rows_by(report, kind="style", key="RNG-A")
    assert style["weeks_of_supply"] == 4.29
    (pendants,) = rows_by(report, kind="style", key="PND-C")
    assert pendants["weeks_of_supply"] is None  # nothing sold: no rate to divide by


def test_stockouts_count_the_days_with_no_unit(story):
    report = run_report("stockouts", PERIOD)
    # No studs from T0+25d to T0+30d: 5 days of 30.
    assert report.rows == [
        {"sku": "STUD", "days": 30.0, "stockout_days": 5.0, "stockout_rate": 0.1667}
    ]


def test_oversells_by_cause_with_time_to_fix(story):
    report = run_report("oversells", PERIOD)
    assert report.summary == {"incidents": 2, "median_hours_to_fix": 6.0}
    assert sum(r["resolved"] for r in report.rows) == 1
    assert sum(r["open"] for r in report.rows) == 1


def test_accuracy_over_time_from_the_counts(story):
    report = run_report("accuracy", PERIOD)
    assert [(r["lines"], r["matched"], r["accuracy"]) for r in report.rows] == [
        (1, 1, 1.0),
        (3, 2, 0.6667),
    ]
    assert report.summary == {"counts": 2, "accuracy": 0.75}  # (1 + 2) / (1 + 3)


def test_turnaround_median_days_by_job_type(story):
    report = run_report("turnaround", PERIOD)
    # job 1: 3 days to ready, 2 to pick-up, 5 in all; job 2: 7, 1, 8 → medians 5, 1.5, 6.5.
    assert report.rows == [
        {
            "kind": "repair",
            "jobs": 2,
            "intake_to_ready": 5.0,
            "ready_to_out": 1.5,
            "intake_to_out": 6.5,
        }
    ]


def test_forecast_error_of_the_reorder_suggestion(story):
    report = run_report("forecast-error", PERIOD)
    # 8-week window before T0+10d saw 2 studs sold: 2 / 56 a day × 30 days = 1.07 forecast;
    # 8 were sold: error −6.93, WAPE 6.93 / 8 = 0.8661, bias −0.8661.
    assert report.rows == [
        {"sku": "STUD", "forecast": 1.07, "actual": 8, "error": -6.93, "abs_pct_error": 0.8661}
    ]
    assert report.summary == {"wape": 0.8661, "bias": -0.8661}


def test_the_cli_prints_a_report_as_json_and_csv(story, db_path):
    runner = CliRunner()
    base = ["--db", str(db_path), "report"]
    as_json = runner.invoke(main, [*base, "accuracy", "--from", "2026-12-01", "--json"])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.output)["summary"]["accuracy"] == 0.75
    as_csv = runner.invoke(main, [*base, "aging", "--csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert {r["key"] for r in rows if r["by"] == "category"} == {"ring", "pendant"}
    bad = runner.invoke(main, [*base, "value", "--from", "May 3"])
    assert bad.exit_code == 1 and "is not a date" in bad.output
    unknown = runner.invoke(main, [*base, "profit"])
    assert unknown.exit_code == 2
