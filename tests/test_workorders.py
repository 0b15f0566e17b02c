"""Work orders as a shop lives them: the bag of three, the resize before a sale, the board."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from jeweltui import workorder_docs
from jeweltui.cli import main
from jeweltui.errors import InvalidInput, NotAvailable
from jeweltui.models import Location, Movement, Piece, Staff
from jeweltui.models.workorders import Appraisal, WorkOrder, WorkOrderEvent
from jeweltui.services import workorders as wo
from jeweltui.services.availability import available, available_condition, describe_state
from jeweltui.services.sales import sell_pieces
from jeweltui.services.staff import create_staff
from jeweltui.services.vendors import create_vendor


@pytest.fixture
def anna(shop) -> Staff:
    return create_staff("S-ANNA", "Anna Bench", "staff", staff=shop["owner"])


def bag_of_three(shop, **ticket) -> list[WorkOrder]:
    items = [
        wo.JobInput(
            kind="repair",
            job="Solder broken link",
            item_description="yellow metal chain, customer stated 18K",
            purity="stamp illegible",
            weight_mg=12_400,
        ),
        wo.JobInput(
            kind="resize",
            job="Size 6 to 7",
            item_description="white metal ring, 3 white stones",
            stone_count=3,
            stone_shape="round",
            stone_colour="white",
            declared_value_cents=120_000,
        ),
        wo.JobInput(kind="cleaning", job="Clean and polish", item_description="yellow metal hoop"),
    ]
    return wo.intake(
        items,
        wo.TicketInput(customer=shop["customer"], contact_phone="+39 055 123", **ticket),
        staff=shop["owner"],
    )


def resize_stock(shop, code="R-000001", **ticket) -> WorkOrder:
    job = wo.JobInput(kind="resize", job="Size 6.5 to 5.5 before sale", piece=code)
    return wo.intake([job], wo.TicketInput(**ticket), staff=shop["owner"])[0]


def walk(code: str, staff, *steps: str) -> WorkOrder:
    job = None
    for step in steps:
        job = wo.change_status(code, step, staff=staff, reason=f"going {step}")
    return job


def test_a_customers_bag_of_three_is_one_ticket_of_three_jobs(shop, frozen_clock):
    jobs = bag_of_three(shop)
    assert [wo.ticket_words(j) for j in jobs] == ["1 of 3", "2 of 3", "3 of 3"]
    assert len({j.ticket_no for j in jobs}) == 1
    assert [j.code for j in jobs] == ["WO-000001", "WO-000002", "WO-000003"]
    assert all(j.status == "received" and j.customer_id == shop["customer"].id for j in jobs)
    # the next bag is a new ticket, new codes
    second = bag_of_three(shop)
    assert second[0].ticket_no != jobs[0].ticket_no and second[0].code == "WO-000004"


def test_codes_scan_and_type(shop):
    job = bag_of_three(shop)[1]
    for typed in ("*wo-000002*", " WO-000002 ", "wo2", "2"):
        assert wo.find_work_order(typed).id == job.id
    with pytest.raises(Exception, match="No work order WO-000099"):
        wo.find_work_order("WO-99")


def test_a_customers_item_needs_a_description_and_a_way_to_reach_them(shop):
    before = WorkOrder.select().count()
    with pytest.raises(InvalidInput, match="reach the customer"):
        wo.intake(
            [wo.JobInput(kind="repair", job="clasp", item_description="yellow metal bracelet")],
            wo.TicketInput(customer=shop["customer"]),
            staff=shop["owner"],
        )
    with pytest.raises(InvalidInput, match="Describe the customer's item"):
        wo.intake(
            [wo.JobInput(kind="repair", job="clasp")],
            wo.TicketInput(customer=shop["customer"], contact_phone="1"),
            staff=shop["owner"],
        )
    assert WorkOrder.select().count() == before


def test_stock_piece_resize_goes_to_the_bench_and_cannot_be_sold(shop, frozen_clock):
    job = resize_stock(shop)
    ring = Piece.get(Piece.stock_no == "R-000001")
    assert ring.location.code == "L-BENCH"
    verdict = available(ring)
    assert not verdict
    assert "Repair bench" in verdict.reason and job.code in verdict.reason
    assert not available(ring, counter_sale=True)
    assert job.code in describe_state(ring)
    sellable = {p.stock_no for p in Piece.select().join(Location).where(available_condition())}
    assert sellable == {"R-000002", "R-000003"}
    with pytest.raises(NotAvailable, match=job.code):
        sell_pieces(["R-000001"], staff=shop["owner"])
    assert Piece.get_by_id(ring.id).status == "in_stock"

    walk(job.code, shop["owner"], "at_bench", "quality_check", "ready")
    with pytest.raises(InvalidInput, match="go back to"):
        wo.complete(job.code, staff=shop["owner"])
    assert Piece.get_by_id(ring.id).location.code == "L-BENCH"
    done = wo.complete(job.code, staff=shop["owner"], to_location="L-CASE-B")
    assert done.status == "done" and done.return_location.code == "L-CASE-B"
    ring = Piece.get_by_id(ring.id)
    assert ring.location.code == "L-CASE-B"
    assert available(ring)
    sell_pieces(["R-000001"], staff=shop["owner"])


def test_cancelling_returns_the_stock_piece_the_same_way(shop):
    job = resize_stock(shop)
    with pytest.raises(InvalidInput, match="Say why"):
        wo.change_status(job.code, "cancelled", staff=shop["owner"], to_location="L-SAFE")
    wo.change_status(
        job.code, "cancelled", staff=shop["owner"], reason="sold as is", to_location="L-SAFE"
    )
    ring = Piece.get(Piece.stock_no == "R-000001")
    assert ring.location.code == "L-SAFE"
    assert available(ring, counter_sale=True)


def test_a_piece_in_an_open_job_cannot_start_a_second(shop):
    resize_stock(shop)
    with pytest.raises(NotAvailable, match="already in work order WO-000001"):
        resize_stock(shop)
    assert WorkOrder.select().count() == 1


def test_at_vendor_moves_the_piece_to_the_vendors_location_and_back(shop):
    setter = create_vendor({"name": "Gem Setters", "code": "V-SET"}, staff=shop["owner"])
    job = resize_stock(shop, vendor=setter)
    wo.change_status(job.code, "at_vendor", staff=shop["owner"], reason="stone reset")
    ring = Piece.get(Piece.stock_no == "R-000001")
    assert ring.location.code == "L-V-SET" and ring.location.kind == "vendor"
    assert not available(ring, counter_sale=True)
    wo.change_status(job.code, "at_bench", staff=shop["owner"], reason="back from setter")
    assert Piece.get_by_id(ring.id).location.code == "L-BENCH"


def test_illegal_transition_is_refused_and_nothing_is_written(shop, anna):
    job = bag_of_three(shop)[0]
    walk(job.code, anna, "at_bench", "quality_check", "ready", "picked_up")
    counts = (Movement.select().count(), WorkOrderEvent.select().count())
    with pytest.raises(NotAvailable, match="picked up: the job is closed"):
        wo.change_status(job.code, "at_bench", staff=anna, reason="oops")
    assert (Movement.select().count(), WorkOrderEvent.select().count()) == counts
    assert WorkOrder.get_by_id(job.id).status == "picked_up"
    second = bag_of_three(shop)[0]
    counts = (Movement.select().count(), WorkOrderEvent.select().count())
    with pytest.raises(NotAvailable, match="cannot go ready.*Next can be: estimate needed"):
        wo.change_status(second.code, "ready", staff=anna)
    with pytest.raises(InvalidInput, match="Unknown status"):
        wo.change_status(second.code, "lost", staff=anna)
    assert (Movement.select().count(), WorkOrderEvent.select().count()) == counts
    assert WorkOrder.get_by_id(second.id).status == "received"


def test_every_status_change_is_a_ledger_row_with_who_and_why(shop, anna):
    job = bag_of_three(shop)[0]
    walk(job.code, anna, "estimate_needed", "awaiting_approval", "at_bench")
    wo.change_status(job.code, "on_hold", staff=anna, reason="waiting for a clasp")
    assert wo.default_next(WorkOrder.get_by_id(job.id)) == "at_bench"
    rows = list(
        Movement.select()
        .where((Movement.ref_table == "work_order") & (Movement.ref_id == job.id))
        .order_by(Movement.id)
    )
    assert [r.action for r in rows] == ["wo_intake"] + ["wo_status"] * 4
    assert [json.loads(r.after)["status"] for r in rows[1:]] == [
        "estimate_needed",
        "awaiting_approval",
        "at_bench",
        "on_hold",
    ]
    assert all(r.staff_id == anna.id for r in rows[1:])
    assert rows[-1].reason == "waiting for a clasp"
    steps = wo.work_order_record(WorkOrder.get_by_id(job.id))["timeline"]
    assert [s["to"] for s in steps][-1] == "on_hold" and steps[-1]["staff"] == "S-ANNA"


def test_board_shows_days_in_stage_rush_and_overdue_by_the_clock(shop, frozen_clock):
    promised = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)
    slow, *_ = bag_of_three(shop, promised_at=promised)
    rushed = resize_stock(shop, rush=True)
    frozen_clock.advance(days=2)
    wo.change_status(slow.code, "at_bench", staff=shop["owner"], reason="start")
    frozen_clock.advance(days=3, hours=1)
    rows = {r.code: r for r in wo.board()}
    assert rows[slow.code].days == 3 and rows[slow.code].status == "at_bench"
    assert rows[rushed.code].days == 5 and rows[rushed.code].rush
    assert rows[slow.code].overdue and not rows[rushed.code].overdue
    assert [j.code for j in wo.overdue()] == ["WO-000001", "WO-000002", "WO-000003"]
    order = [r.code for r in wo.board()]
    assert order.index(rushed.code) < order.index("WO-000002")  # RUSH first among received


def test_papers_bench_ticket_has_no_customer_contact_and_claim_check_has(shop):
    job = bag_of_three(shop)[1]
    ticket = workorder_docs.bench_ticket(job)
    assert "Size 6 to 7" in ticket and "3 round white stones" in ticket
    assert "Maria" not in ticket and "055 123" not in ticket
    check = workorder_docs.claim_check(job)
    assert "Maria Rossi" in check and "2 of 3" in check and "€1,200.00" in check
    envelope = workorder_docs.envelope_data(job)
    assert (envelope.job_no, envelope.copy_no, envelope.copies) == ("WO-000002", 2, 3)


def test_appraisal_pdf_carries_value_and_stones(shop, anna, tmp_path):
    job = bag_of_three(shop)[1]
    wo.appraise(
        job.code,
        value_cents=240_000,
        appraiser=anna,
        metal_description="Platinum 950, tested",
        stone_description="3 round brilliant diamonds, 0.45ct total, G–H VS",
        staff=shop["owner"],
    )
    out = workorder_docs.appraisal_pdf(job, tmp_path / "appraisal.pdf")
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "€2,400.00" in text
    assert "3 round brilliant diamonds" in text and "Platinum 950" in text
    assert "Anna Bench" in text and job.code in text


def invoke(db_path, *args, staff="S-OWNER"):
    result = CliRunner().invoke(main, ["--db", str(db_path), "--staff", staff, *args])
    return result


def test_cli_end_to_end(shop, anna, db_path, tmp_path, frozen_clock):
    added = invoke(
        db_path, "wo", "add", "--type", "resize", "--piece", "R-000002", "--job", "Size to 7",
        "--promised", "2026-11-30", "--assignee", "S-ANNA",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    code = added.output.split()[0]
    assert code == "WO-000001"
    assert Piece.get(Piece.stock_no == "R-000002").location.code == "L-BENCH"

    bag = invoke(
        db_path, "wo", "intake", "--kind", "appraisal", "--customer", "Maria Rossi",
        "--item", "white metal ring, 1 white stone", "--item", "yellow metal brooch",
        "--job", "Insurance appraisal", "--stone-count", "1",
    )  # fmt: skip
    assert bag.exit_code == 0, bag.output
    assert "WO-000002  1 of 2" in bag.output and "WO-000003  2 of 2" in bag.output

    refused = invoke(db_path, "wo", "status", code, "picked_up")
    assert refused.exit_code != 0 and "cannot go picked up" in refused.output

    for step in ("at_bench", "quality_check", "ready"):
        moved = invoke(db_path, "--staff", "S-ANNA", "wo", "status", code, step, "--reason", "ok")
        assert moved.exit_code == 0, moved.output
    board = invoke(db_path, "wo", "board", "--json")
    assert {r["code"]: r["status"] for r in json.loads(board.output)}[code] == "ready"
    no_place = invoke(db_path, "wo", "complete", code)
    assert no_place.exit_code != 0 and "go back to" in no_place.output
    done = invoke(db_path, "wo", "complete", code, "--to", "L-CASE-A", "--final", "45.00")
    assert done.exit_code == 0 and "L-CASE-A" in done.output
    assert available(Piece.get(Piece.stock_no == "R-000002"))

    shown = json.loads(invoke(db_path, "wo", "show", code, "--json").output)
    assert shown["status"] == "done" and shown["final"] == "€45.00"
    assert [s["staff"] for s in shown["timeline"]][1:4] == ["S-ANNA"] * 3

    frozen_clock.advance(days=10)
    late = invoke(db_path, "wo", "overdue", "--json")
    assert json.loads(late.output) == []  # the only promised job is done

    appraised = invoke(
        db_path, "wo", "appraise", "WO-000002", "--value", "2,400.00", "--appraiser", "S-ANNA",
        "--metal", "Platinum, tested", "--stones", "1 round diamond 0.50ct",
    )  # fmt: skip
    assert appraised.exit_code == 0, appraised.output
    pdf = tmp_path / "out.pdf"
    printed = invoke(db_path, "wo", "print", "WO-000002", "--appraisal", str(pdf))
    assert printed.exit_code == 0, printed.output
    text = PdfReader(pdf).pages[0].extract_text()
    assert "€2,400.00" in text and "1 round diamond 0.50ct" in text
    assert Appraisal.select().count() == 1

    papers = invoke(db_path, "wo", "print", "WO-000002")
    assert "BENCH TICKET" in papers.output and "CLAIM CHECK" in papers.output


def test_cli_envelope_label_decodes_to_the_job_code(shop, db_path, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    bag_of_three(shop)
    printed = invoke(db_path, "wo", "print", "WO-000003", "--envelope", str(tmp_path / "env"))
    assert printed.exit_code == 0, printed.output
    image = Image.open(printed.output.strip().splitlines()[-1])
    assert "WO-000003" in {r.text for r in zxingcpp.read_barcodes(image)}
