"""A customer in one place: purchases, holds, work orders and appraisals, on screen and in the CLI.

Real shop file, real app: holds placed and released from the customer screen are in the DB.
"""

from __future__ import annotations

from click.testing import CliRunner
from textual.widgets import DataTable, Input, TabbedContent

from jeweltui.cli import main
from jeweltui.models import Hold
from jeweltui.screens.app import make_app
from jeweltui.screens.customers import CustomerScreen
from jeweltui.screens.hold_form import HoldFormScreen
from jeweltui.screens.holds import ConfirmScreen
from jeweltui.screens.widgets.form import FormField
from jeweltui.services import holds
from jeweltui.services import workorders as wo
from jeweltui.services.sales import sell_pieces
from tests.tui_helpers import settle, type_text

SIZE = (80, 24)


def customer_with_everything(shop) -> dict[str, str]:
    """Maria bought ring 3, has ring 1 on hold, a chain in for repair that was appraised."""
    owner, maria = shop["owner"], shop["customer"]
    sell_pieces(["R-000003"], staff=owner, customer=maria, channel="store")
    holds.place_hold(shop["rings"][0], staff=owner, customer=maria, hours=24, reason="try on")
    chain = wo.intake(
        [wo.JobInput(kind="appraisal", job="Insurance", item_description="yellow metal chain")],
        wo.TicketInput(customer=maria, contact_phone=maria.phone, rush=True),
        staff=owner,
    )[0]
    wo.appraise(
        chain.code,
        value_cents=240000,
        appraiser=owner,
        metal_description="18K yellow gold, tested",
        staff=owner,
    )
    return {"code": maria.code, "wo": chain.code}


def rows(screen: CustomerScreen, section: str) -> list[list[str]]:
    table = screen.query_one(f"DataTable#{section}", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def open_customer(pilot, code: str) -> CustomerScreen:
    screen = CustomerScreen(code)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


async def test_customer_screen_shows_purchases_holds_jobs_and_appraisals(shop, db_path):
    made = customer_with_everything(shop)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_customer(pilot, made["code"])
        assert [r[1] for r in rows(screen, "purchases")] == ["R-000003"]
        assert [r[1] for r in rows(screen, "holds")] == ["R-000001"]
        [job] = rows(screen, "jobs")
        assert job[0] == made["wo"] and job[1] == "appraisal" and "RUSH" in job[2]
        assert job[4] == "yellow metal chain"
        [appraisal] = rows(screen, "appraisals")
        assert appraisal[1] == made["wo"] and "2,400.00" in appraisal[2]
        tabs = screen.query_one(TabbedContent)
        assert str(tabs.get_tab("jobs-section").label) == "3 Work orders (1)"

        await pilot.press("3")  # the section keys switch tabs
        assert tabs.active == "jobs-section"


async def test_hold_placed_from_the_customer_screen_is_in_the_database(shop, db_path):
    maria = shop["customer"]
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_customer(pilot, maria.code)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HoldFormScreen)
        await type_text(pilot, "R-000002")
        app.screen.query_one("#hours", Input).focus()
        await type_text(pilot, "24")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert [r[1] for r in rows(screen, "holds")] == ["R-000002"]

    hold = Hold.get(Hold.closed_at.is_null())
    assert (hold.piece.stock_no, hold.customer_id) == ("R-000002", maria.id)
    assert (hold.expires_at - hold.placed_at).total_seconds() == 24 * 3600


async def test_a_refused_hold_shows_why_at_the_stock_number_and_writes_nothing(shop, db_path):
    holds.place_hold(shop["rings"][0], staff=shop["owner"], customer=shop["customer"], hours=5)
    other = CliRunner().invoke(
        main, ["--db", str(db_path), "customer", "add", "--name", "Anna Bianchi"]
    )
    other_code = other.output.split()[0]
    before = Hold.select().count()
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_customer(pilot, other_code)
        await pilot.press("h")
        await settle(pilot)
        form = app.screen
        await type_text(pilot, "R-000001")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # still open, input kept
        field = form.query_one("#field-stock_no", FormField)
        assert "on hold for Maria Rossi" in field.error
        assert form.query_one("#stock_no", Input).value == "R-000001"

        form.query_one("#stock_no", Input).value = "R-000002"
        form.query_one("#hours", Input).focus()
        await type_text(pilot, "-3")
        await settle(pilot)
        assert "more than 0 hours" in form.query_one("#field-hours", FormField).error
        await pilot.press("escape")
        await settle(pilot)
    assert Hold.select().count() == before


async def test_release_a_hold_from_the_customer_screen_after_confirming(shop, db_path):
    hold = holds.place_hold(
        shop["rings"][1], staff=shop["owner"], customer=shop["customer"], hours=24
    )
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_customer(pilot, shop["customer"].code)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # changed their mind: nothing happens
        await settle(pilot)
        assert Hold.get_by_id(hold.id).closed_at is None

        await pilot.press("r")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert rows(screen, "holds") == []
    released = Hold.get_by_id(hold.id)
    assert released.closed_at is not None and released.closed_reason == "released"


def test_customer_show_prints_work_orders_and_appraisals(shop, db_path):
    made = customer_with_everything(shop)
    result = CliRunner().invoke(main, ["--db", str(db_path), "customer", "show", made["code"]])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Work orders:" in out and made["wo"] in out and "appraisal" in out and "RUSH" in out
    assert "Appraisals:" in out and "2,400.00" in out
    as_json = CliRunner().invoke(
        main, ["--db", str(db_path), "customer", "show", made["code"], "--json"]
    )
    assert '"work_orders"' in as_json.output and '"appraisals"' in as_json.output
