"""The home screen's picture: overdue jobs from the work order service, the last export
from the channel runs (no guessing at table columns)."""

from __future__ import annotations

from datetime import timedelta

from jeweltui import clock
from jeweltui.channels.config import last_run_words, set_channel_export
from jeweltui.channels.runner import run_channel
from jeweltui.services import workorders as wo
from jeweltui.services.home import home_summary


def _job(shop, promised_in: timedelta) -> str:
    item = wo.JobInput(kind="repair", job="Solder the shank", item_description="gold ring")
    ticket = wo.TicketInput(
        customer=shop["customer"],
        contact_phone="+39 055 123",
        promised_at=clock.now() + promised_in,
    )
    return wo.intake([item], ticket, staff=shop["owner"])[0].code


def test_home_counts_only_open_jobs_past_their_promised_time(shop, frozen_clock):
    late = _job(shop, timedelta(hours=2))
    _job(shop, timedelta(days=3))
    closed_late = _job(shop, timedelta(hours=1))
    assert home_summary().overdue_work_orders == 0
    wo.change_status(closed_late, "cancelled", staff=shop["owner"], reason="customer withdrew")
    frozen_clock.advance(hours=5)
    assert home_summary().overdue_work_orders == 1
    assert [job.code for job in wo.overdue()] == [late]


def test_last_export_in_words_names_the_channel_and_its_rows(shop, tmp_path, frozen_clock):
    assert last_run_words() is None
    set_channel_export(
        "site", {"exporter": "json", "output": str(tmp_path / "feed.json")}, staff=shop["owner"]
    )
    run_channel("site")
    words = last_run_words()
    assert words == f"site, {clock.format_local(clock.now())}, 3 rows"
