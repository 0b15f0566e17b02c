"""Work-order intake at the counter (key n on the board), printouts (key p), the demo's jobs,
and the Header on the holds and jobs screens. Real shop files, real app."""

from __future__ import annotations

from click.testing import CliRunner
from textual.widgets import DataTable, Header, Input, Select

from jeweltui import clock
from jeweltui.cli import main
from jeweltui.db import open_database
from jeweltui.models import Movement, Piece
from jeweltui.models.workorders import Appraisal, WorkOrder
from jeweltui.screens.app import make_app
from jeweltui.screens.widgets.form import FormField
from jeweltui.screens.workorder_intake import IntakeFormScreen, stones, weight_mg
from jeweltui.screens.workorders import WorkOrdersScreen
from jeweltui.services import workorders as wo
from tests.tui_helpers import settle

SIZE = (100, 30)


async def open_intake(pilot) -> IntakeFormScreen:
    await pilot.press("f7")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WorkOrdersScreen)
    await pilot.press("n")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, IntakeFormScreen)
    return form


async def fill(pilot, form: IntakeFormScreen, **values: str) -> None:
    for name, text in values.items():
        control = form.query_one(f"#{name}")
        if isinstance(control, Select):
            control.value = text
        else:
            control.focus()
            assert isinstance(control, Input)
            control.value = text
    await pilot.pause()


def board_codes(app) -> list[str]:
    table = app.screen.query_one("#board", DataTable)
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


async def test_intake_form_takes_in_a_customers_item_and_the_board_shows_it(shop, db_path):
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_intake(pilot)
        await fill(
            pilot,
            form,
            kind="resize",
            customer="Maria",
            item_description="yellow metal band, customer stated 14K",
            metal="yellow metal",
            purity="14K stamped",
            weight_mg="3.2 g",
            stones="3 round white",
            condition_notes="light scratches",
            declared_value_cents="400.00",
            job="Size 6 to 7",
            estimate_cents="55.00",
            deposit_cents="20.00",
            promised_at="2026-12-01",
            rush="yes",
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        board = app.screen
        assert isinstance(board, WorkOrdersScreen)
        job = WorkOrder.get()
        assert board_codes(app) == [job.code]
        table = board.query_one("#board", DataTable)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == job.code

    assert (job.kind, job.customer.name, job.contact_phone) == (
        "resize",
        "Maria Rossi",
        "+39 055 123",
    )
    assert (job.weight_mg, job.stone_count, job.stone_shape, job.stone_colour) == (
        3200,
        3,
        "round",
        "white",
    )
    assert (job.declared_value_cents, job.estimate_cents, job.deposit_cents) == (40000, 5500, 2000)
    assert (
        job.rush and clock.local(job.promised_at).strftime("%Y-%m-%d %H:%M") == "2026-12-01 18:00"
    )


async def test_a_stock_piece_taken_in_from_the_form_goes_to_the_bench(shop, db_path):
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_intake(pilot)
        await fill(pilot, form, kind="resize", piece="R-000002", job="Size to 7")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, WorkOrdersScreen)
    assert Piece.get(Piece.stock_no == "R-000002").location.code == "L-BENCH"
    assert WorkOrder.get().piece.stock_no == "R-000002"


async def test_bad_input_shows_at_its_field_and_writes_nothing(shop, db_path):
    movements = Movement.select().count()
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_intake(pilot)
        # As the user types: a weight that is not one.
        await fill(pilot, form, weight_mg="heavy")
        assert "not a weight" in form.query_one("#field-weight_mg", FormField).error
        # On save, the service's own rule: a customer's item needs the customer.
        await fill(pilot, form, weight_mg="3 g", item_description="white metal ring", job="Polish")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "needs the customer" in form.query_one("#field-customer", FormField).error
        # A piece that does not exist: said at the stock piece field.
        await fill(pilot, form, item_description="", piece="R-999999")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "R-999999" in form.query_one("#field-piece", FormField).error
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WorkOrdersScreen)
        assert board_codes(app) == []
    assert WorkOrder.select().count() == 0
    assert Movement.select().count() == movements


def test_weight_and_stone_words_parse_as_the_counter_types_them():
    assert [weight_mg(t) for t in ("3.2 g", "3,2g", "3", "3200 mg", "")] == [
        3200,
        3200,
        3000,
        3200,
        None,
    ]
    assert stones("1 oval blue") == (1, "oval", "blue") and stones("none") == (0, "", "")


async def test_p_writes_bench_ticket_claim_check_and_envelope(shop, db_path):
    job = wo.intake(
        [wo.JobInput(kind="repair", job="Clasp", item_description="yellow metal chain")],
        wo.TicketInput(customer=shop["customer"], contact_phone="+39 055 123"),
        staff=shop["owner"],
    )[0]
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
    folder = db_path.parent / "printouts"
    bench = (folder / f"{job.code}-bench-ticket.txt").read_text(encoding="utf-8")
    claim = (folder / f"{job.code}-claim-check.txt").read_text(encoding="utf-8")
    assert "BENCH TICKET" in bench and "Maria" not in bench and "055" not in bench
    assert "CLAIM CHECK" in claim and "Maria Rossi" in claim
    pngs = list(folder.glob("*.png"))
    assert len(pngs) == 1 and pngs[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


async def test_holds_and_jobs_screens_show_the_header_on_top(shop, db_path):
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("f6", "f7"):
            await pilot.press(key)
            await settle(pilot)
            widget, _ = app.screen.get_widget_at(40, 0)
            on_top = widget if isinstance(widget, Header) else widget.parent
            assert isinstance(on_top, Header), f"{key}: {widget!r} covers the header"


def test_demo_loads_the_work_orders(tmp_path, frozen_clock):
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["--db", str(db), "demo", "--no-tui"])
    assert result.exit_code == 0, result.output
    open_database(db)
    jobs = list(WorkOrder.select().order_by(WorkOrder.code))
    assert len(jobs) == 5
    assert sorted(wo.ticket_words(j) for j in jobs if j.items_in_ticket == 2) == [
        "1 of 2",
        "2 of 2",
    ]
    assert [j.code for j in jobs if j.rush] and [j.code for j in wo.overdue()]
    assert all(j.promised_at > frozen_clock() for j in jobs if not wo.is_overdue(j))
    [stock_job] = [j for j in jobs if j.piece_id]
    piece = stock_job.piece
    assert piece.location.code == "L-BENCH"
    moves = Movement.select().where((Movement.piece == piece) & (Movement.action == "move"))
    assert moves.count() == 0  # already at the bench: intake moved nothing
    [appraisal] = list(Appraisal.select())
    assert appraisal.work_order.customer is not None and appraisal.appraised_value_cents > 0
