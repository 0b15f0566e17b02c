"""Vendors: who supplies the shop, their terms, and how many of their pieces are in stock."""

from __future__ import annotations

from typing import Any

from jeweltui.screens.listing import ListScreen
from jeweltui.services.vendors import vendor_rows


class VendorsScreen(ListScreen):
    CSS_PATH = ["listing.tcss", "vendors.tcss"]
    NOUN = "vendors"
    SEARCH_HINT = "Search vendor name or code…"
    COLUMNS = (
        ("Code", 7),
        ("Name", 22),
        ("Contact", 14),
        ("Phone", 12),
        ("Lead", 4),
        ("Pieces", 6),
    )

    def load(self, text: str) -> list[dict[str, Any]]:
        needle = text.lower()
        rows = [
            r for r in vendor_rows() if needle in r["name"].lower() or needle in r["code"].lower()
        ]
        return sorted(rows, key=lambda r: r["name"])

    def row_cells(self, row: dict[str, Any]) -> tuple:
        return (
            row["code"],
            row["name"],
            row["contact"],
            row["phone"],
            f"{row['lead_time_days']}d",
            f"{row['in_stock']:,}",
        )

    def opened(self, row: dict[str, Any]) -> None:
        from jeweltui.screens.pieces import PiecesScreen

        # The pieces search matches vendor names, so this lists what they supplied.
        self.app.push_screen(PiecesScreen(text=row["name"]))

    def new_form(self):
        from jeweltui.screens.people_forms import VendorFormScreen

        return VendorFormScreen()
