"""Helpers for the Pilot tests of the Textual app (not a test module).

The one harness: `shop_app()` runs the production app, built by the same `make_app()` the
CLI uses, on a real shop file; a test that needs one screen pushes it over Home.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.message import Message
from textual.pilot import Pilot
from textual.screen import Screen

from jeweltui.screens.app import make_app
from jeweltui.session import ActingStaff

SIZE = (80, 24)
TERMINATOR_KEYS = {"enter": "\r", "ctrl+j": "\n", "tab": "\t"}


@asynccontextmanager
async def shop_app(
    db_path: Path,
    first: Screen | None = None,
    *,
    staff: ActingStaff | str | None = None,
    size: tuple[int, int] = SIZE,
    messages: list[Message] | None = None,
) -> AsyncIterator[Pilot]:
    """make_app(db_path, staff) under Pilot; `first` is pushed and mounted before the test
    runs, and every message the app handles is appended to `messages` when given."""
    app = make_app(db_path, staff=staff)
    hook = messages.append if messages is not None else None
    async with app.run_test(size=size, message_hook=hook) as pilot:
        if first is not None:
            await app.push_screen(first)
            await pilot.pause()
        yield pilot


def count_bells(pilot: Pilot) -> list[None]:
    """The terminal bell is the outside world: record each ring instead of sounding it."""
    rung: list[None] = []
    pilot.app.bell = lambda: rung.append(None)  # type: ignore[method-assign]
    return rung


KEY_NAMES = {" ": "space", "-": "minus", ",": "comma", ".": "full_stop", "/": "slash"}


def scanner_types(app: App, code: str, terminator: str = "enter") -> None:
    """Every key of one scan posted at once, no await in between: a scanner's burst.
    (pilot.press waits for idle after each key, which would hide lost or merged scans.)"""
    for char in code:
        app.post_message(events.Key(_character_to_key(char), char))
    app.post_message(events.Key(terminator, TERMINATOR_KEYS[terminator]))


async def wait_until(pilot: Pilot, done: Callable[[], bool], seconds: float = 180) -> None:
    """Let the app run until done() holds, or give up after `seconds` (the test's own
    assertions then say what is missing). Sleeps rather than pilot.pause() meanwhile:
    a pause waits at most 30 s for the queues to drain, and a burst of thousands of keys
    on a busy machine can take longer than that."""
    give_up = time.monotonic() + seconds
    while not done() and time.monotonic() < give_up:
        await asyncio.sleep(0.01)
    await pilot.pause()


async def settle(pilot: Pilot, quiet_pauses: int = 3, seconds: float = 120) -> None:
    """Wait until the app is quiet: no worker running, and `quiet_pauses` pauses in a row
    that start none. One result can start the next step (a form's Saved message dismisses
    it, the board below reloads in a worker, its Loaded message fills the table), so a
    fixed number of rounds is not enough on a busy machine; quiet is."""
    app, quiet = pilot.app, 0
    give_up = time.monotonic() + seconds
    while quiet < quiet_pauses and time.monotonic() < give_up:
        await pilot.pause()
        running = [worker for worker in app.workers if not worker.is_finished]
        if running:
            quiet = 0
            await app.workers.wait_for_complete(running)
        else:
            quiet += 1


async def type_text(pilot: Pilot, text: str) -> None:
    """Type like a person: one key per character."""
    await pilot.press(*(KEY_NAMES.get(ch, ch) for ch in text))


def fill_pieces(count: int, location_code: str = "L-CASE-A") -> None:
    """Bulk-load many pieces in one transaction (a big shop's stock, for paging tests).

    Goes under the services on purpose: 100k create_piece calls would take minutes.
    """
    from jeweltui import clock
    from jeweltui.models import Location, Piece, database_proxy

    location = Location.get(Location.code == location_code)
    now = clock.now()
    metals = ("yellow gold", "white gold", "platinum", "silver")
    rows = (
        {
            "stock_no": f"J-{n:06d}",
            "sku": f"STY-{n % 997:03d}-{n:06d}",
            "category": "other",
            "title": f"Style {n % 997} piece {n}",
            "metal": metals[n % 4],
            "retail_cents": 10000 + (n * 7919) % 500000,
            "cost_cents": 4000 + (n * 7919) % 200000,
            "location": location.id,
            "created_at": now,
            "updated_at": now,
        }
        for n in range(1, count + 1)
    )
    batch: list[dict] = []
    with database_proxy.obj.atomic():
        for row in rows:
            batch.append(row)
            if len(batch) == 1000:
                Piece.insert_many(batch).execute()
                batch = []
        if batch:
            Piece.insert_many(batch).execute()
