"""Scanning rules without a screen: what a code names, and a move batch from scans."""

from __future__ import annotations

import pytest
from scan_helpers import add_rings, ledger_count, where

from jeweltui.codes import normalise_code
from jeweltui.errors import InvalidInput, NotAvailable
from jeweltui.models import Movement
from jeweltui.scanning import ERROR, LOCATION, PIECE, STAFF, WORK_ORDER, MoveBatch, classify
from jeweltui.services import holds, pieces, sales
from jeweltui.services.staff import create_staff


@pytest.mark.parametrize(
    "raw", ["R-000001", " r-000001 ", "*R-000001*", " *r-000001* ", "\tR-000001\r\n"]
)
def test_scanner_noise_is_taken_off(raw):
    assert normalise_code(raw) == "R-000001"


@pytest.mark.parametrize("raw", ["", "   ", "**", "R 0001", "R-0\x1b[2J", "é-1", "X" * 65])
def test_what_is_not_a_code_is_refused(raw):
    with pytest.raises(InvalidInput):
        normalise_code(raw)


def test_each_kind_of_code_is_recognised(shop):
    anna = create_staff("S-ANNA", "Anna", staff=shop["owner"])
    assert classify("*r-000001*").obj.id == shop["rings"][0].id
    assert classify("l-safe").kind == LOCATION
    assert classify("S-ANNA").obj.id == anna.id
    assert classify("R-999999").error == "unknown code R-999999"
    assert classify("L-NOWHERE").kind == ERROR
    assert classify("WO-000001").kind == ERROR


def test_an_extra_code_scans_to_its_piece(shop):
    ring = shop["rings"][1]
    pieces.add_code(ring, "4006381333931", "ean")
    target = classify(" 4006381333931 ")
    assert (target.kind, target.obj.stock_no) == (PIECE, ring.stock_no)


def test_a_code_naming_two_things_is_ambiguous(shop):
    # An old tag that reads like a location code: refuse rather than guess.
    pieces.add_code(shop["rings"][0], "L-SAFE", "legacy")
    target = classify("L-SAFE")
    assert target.kind == ERROR and "ambiguous" in target.error


def test_a_work_order_scans_to_its_job_and_warns_on_its_piece(shop, frozen_clock):
    from jeweltui.models.workorders import WorkOrder

    now = frozen_clock()
    ring = shop["rings"][0]
    # Set up directly: only the job's code, piece and status matter to scanning.
    WorkOrder.create(
        code="WO-000042", kind="resize", ticket_no=1, piece=ring, intake_at=now,
        status="at_bench", status_since=now,
    )  # fmt: skip
    target = classify("*wo-000042*")
    assert (target.kind, target.obj.code) == (WORK_ORDER, "WO-000042")
    assert classify("WO-777777").error == "unknown code WO-777777"
    row = MoveBatch().add(ring.stock_no).row
    assert any("in work order WO-000042" in w for w in row.warnings)
    assert MoveBatch().add("WO-000042").kind == "error"


def test_scan_location_then_pieces_then_location_again_moves_them(shop):
    batch = MoveBatch(staff=shop["owner"])
    before = ledger_count()
    assert batch.add("L-SAFE").kind == "location"
    for ring in shop["rings"]:
        assert batch.add(ring.stock_no).kind == "added"
    assert [where(r.stock_no) for r in shop["rings"]] == ["L-CASE-A"] * 3
    done = batch.add("L-SAFE")
    assert done.kind == "committed" and "moved 3 to Safe" in done.message
    assert [where(r.stock_no) for r in shop["rings"]] == ["L-SAFE"] * 3
    assert ledger_count() == before + 3
    assert len(batch) == 0 and batch.location is None


def test_pieces_first_then_the_location(shop):
    batch = MoveBatch(staff=shop["owner"])
    row = batch.add("R-000001").row
    assert batch.describe_row(row) == "R-000001  Solitaire ring 1  Case A → (pending)"
    batch.add("L-CASE-B")
    assert batch.describe_row(row) == "R-000001  Solitaire ring 1  Case A → Case B"
    batch.commit(reason="restock")
    assert where("R-000001") == "L-CASE-B"
    assert Movement.select().order_by(Movement.id.desc()).first().reason == "restock"


