"""Customers, and for each one what they bought and what is on hold for them."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from jeweltui.screens.background import in_background
from jeweltui.screens.listing import ListScreen
from jeweltui.services.reports import customer_rows, customer_story


class CustomersScreen(ListScreen):
    CSS_PATH = ["listing.tcss", "customers.tcss"]
    NOUN = "customers"
    SEARCH_HINT = "Search name, phone or e-mail…"
    COLUMNS = (("Code", 8), ("Name", 24), ("Phone", 16), ("E-mail", 20))

    def load(self, text: str) -> list[dict[str, Any]]:
        return customer_rows(text)

    def row_cells(self, row: dict[str, Any]) -> tuple:
        return (row["code"], row["name"], row["phone"], row["email"])

    def opened(self, row: dict[str, Any]) -> None:
        self.app.push_screen(CustomerScreen(row["code"]))

    def new_form(self):
        from jeweltui.screens.people_forms import CustomerFormScreen

        return CustomerFormScreen()


class CustomerScreen(Screen):
    """One customer: contact, open holds, purchases (newest first). Enter opens a piece."""

    CSS_PATH = "customers.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        self.story: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="who")
        yield Static("", id="holds")
        yield DataTable(id="purchases", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#purchases", DataTable)
        for label, width in (("Date", 10), ("Stock no", 9), ("Title", 30), ("Price", 11)):
            table.add_column(label, width=width)
        table.border_title = "Purchases"
        table.focus()
        in_background(self, lambda: customer_story(self.code), self.show, group="story")

    def show(self, story: dict[str, Any]) -> None:
        self.story = story
        contact = "  ·  ".join(filter(None, [story["phone"], story["email"]]))
        notes = f"\n[dim]{story['notes']}[/]" if story["notes"] else ""
        self.query_one("#who", Static).update(
            f"[b]{story['name']}[/]  {story['code']}  {contact}{notes}"
        )
        holds = story["holds"]
        self.query_one("#holds", Static).update(
            "On hold: " + ", ".join(f"{h['stock_no']} until {h['until']}" for h in holds)
            if holds
            else "Nothing on hold."
        )
        table = self.query_one("#purchases", DataTable)
        table.clear()
        table.add_rows(
            (p["date"], p["stock_no"], p["title"], p["price"]) for p in story["purchases"]
        )
        table.border_title = f"Purchases ({len(story['purchases'])})"

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        purchases = self.story.get("purchases", [])
        if event.cursor_row < len(purchases):
            from jeweltui.screens.piece_detail import PieceDetailScreen

            self.app.push_screen(PieceDetailScreen(purchases[event.cursor_row]["stock_no"]))
