"""The Textual app, thin on purpose: start-up, the areas (modes), global keys, the palette.

The areas are one line each in screens/areas.py. `make_app()` is the one factory the CLI
and the tests use: it opens the shop session (database, acting staff, settings) that
every screen reads as `self.app.session`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from jeweltui.screens.areas import AREAS, load_screen_class
from jeweltui.screens.workers import JobFailed
from jeweltui.services.session import open_session
from jeweltui.session import ActingStaff, ShopSession, ShopSettings


def _factory(path: str) -> Callable[[], Screen]:
    return lambda: load_screen_class(path)()


class JewelApp(App):
    """jeweltui: the stock book of a small jewelry shop."""

    TITLE = "jeweltui"
    CSS_PATH = "app.tcss"
    MODES = {area.name: _factory(area.screen) for area in AREAS}
    DEFAULT_MODE = "home"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        *(
            Binding(area.key, f"open_area('{area.name}')", area.label, show=area.show)
            for area in AREAS
        ),
        Binding("ctrl+t", "toggle_dark", "Theme", show=False),
    ]

    def __init__(self, session: ShopSession) -> None:
        from jeweltui.screens.commands import PALETTE_PROVIDERS

        self.COMMANDS = App.COMMANDS | PALETTE_PROVIDERS
        super().__init__()
        self.session = session  # what every screen reads: db path, acting staff, settings

    def on_mount(self) -> None:
        from jeweltui.screens.holds import start_hold_sweeper

        self.theme = "textual-dark"
        start_hold_sweeper(self)  # expired holds get their ledger row now and every minute
        self.sub_title = f"{self.session.db_path.name} · {self.session.who}"
        if self.session.staff_problem:
            self.notify(self.session.staff_problem, severity="error")

    def on_job_failed(self, event: JobFailed) -> None:
        """Any screen's database job failed: a toast, and the words on that screen's status
        line, so the next scan or key is not eaten by a dialog."""
        self.notify(event.error.message, severity="error", timeout=6, markup=False)
        if event.screen is not None and event.screen.is_attached:
            lines = event.screen.query("#status, .status-line").results(Static)
            line = next(iter(lines), None)
            if line is not None:
                line.update(Text(event.error.message))

    def action_open_area(self, name: str) -> None:
        if name not in self._modes:
            self.notify(f"{name} is not part of this version yet.", severity="warning")
            return
        self.switch_mode(name)

    def on_scan_screen_looked_up(self, message) -> None:
        """Lookup mode of the scan screen: open what a scanned code names."""
        from jeweltui.scanning import LOCATION, PIECE, WORK_ORDER

        target = message.target

        if target.kind == PIECE:
            from jeweltui.screens.piece_detail import PieceDetailScreen

            self.push_screen(PieceDetailScreen(target.obj.stock_no))
        elif target.kind == LOCATION:
            from jeweltui.screens.pieces import PiecesScreen
            from jeweltui.screens.widgets.filter_bar import Filters

            self.push_screen(PiecesScreen(Filters(location=target.obj.code, status="in_stock")))
        elif target.kind == WORK_ORDER:
            self.switch_mode("workorders")
        else:
            self.notify(target.describe(), title="Scanned", markup=False)

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"


def prepare_terminal_images() -> None:
    """textual-image asks the terminal what graphics it supports when first imported, which
    only works before Textual takes over the terminal: so in a real terminal, import it now."""
    if sys.__stdout__ is not None and sys.__stdout__.isatty():
        try:
            import textual_image.widget  # noqa: F401
        except Exception:  # photos then show as their path; the app works without them
            pass


def make_app(
    db_path: Path,
    staff: ActingStaff | str | None = None,
    settings: ShopSettings | None = None,
) -> JewelApp:
    """The one factory the CLI and the tests use: open the shop, say who is acting (a badge;
    None is the owner's), read the settings unless given, and build the app around them."""
    prepare_terminal_images()
    return JewelApp(open_session(db_path, staff=staff, settings=settings))
