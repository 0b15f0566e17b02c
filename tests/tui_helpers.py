"""Helpers for the Pilot tests of the Textual app (not a test module)."""

from __future__ import annotations

from textual.pilot import Pilot

KEY_NAMES = {" ": "space", "-": "minus", ",": "comma", ".": "full_stop", "/": "slash"}


async def settle(pilot: Pilot) -> None:
    """Wait until every database worker has answered and the screen has caught up
    (a search waits for the typing to pause first: the pieces screen debounces it)."""
    while getattr(pilot.app.screen, "pending", None) is not None:
        await pilot.pause(0.02)
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


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
