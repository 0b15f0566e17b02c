"""Locations with their piece counts; Enter lists the pieces kept there."""

from __future__ import annotations

from typing import Any

from jeweltui.screens.listing import ListScreen
from jeweltui.screens.widgets.filter_bar import Filters
from jeweltui.services.locations import location_counts


class LocationsScreen(ListScreen):
    CSS_PATH = ["listing.tcss", "locations.tcss"]
    NOUN = "locations"
    SEARCH_HINT = "Search code or name…"
    COLUMNS = (("Code", 14), ("Name", 22), ("Kind", 11), ("Sellable", 8), ("Pieces", 7))

    def load(self, text: str) -> list[dict[str, Any]]:
        rows = location_counts()
        needle = text.lower()
        return [r for r in rows if needle in r["code"].lower() or needle in r["name"].lower()]

    def row_cells(self, row: dict[str, Any]) -> tuple:
        return (
            row["code"],
            row["name"],
            row["kind"],
            "yes" if row["sellable"] else "no",
            f"{row['pieces']:,}",
        )

    def opened(self, row: dict[str, Any]) -> None:
        from jeweltui.screens.pieces import PiecesScreen

        self.app.push_screen(PiecesScreen(Filters(location=row["code"], status="in_stock")))

    def new_form(self):
        from jeweltui.screens.people_forms import LocationFormScreen

        return LocationFormScreen()
