"""The app's areas: one line each (mode name, function key, footer label, screen).

Adding an area (holds, work orders, channels, scan…) is ONE line in AREAS. The screen
module is imported the first time the area opens, so start-up stays fast. The app builds
its modes and keys from this table, and the command palette lists it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from textual.screen import Screen


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
