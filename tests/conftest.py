"""Shared fixtures: a real shop database file in tmp_path, a frozen clock, a small shop."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from read_guard import install_if_asked

from jeweltui import clock
from jeweltui.db import open_database
from jeweltui.models import Staff
from jeweltui.services import pieces
from jeweltui.services.customers import create_customer
from jeweltui.services.locations import create_location
from jeweltui.services.staff import ensure_owner

install_if_asked()
# Before any fixture: what runs outside a test's own fixtures (session-scoped shops, their
# CLI subprocesses) logs into a temporary folder too, never into the real home.
os.environ["JEWELTUI_LOG_DIR"] = tempfile.mkdtemp(prefix="jeweltui-test-logs-")

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


class FrozenClock:
    """A clock the test moves by hand, so expiry is exact and repeatable."""

    def __init__(self, start: datetime = START) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current


@pytest.fixture(scope="session", autouse=True)
def session_log_folder(tmp_path_factory: pytest.TempPathFactory):
    """Module and session fixtures run before the per-test folder below: they log here."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JEWELTUI_LOG_DIR", str(tmp_path_factory.mktemp("session-logs")))
        yield


@pytest.fixture(autouse=True)
def private_log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The log goes into the test's own folder, never into the real home's log folder."""
    folder = tmp_path / "logs"
    monkeypatch.setenv("JEWELTUI_LOG_DIR", str(folder))
    return folder


@pytest.fixture
def frozen_clock():
    frozen = FrozenClock()
    clock.set_clock(frozen)
    yield frozen
    clock.set_clock(None)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "shop.db"


@pytest.fixture
def db(db_path: Path):
    database = open_database(db_path, create=True)
    yield database
    database.close()


@pytest.fixture
def owner(db) -> Staff:
    return ensure_owner()


@pytest.fixture
def shop(db, owner):
    """A tiny shop: two cases, a safe, the bench; three rings in Case A; one customer."""
    for code, name, kind in (
        ("L-CASE-A", "Case A", "case"),
        ("L-CASE-B", "Case B", "case"),
        ("L-SAFE", "Safe", "safe"),
        ("L-BENCH", "Repair bench", "bench"),
    ):
        create_location({"code": code, "name": name, "kind": kind}, staff=owner)
    customer = create_customer({"name": "Maria Rossi", "phone": "+39 055 123"}, staff=owner)
    rings = [
        pieces.create_piece(
            {
                "title": f"Solitaire ring {n}",
                "sku": f"RNG-SOL-14Y-{n}",
                "category": "ring",
                "retail_cents": "1,299.00",
                "cost_cents": "480.00",
                "metal": "yellow gold",
                "karat": 14,
            },
            location="L-CASE-A",
            staff=owner,
        )
        for n in range(1, 4)
    ]
    return {"owner": owner, "customer": customer, "rings": rings}
