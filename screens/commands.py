"""Command palette (Ctrl+P): find a piece, find a customer, or open an area."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import Hit, Hits, Provider

from jeweltui.db import thread_connection
from jeweltui.screens.areas import AREAS, load_screen_class
from jeweltui.services.customers import customer_search
from jeweltui.services.piece_pages import piece_search


def _read(query, text: str):
    with thread_connection():
        return query(text)


class PieceCommands(Provider):
    """Pieces by stock number or title; opens the piece."""

    async def search(self, query: str) -> Hits:
        if len(query.strip()) < 2:
            return
        found = await asyncio.to_thread(_read, piece_search, query)
        from jeweltui.screens.piece_detail import PieceDetailScreen

        for stock_no, title in found:
            text = f"{stock_no}  {title}"
            yield Hit(
                self.matcher(query).match(text) or 0.5,
                self.matcher(query).highlight(text),
                partial(self.app.push_screen, PieceDetailScreen(stock_no)),
                help="open piece",
            )


class CustomerCommands(Provider):
    """Customers by name, code or phone; opens their story."""

    async def search(self, query: str) -> Hits:
        if len(query.strip()) < 2:
            return
        found = await asyncio.to_thread(_read, customer_search, query)
        from jeweltui.screens.customers import CustomerScreen

        for code, name in found:
            text = f"{name}  {code}"
            yield Hit(
                self.matcher(query).match(text) or 0.5,
                self.matcher(query).highlight(text),
                partial(self.app.push_screen, CustomerScreen(code)),
                help="open customer",
            )


class ActionCommands(Provider):
    """Open an area, add a piece, location, customer or vendor, switch the theme."""

    def actions(self):
        app = self.app
        for area in AREAS:
            yield f"Open {area.label}", partial(app.action_open_area, area.name), area.key
        yield "New piece", partial(self._form, "piece_form", "PieceFormScreen"), "add to stock"
        yield "New location", partial(self._form, "people_forms", "LocationFormScreen"), ""
        yield "New customer", partial(self._form, "people_forms", "CustomerFormScreen"), ""
        yield "New vendor", partial(self._form, "people_forms", "VendorFormScreen"), ""
        yield "Light / dark theme", app.action_toggle_dark, "ctrl+t"

    def _form(self, module: str, name: str) -> None:
        form = load_screen_class(f"jeweltui.screens.{module}:{name}")()

        def saved(code: str | None) -> None:
            if code:
                self.app.notify(f"{code} saved.")

        self.app.push_screen(form, saved)

    async def discover(self) -> Hits:
        for text, run, help_text in self.actions():
            yield Hit(1.0, text, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, run, help_text in self.actions():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), run, help=help_text)


PALETTE_PROVIDERS = {ActionCommands, PieceCommands, CustomerCommands}