def test_the_same_piece_twice_is_one_row(shop):
    pieces.add_code(shop["rings"][0], "OLD-TAG-1", "legacy")
    batch = MoveBatch()
    batch.add("R-000001")
    assert batch.add("r-000001").kind == "duplicate"
    assert batch.add("OLD-TAG-1").kind == "duplicate"
    assert len(batch) == 1


def test_a_removed_row_stays_where_it_was(shop):
    batch = MoveBatch(staff=shop["owner"])
    for code in ("L-SAFE", "R-000001", "R-000002", "R-000003"):
        batch.add(code)
    assert batch.remove("R-000002")
    assert not batch.remove("R-000002")
    batch.add("L-SAFE")
    assert [where(f"R-00000{n}") for n in (1, 2, 3)] == ["L-SAFE", "L-CASE-A", "L-SAFE"]


def test_odd_moves_are_warned_about(shop, frozen_clock):
    owner, maria = shop["owner"], shop["customer"]
    holds.place_hold(shop["rings"][0], staff=owner, customer=maria, hours=24)
    sales.sell_pieces(["R-000002"], staff=owner, customer=maria)
    batch = MoveBatch(staff=owner)
    batch.add("L-CASE-A")
    held, sold, there = (batch.add(f"R-00000{n}").row for n in (1, 2, 3))
    assert any("on hold for Maria Rossi" in w for w in held.warnings)
    assert sold.blocked and "sold: will not move" in sold.warnings
    assert "already there" in there.warnings
    done = batch.commit()
    assert [p.stock_no for p in done.already_there] == ["R-000001", "R-000003"]
    assert [row.stock_no for row in done.skipped] == ["R-000002"]


def test_a_piece_at_the_bench_is_warned_about(shop):
    batch = MoveBatch(staff=shop["owner"])
    batch.add("L-BENCH")
    batch.add("R-000001")
    batch.add("L-BENCH")
    row = MoveBatch().add("R-000001").row
    assert "at the bench (Repair bench)" in row.warnings


def test_fifty_scans_with_one_unknown_commit_together(shop):
    owner = shop["owner"]
    codes = add_rings(owner, 49)
    batch = MoveBatch(staff=owner)
    batch.add("L-CASE-B")
    results = [batch.add(code) for code in codes[:25] + ["R-ZZZZZZ"] + codes[25:]]
    errors = [r for r in results if not r.ok]
    assert [e.message for e in errors] == ["unknown code R-ZZZZZZ"]
    before = ledger_count()
    done = batch.commit()
    assert len(done.moved) == 49 and ledger_count() == before + 49
    assert {where(code) for code in codes} == {"L-CASE-B"}


def test_a_piece_sold_meanwhile_stops_the_commit_and_keeps_the_batch(shop):
    owner = shop["owner"]
    batch = MoveBatch(staff=owner)
    for code in ("L-SAFE", "R-000001", "R-000002"):
        batch.add(code)
    sales.sell_pieces(["R-000002"], staff=owner)  # the other till, meanwhile
    before = ledger_count()
    with pytest.raises(NotAvailable):
        batch.commit()
    assert ledger_count() == before and where("R-000001") == "L-CASE-A"
    assert len(batch) == 2 and batch.rows[1].blocked
    assert [p.stock_no for p in batch.commit().moved] == ["R-000001"]


def test_a_staff_badge_names_who_moves(shop):
    anna = create_staff("S-ANNA", "Anna", staff=shop["owner"])
    batch = MoveBatch(staff=shop["owner"])
    assert batch.add("S-ANNA").kind == STAFF
    for code in ("L-SAFE", "R-000001", "L-SAFE"):
        batch.add(code)
    assert Movement.select().order_by(Movement.id.desc()).first().staff_id == anna.id


def test_commit_without_a_location_is_refused(shop):
    batch = MoveBatch()
    batch.add("R-000001")
    with pytest.raises(InvalidInput):
        batch.commit()
    assert len(batch) == 1
