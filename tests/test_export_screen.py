"""The channels screen: last runs, export now, diff preview."""

from __future__ import annotations

from textual.widgets import DataTable, Log

from jeweltui.channels.config import set_channel_export
from jeweltui.models.exports import ExportRun
from jeweltui.screens.app import make_app
from jeweltui.screens.channels import ChannelsScreen


async def test_export_now_and_diff_preview(shop, db_path, tmp_path):
    target = tmp_path / "shopify.csv"
    set_channel_export(
        "shopify", {"exporter": "shopify-products", "output": str(target)}, staff=shop["owner"]
    )
    app = make_app(db_path)
    async with app.run_test() as pilot:
        await app.push_screen(ChannelsScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.get_row_at(0)[:5] == ["shopify", "shopify-products", str(target), "never", ""]

        await pilot.press("d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        diff = "\n".join(app.screen.query_one("#diff", Log).lines)
        assert "3 added, 0 removed" in diff and "+ R-000001" in diff
        assert not target.exists()  # a preview writes nothing

        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.exists()
        assert ExportRun.get().result == "ok"
        assert table.get_row_at(0)[4:6] == ["ok", "3"]
