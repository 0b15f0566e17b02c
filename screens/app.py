"""The Textual app: thin on purpose: start-up, global bindings, screens."""

from __future__ import annotations

from pathlib import Path

from jeweltui.screens.pieces import PiecesScreen
from textual.app import App
from textual.binding import Binding

from jeweltui.db import open_database


class JewelApp(App):
    """jeweltui: the stock book of a small jewelry shop."""

    TITLE = "jeweltui"
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "toggle_dark", "Theme"),
    ]

    def __init__(self, db_path: Path, staff_code: str | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.staff_code = staff_code

    def on_mount(self) -> None:
        open_database(self.db_path)
        self.sub_title = str(self.db_path)
        self.push_screen(PiecesScreen())

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"


def make_app(db_path: Path, staff_code: str | None = None) -> JewelApp:
    """The one factory the CLI and the tests use."""
    return JewelApp(db_path, staff_code=staff_code)
