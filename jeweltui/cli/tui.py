"""Starting the Textual app from the CLI; the only CLI module that imports Textual."""

from __future__ import annotations

from jeweltui.cli.context import Shop


def run_tui(shop: Shop) -> None:
    from jeweltui.logs import setup_logging

    setup_logging(verbose=False)  # the log goes to its file only: stderr would draw over the app
    shop.open()
    from jeweltui.screens.app import make_app

    make_app(shop.db_path, staff=shop.staff_code).run()
