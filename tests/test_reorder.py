"""Reorder suggestions from sales velocity, lead time and safety stock, per vendor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeweltui.cli import main
from jeweltui.services.items import adjust_quantity, create_item
from jeweltui.services.quantity import return_units
from jeweltui.services.reorder import plan_quantity, set_rule, suggestions
from jeweltui.services.sales import cancel_sale, sell_pieces
from jeweltui.services.vendors import create_vendor


@pytest.mark.parametrize(
    ("sold", "weeks", "lead", "safety", "on_hand", "floor", "point", "suggest"),
    [
        # 1/day, 14 d lead: point 14+5 = 19; order up to 1×(14+28)+5 = 47, less 10 on hand.
        (56, 8, 14, 5, 10, 0, 19, 37),
        # 24 in 12 weeks = 2/7 a day: point 6+2 = 8; target 2/7×49+2 = 16; 16-3 = 13.
        (24, 12, 21, 2, 3, 0, 8, 13),
        # Nothing sold: the safety stock alone is the point, 5 on hand is plenty.
        (0, 8, 14, 2, 5, 0, 2, 0),
        # 10 in 10 weeks = 1/7 a day; 7 d lead: point 1; target ceil(35/7) = 5; 5-1 = 4.
        (10, 10, 7, 0, 1, 0, 1, 4),
        # Above the reorder point: nothing to order yet.
        (56, 8, 14, 5, 20, 0, 19, 0),
        # The item's own reorder point (30) is higher than the computed 19.
        (56, 8, 14, 5, 25, 30, 30, 22),
    ],
)
def test_hand_computed_suggestions(sold, weeks, lead, safety, on_hand, floor, point, suggest):
    assert plan_quantity(
        sold=sold,
        weeks=weeks,
        lead_days=lead,
        safety=safety,
        on_hand=on_hand,
        cover_days=28,
        floor_point=floor,
    ) == (point, suggest)


def run(db_path: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)


def test_velocity_from_recent_sales_only_grouped_by_vendor(shop, owner, db_path, frozen_clock):
    create_vendor({"name": "Chains Ltd", "lead_time_days": 14}, staff=owner)
    create_vendor({"name": "Findings Co", "lead_time_days": 7}, staff=owner)
    create_item({"sku": "CHN-45", "title": "Chain 45 cm", "vendor": "V-001"}, staff=owner)
    create_item({"sku": "STUD-3", "title": "Studs 3 mm", "vendor": "V-002"}, staff=owner)
    create_item({"sku": "CLASP", "title": "Clasp", "vendor": "V-002"}, staff=owner)
    adjust_quantity("CHN-45", "L-SAFE", 80, staff=owner, reason="received")
    adjust_quantity("STUD-3", "L-SAFE", 30, staff=owner, reason="received")
    adjust_quantity("CLASP", "L-SAFE", 50, staff=owner, reason="received")

    def sell(sku: str, units: int):
        return sell_pieces([], units=[(sku, units)], staff=owner)

    sell("CHN-45", 20)  # too old to count
    frozen_clock.advance(weeks=10)
    for _ in range(8):  # 56 chains in the last 8 weeks: one a day
        sell("CHN-45", 7)
        frozen_clock.advance(days=7)
    cancel_sale(sell("CHN-45", 3).id, staff=owner)  # a cancelled sale sold nothing
    sell("STUD-3", 30)  # 1/2 a day over 8 weeks, once 2 came back
    return_units("STUD-3", 2, location="L-SAFE", staff=owner, reason="wrong size")
    adjust_quantity("CLASP", "L-SAFE", -3, staff=owner, reason="scrap")  # not a sale
    set_rule("CHN-45", staff=owner, safety_stock=5)
    assert run(db_path, "reorder", "rule", "STUD-3", "--safety", "1").exit_code == 0

    rows = {s.sku: s for s in suggestions(only_needed=False)}
    assert rows["CHN-45"].sold == 56 and rows["CHN-45"].on_hand == 4
    assert (rows["CHN-45"].reorder_point, rows["CHN-45"].suggest) == (19, 43)  # 47 - 4
    assert rows["STUD-3"].sold == 28 and rows["STUD-3"].lead_time_days == 7
    # 0.5/day: point ceil(3.5+1) = 5; on hand 2; target ceil(0.5×35+1) = 19; 19-2 = 17.
    assert (rows["STUD-3"].reorder_point, rows["STUD-3"].suggest) == (5, 17)
    assert rows["CLASP"].sold == 0 and rows["CLASP"].suggest == 0

    result = run(db_path, "reorder", "--json")
    grouped = json.loads(result.output)
    assert {v: [r["sku"] for r in rows] for v, rows in grouped.items()} == {
        "V-001": ["CHN-45"],
        "V-002": ["STUD-3"],
    }
    text = run(db_path, "reorder").output
    assert "CHN-45  Chain 45 cm  on hand 4  sold 56 in 8 wk  lead 14 d  point 19  order 43" in text


def test_a_bad_rule_is_refused(shop, owner, db_path):
    create_item({"sku": "CHN-45", "title": "Chain"}, staff=owner)
    result = run(db_path, "reorder", "rule", "CHN-45", "--weeks", "0")
    assert result.exit_code != 0 and "weeks" in result.stderr
    result = run(db_path, "reorder", "rule", "NOPE-1", "--safety", "2")
    assert result.exit_code != 0 and "No item" in result.stderr


def test_under_the_reorder_point_with_no_recent_sales_still_orders_above_it():
    point, suggest = plan_quantity(
        sold=0, weeks=8, lead_days=14, safety=0, on_hand=4, cover_days=28, floor_point=10
    )
    assert point == 10
    assert 4 + suggest > 10
