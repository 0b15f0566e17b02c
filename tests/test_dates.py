"""One rule for dates: the shop's zone and closing time, for holds and work orders alike."""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from jeweltui import clock
from jeweltui.cli import main
from jeweltui.db import open_database
from jeweltui.errors import InvalidInput
from jeweltui.models import Movement, Setting
from jeweltui.services import holds
from jeweltui.services import workorders as wo
from jeweltui.services.shop_day import set_shop_day, shop_day_settings


@pytest.fixture(autouse=True)
def machine_in_rome():
    """The machine's own zone is Rome (UTC+1 in winter, +2 in summer); reset afterwards."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Rome"
    time.tzset()
    yield
    clock.set_shop_day()
    if old is None:
        os.environ.pop("TZ")
    else:
        os.environ["TZ"] = old
    time.tzset()


def _hold_until(shop, ring: int, text: str) -> datetime:
    return holds.place_hold(
        shop["rings"][ring], staff=shop["owner"], customer=shop["customer"], until=text
    ).expires_at


def _job_promised(shop, text: str) -> datetime:
    item = wo.JobInput(kind="repair", job="Re-tip the prongs", item_description="white ring")
    ticket = wo.TicketInput(
        customer=shop["customer"],
        contact_phone="+39 055 123",
        promised_at=clock.parse_optional_moment(text, field="promised_at"),
    )
    return wo.intake([item], ticket, staff=shop["owner"])[0].promised_at


def test_a_date_alone_ends_at_closing_time_for_holds_and_jobs_alike(shop, frozen_clock):
    closing = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)  # 18:00 in Rome, the default
    assert _hold_until(shop, 0, "2026-12-12") == closing
    assert _job_promised(shop, "2026-12-12") == closing
    assert clock.format_local(closing) == "Sat 12 Dec 18:00"


def test_the_closing_time_setting_moves_the_end_of_day_for_both(shop, frozen_clock):
    assert set_shop_day(closing_time="17:30", staff=shop["owner"])["closing_time"] == "17:30"
    closing = datetime(2026, 12, 12, 16, 30, tzinfo=UTC)
    assert _hold_until(shop, 0, "2026-12-12") == closing
    assert _job_promised(shop, "2026-12-12") == closing


def test_every_typed_form_reads_in_the_shops_zone(db):
    expected = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)
    for text in ("2026-12-12 18:00", "2026-12-12T18:00", " 2026-12-12 18:00:00 "):
        assert clock.parse_moment(text, field="until") == expected
    assert clock.parse_moment("2026-12-12T18:00+00:00", field="until") == expected.replace(hour=18)
    assert clock.parse_optional_moment("  ", field="promised_at") is None
    with pytest.raises(InvalidInput, match="not a date and time; write it like 2026-12-12"):
        clock.parse_moment("friday", field="until", what="date and time")


def test_the_time_zone_setting_rules_reading_and_typing_and_survives_reopening(shop, db_path, db):
    set_shop_day(time_zone="America/New_York", staff=shop["owner"])
    winter = clock.parse_moment("2026-12-12 18:00", field="until")
    summer = clock.parse_moment("2026-07-01 18:00", field="until")
    assert (winter.hour, summer.hour) == (23, 22)  # daylight saving time is the zone's own
    assert clock.format_stamp(winter) == "2026-12-12 18:00"
    db.close()
    clock.set_shop_day()  # as a fresh process would start
    open_database(db_path)
    assert shop_day_settings()["time_zone"] == "America/New_York"
    assert clock.format_hour(winter) == "18:00"


def test_a_wrong_zone_or_closing_time_is_one_line_and_changes_nothing(shop):
    ledger_rows = Movement.select().count()
    with pytest.raises(InvalidInput, match="'Mars/Olympus' is not a time zone"):
        set_shop_day(time_zone="Mars/Olympus", closing_time="17:00", staff=shop["owner"])
    with pytest.raises(InvalidInput, match="'25:00' is not a closing time"):
        set_shop_day(time_zone="Europe/Rome", closing_time="25:00", staff=shop["owner"])
    assert Setting.select().where(Setting.key.in_(("time_zone", "closing_time"))).count() == 0
    assert Movement.select().count() == ledger_rows
    assert shop_day_settings()["closing_time"] == "18:00"


def test_a_stored_zone_this_machine_lacks_falls_back_to_its_own(shop, db_path, db):
    Setting.replace(key="time_zone", value="Nowhere/Gone").execute()
    db.close()
    open_database(db_path)
    assert clock.shop_day().zone is None
    assert clock.parse_moment("2026-12-12 18:00", field="x").hour == 17


def test_shop_day_from_the_command_line_rules_a_holds_bare_date(shop, db_path, monkeypatch):
    monkeypatch.setenv("JEWELTUI_NOW", "2026-11-24T10:00:00+00:00")
    monkeypatch.setenv("JEWELTUI_TEST_CLOCK", "1")
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(main, ["--db", str(db_path), *args])

    assert run("shop-day").output.strip() == "time zone CET, closing time 18:00"
    changed = run("shop-day", "--time-zone", "Asia/Tokyo", "--closing", "19:30")
    assert changed.output.strip() == "time zone Asia/Tokyo, closing time 19:30"
    held = run("hold", "add", "R-000001", "--customer", "Maria", "--until", "2026-12-12")
    assert "until Sat 12 Dec 19:30" in held.output
    refused = run("shop-day", "--time-zone", "Mars/Olympus")
    assert refused.exit_code == 1
    assert refused.output.strip().startswith("Error: 'Mars/Olympus' is not a time zone")
    assert json.loads(run("shop-day", "--json").output)["time_zone"] == "Asia/Tokyo"
