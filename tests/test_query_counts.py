"""No list grows its query count with its rows: 3 rows and 30 rows cost the same queries.

One shop is built through the services with 3 of everything, every list service is
measured with peewee's count_queries, then the shop grows to 30 of everything and every
list is measured again. A list that loads a related row per row (an N+1) fails here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import is_dataclass
from datetime import timedelta

import pytest
from click.testing import CliRunner
from playhouse.test_utils import count_queries

from jeweltui import clock
from jeweltui.cli import main
from jeweltui.db import open_database
from jeweltui.services import holds, incidents, memo, pieces, sales
from jeweltui.services import workorders as wo
from jeweltui.services.customers import create_customer, customer_rows, customer_story
from jeweltui.services.history import piece_history as history_rows
from jeweltui.services.home import home_summary
from jeweltui.services.labelling import tags_for
from jeweltui.services.locations import create_location, location_counts
from jeweltui.services.moves import move_pieces
from jeweltui.services.piece_pages import piece_page
from jeweltui.services.staff import ensure_owner
from jeweltui.services.vendors import create_vendor, vendor_rows
from tests.conftest import FrozenClock

SMALL, LARGE = 3, 30


class Shop:
    """A shop that grows through the services, the way a day at the counter makes rows."""

    def __init__(self, db_path) -> None:
        self.db_path = db_path
        self.owner = ensure_owner()
        for code, kind in (("L-CASE", "case"), ("L-BENCH", "bench"), ("L-SAFE", "safe")):
            create_location({"code": code, "name": code, "kind": kind}, staff=self.owner)
        self.regular = create_customer({"name": "Maria Rossi", "phone": "+39 055"}, staff=None)
        self.lumiere = create_vendor({"name": "Lumière", "memo_days": 30}, staff=None)
        self.wanderer = self._piece("Wandering ring")
        self.size = 0

    def _piece(self, title: str, vendor: str | None = None):
        sku = "RNG-" + title.upper().replace(" ", "-")
        fields = {"title": title, "sku": sku, "category": "ring", "retail_cents": "990.00"}
        return pieces.create_piece(fields, location="L-CASE", staff=self.owner, vendor=vendor)

    def grow_to(self, size: int) -> None:
        for n in range(self.size, size):
            self._one_more(n)
        self._memo_in(size - self.size)
        self.size = size

    def _one_more(self, n: int) -> None:
        owner, regular = self.owner, self.regular
        customer = create_customer({"name": f"Customer {n}", "phone": f"+39 {n}"}, staff=owner)
        vendor = create_vendor({"name": f"Vendor {n}"}, staff=owner)
        create_location({"code": f"L-SHELF-{n}", "name": f"Shelf {n}"}, staff=owner)
        sold = self._piece(f"Sold ring {n}", vendor=vendor.code)
        sales.sell_pieces([sold.stock_no], staff=owner, customer=regular)
        incidents.record_oversell(
            sold, channel="web", order=None, order_ref=f"#{1000 + n}", staff=owner
        )
        held = self._piece(f"Held ring {n}")
        holds.place_hold(held, staff=owner, customer=regular, hours=2)
        lent = self._piece(f"Lent ring {n}")
        memo.memo_out([lent.stock_no], to=customer.code, staff=owner, days=3)
        ticket = wo.TicketInput(
            customer=regular,
            contact_phone="+39 055",
            promised_at=clock.now() - timedelta(hours=1),
            assignee=owner,
            vendor=vendor,
        )
        item = wo.JobInput(kind="repair", job="Solder", item_description=f"bracelet {n}")
        job = wo.intake([item], ticket, staff=owner)[0]
        wo.appraise(
            job.code, value_cents=50_000, appraiser=owner, metal_description="18K", staff=owner
        )
        move_pieces([self.wanderer.stock_no], "L-SAFE" if n % 2 else "L-CASE", staff=owner)

    def _memo_in(self, count: int) -> None:
        """Pieces on memo from Lumière, then sold: what we owe shows in payables."""
        lines = "\n".join(f"LV-{n},Memo ring {n},ring,gold,18,100.00,300.00" for n in range(count))
        path = self.db_path.parent / f"memo-{self.size}.csv"
        path.write_text("Style,Description,Category,Metal,Karat,Cost,Retail\n" + lines + "\n")
        args = ["--db", str(self.db_path), "memo", "in", str(path), "--vendor", "V-001"]
        result = CliRunner().invoke(main, [*args, "--location", "L-CASE", "--json"])
        assert result.exit_code == 0, result.output
        received = json.loads(result.output)["received"]
        sales.sell_pieces(received, staff=self.owner)


def _lists(shop: Shop) -> dict[str, Callable[[], object]]:
    everything = pieces.PieceFilter(status="")
    return {
        "recent_sales": lambda: sales.recent_sales(limit=100),
        "hold_rows": lambda: holds.hold_rows("all"),
        "holds_expiring_on": lambda: holds.holds_expiring_on(clock.today()),
        "home_summary": home_summary,
        "list_work_orders": lambda: wo.list_work_orders(include_closed=True),
        "board": wo.board,
        "overdue": lambda: [(j.code, j.customer.name) for j in wo.overdue()],
        "customer_rows": customer_rows,
        "customer_story": lambda: customer_story(shop.regular.code),
        "vendor_rows": vendor_rows,
        "location_counts": location_counts,
        "incident_rows": incidents.incident_rows,
        "memo_rows": lambda: memo.memo_rows(include_closed=True),
        "due_lines": lambda: memo.due_lines(within_days=365),
        "payables": memo.payables,
        "statement": lambda: memo.statement(shop.lumiere.code),
        "list_pieces": lambda: pieces.list_pieces(everything),
        "piece_page": lambda: piece_page(everything),
        "history_rows": lambda: history_rows(shop.wanderer),
        "tags_for": lambda: tags_for([p.stock_no for p in pieces.list_pieces(everything)]),
    }


def _queries(read: Callable[[], object]) -> int:
    with count_queries() as counted:
        read()
    return counted.count


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    """{list: (queries with 3 rows, queries with 30 rows, rows seen with 30)}."""
    db_path = tmp_path_factory.mktemp("counts") / "shop.db"
    database = open_database(db_path, create=True)
    clock.set_clock(FrozenClock())
    try:
        shop = Shop(db_path)
        shop.grow_to(SMALL)
        small = {name: _queries(read) for name, read in _lists(shop).items()}
        shop.grow_to(LARGE)
        large = {name: _queries(read) for name, read in _lists(shop).items()}
        sizes = {name: _size(read()) for name, read in _lists(shop).items()}
    finally:
        clock.set_clock(None)
        database.close()
    return {name: (small[name], large[name], sizes[name]) for name in small}


def _size(result: object) -> int:
    if is_dataclass(result):
        result = vars(result)
    if isinstance(result, dict):
        return max((len(v) for v in result.values() if isinstance(v, list)), default=1)
    return len(result) if isinstance(result, list) else 1


@pytest.mark.parametrize(
    "name",
    [
        "recent_sales",
        "hold_rows",
        "holds_expiring_on",
        "home_summary",
        "list_work_orders",
        "board",
        "overdue",
        "customer_rows",
        "customer_story",
        "vendor_rows",
        "location_counts",
        "incident_rows",
        "memo_rows",
        "due_lines",
        "payables",
        "statement",
        "list_pieces",
        "piece_page",
        "history_rows",
        "tags_for",
    ],
)
def test_a_list_costs_the_same_queries_for_3_rows_as_for_30(measured, name):
    small, large, rows = measured[name]
    assert rows >= LARGE  # the list really grew: the comparison means something
    assert large == small, f"{name}: {small} queries for {SMALL} rows, {large} for {LARGE}"
