"""The work-order board under a real Textual app: advance a job by keyboard, the DB follows."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import DataTable, Static
from tui_helpers import settle, shop_app

from jeweltui.models import Piece
from jeweltui.models.workorders import WorkOrder, WorkOrderEvent
from jeweltui.screens.workorders import AdvanceDialog, WorkOrdersScreen
from jeweltui.services import workorders as wo


def take_in(shop) -> tuple[WorkOrder, WorkOrder]:
    ring = wo.intake(
        [wo.JobInput(kind="resize", job="Size to 7", piece="R-000001")],
        wo.TicketInput(rush=True),
        staff=shop["owner"],
    )[0]
    chain = wo.intake(
        [wo.JobInput(kind="repair", job="Clasp", item_description="yellow metal chain")],
        wo.TicketInput(
            customer=shop["customer"],
            contact_phone="+39 055 123",
            promised_at=datetime(2026, 11, 26, 17, 0, tzinfo=UTC),
        ),
        staff=shop["owner"],
    )[0]
    return ring, chain


async def test_board_lists_jobs_and_a_key_advances_one(shop, db_path, frozen_clock):
    ring, chain = take_in(shop)
    frozen_clock.advance(days=4)
    async with shop_app(db_path, WorkOrdersScreen(), staff="S-OWNER", size=(140, 30)) as pilot:
        app = pilot.app
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WorkOrdersScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 2
        first = [str(c) for c in table.get_row_at(0)]
        assert first[1] == ring.code and "RUSH" in first[5] and first[4] == "4"
        second = [str(c) for c in table.get_row_at(1)]
        assert second[1] == chain.code and "OVERDUE" in second[5]
        assert "2 open jobs, 1 overdue" in str(screen.query_one("#status", Static).render())

        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AdvanceDialog)
        await pilot.press(*"size confirmed", "enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkOrdersScreen)

    job = WorkOrder.get_by_id(ring.id)
    assert job.status == "estimate_needed"
    last = (
        WorkOrderEvent.select()
        .where(WorkOrderEvent.work_order == job)
        .order_by(WorkOrderEvent.id.desc())
        .first()
    )
    assert last.reason == "size confirmed" and last.staff.code == "S-OWNER"
    assert Piece.get(Piece.stock_no == "R-000001").location.code == "L-BENCH"


async def test_a_job_the_database_no_longer_has_is_said_and_the_board_goes_on(shop, db_path):
    ring, _ = take_in(shop)
    async with shop_app(db_path, WorkOrdersScreen(), size=(140, 30)) as pilot:
        app = pilot.app
        await settle(pilot)
        board = app.screen
        # The board is older than the database now (say a backup was restored meanwhile):
        # the code under the cursor names no job any more.
        WorkOrder.update(code="WO-000777").where(WorkOrder.id == ring.id).execute()
        await pilot.press("a")
        await settle(pilot)
        assert app.is_running and app.screen is board
        said = f"No work order {ring.code}."
        assert any(n.message == said for n in app._notifications)
        assert str(board.query_one("#status", Static).render()) == said
        await pilot.press("r")  # refreshed, the board shows the job as it is now
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AdvanceDialog) and app.screen.code == "WO-000777"


async def test_a_refused_step_is_a_notification_and_nothing_changes(shop, db_path):
    ring, _ = take_in(shop)
    async with shop_app(db_path, WorkOrdersScreen(), staff="S-OWNER", size=(140, 30)) as pilot:
        app = pilot.app
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AdvanceDialog)
        dialog.query_one("#next-status").value = "cancelled"
        await pilot.press("enter")  # no reason given
        await settle(pilot)
        assert any("Say why" in n.message for n in app._notifications)
    assert WorkOrder.get_by_id(ring.id).status == "received"
