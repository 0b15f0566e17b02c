"""The Textual app, thin on purpose: start-up, the areas (modes), global keys, the palette.

Adding an area (holds, work orders, channels, scan…) is ONE line in AREAS below:
its mode name, its function key, its footer label and "module:ScreenClass". The screen
module is imported the first time the area opens, so start-up stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from jeweltui.db import open_database
from jeweltui.errors import JewelError
from jeweltui.services.staff import find_staff

if TYPE_CHECKING:  # the signed-in staff member's type, not a use of the models
    from jeweltui.models import Staff


@dataclass(frozen=True)
class Area:
    name: str  # the mode name: app.switch_mode(name)
    key: str  # its global function key
    label: str  # footer and palette label
    screen: str  # "module:Class", imported on first use
    show: bool = True  # shown in the footer (80 columns fit about six)


AREAS: tuple[Area, ...] = (
    Area("home", "f1", "Home", "jeweltui.screens.home:HomeScreen"),
    Area("pieces", "f2", "Pieces", "jeweltui.screens.pieces:PiecesScreen"),
    Area("locations", "f3", "Locations", "jeweltui.screens.locations:LocationsScreen"),
    Area("customers", "f4", "Customers", "jeweltui.screens.customers:CustomersScreen", False),
    Area("vendors", "f5", "Vendors", "jeweltui.screens.vendors:VendorsScreen", False),
    Area("holds", "f6", "Holds", "jeweltui.screens.holds:HoldsScreen", False),
    Area("workorders", "f7", "Jobs", "jeweltui.screens.workorders:WorkOrdersScreen", False),
    Area("channels", "f8", "Channels", "jeweltui.screens.channels:ChannelsScreen", False),
    Area("scan", "f9", "Scan", "jeweltui.screens.scan:ScanScreen"),
    # F10 confirms on the sale and scan screens themselves; elsewhere it opens the till.
    Area("sales", "f10", "Sell", "jeweltui.screens.sales:SaleScreen", False),
    # Shown in Home's footer: a full footer has no room left on 80 columns.
    Area("count", "f11", "Count", "jeweltui.screens.stocktake:StocktakeScreen", False),
    Area("incidents", "f12", "Incidents", "jeweltui.screens.sales:IncidentsScreen", False),
)


def load_screen_class(path: str) -> type[Screen]:
    module, _, name = path.partition(":")
    return getattr(import_module(module), name)


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

    def __init__(self, db_path: Path, staff_code: str | None = None) -> None:
        from jeweltui.screens.commands import PALETTE_PROVIDERS

        self.COMMANDS = App.COMMANDS | PALETTE_PROVIDERS
        super().__init__()
        self.db_path = Path(db_path)
        self.staff_code = staff_code
        # Opened here, on the main thread, so the first screen's workers find it ready.
        open_database(self.db_path)
        self.staff: Staff | None = None
        self.staff_problem = ""
        try:
            self.staff = find_staff(staff_code)
        except JewelError as error:
            self.staff_problem = error.message

    @property
    def sees_cost(self) -> bool:
        return bool(self.staff and self.staff.sees_cost)

    def on_mount(self) -> None:
        from jeweltui.screens.holds import start_hold_sweeper

        self.theme = "textual-dark"
        start_hold_sweeper(self)  # expired holds get their ledger row now and every minute
        who = self.staff.name if self.staff else "nobody"
        self.sub_title = f"{self.db_path.name} · {who}"
        if self.staff_problem:
            self.notify(self.staff_problem, severity="error")

    def action_open_area(self, name: str) -> None:
        if name not in self._modes:
            self.notify(f"{name} is not part of this version yet.", severity="warning")
            return
        self.switch_mode(name)

    def open_code(self, target) -> None:
        """Lookup mode of the scan screen: open what a scanned code names."""
        from jeweltui.scanning import LOCATION, PIECE, WORK_ORDER

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


def make_app(db_path: Path, staff_code: str | None = None) -> JewelApp:
    """The one factory the CLI and the tests use."""
    prepare_terminal_images()
    return JewelApp(db_path, staff_code=staff_code)
