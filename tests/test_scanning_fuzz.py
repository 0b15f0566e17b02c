"""Fuzz: whatever a scanner sends, the answer is a clean error and nothing is written."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scan_helpers import ledger_count, random_junk

from jeweltui.scanning import ERROR, MoveBatch, classify


def test_ten_thousand_random_scans_are_each_refused_cleanly(shop):
    before = ledger_count()
    batch = MoveBatch(staff=shop["owner"])
    junk = random_junk(10_000)
    for text in junk:
        assert classify(text).kind == ERROR
        result = batch.add(text)
        assert result.kind == "error" and result.message
        assert "\x1b" not in result.message and "\n" not in result.message
    assert len(batch) == 0 and batch.location is None
    assert ledger_count() == before


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(min_size=1, max_size=200))
def test_any_text_is_answered_never_raised(shop, text):
    batch = MoveBatch(staff=shop["owner"])
    result = batch.add(text)
    assert result.message
    assert result.kind in ("error", "added", "location", "staff")
