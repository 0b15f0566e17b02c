"""Customers, and for each one everything in one place: purchases, holds, jobs, appraisals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from jeweltui.screens.listing import ListScreen
from jeweltui.screens.workers import JobDone, run_db
from jeweltui.services.customers import customer_rows, customer_story
from jeweltui.services.staff import staff_row


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


# Each section: its tab title, the story key it shows, its columns (label, width), its cells.
SECTIONS: dict[str, tuple[str, str, tuple[tuple[str, int], ...]]] = {
    "purchases": (
        "Purchases",
        "purchases",
        (("Date", 10), ("Stock no", 9), ("Title", 34), ("Price", 11)),
    ),
    "holds": (
        "Holds",
        "holds",
        (("Hold", 5), ("Stock no", 9), ("Title", 26), ("Until", 16), ("Why", 14)),
    ),
    "jobs": (
        "Work orders",
        "work_orders",
        (("Code", 9), ("Kind", 9), ("Status", 14), ("Promised", 10), ("Item", 28)),
    ),
    "appraisals": (
        "Appraisals",
        "appraisals",
        (("Date", 10), ("Work order", 10), ("Value", 12), ("Item", 36)),
    ),
}


def section_cells(section: str, row: dict[str, Any]) -> tuple:
    if section == "purchases":
        return (row["date"], row["stock_no"], row["title"], row["price"])
    if section == "holds":
        return (str(row["hold"]), row["stock_no"], row["title"], row["until"], row["reason"])
    if section == "jobs":
        flags = " RUSH" * row["rush"] + " LATE" * row["overdue"]
        item = f"{row['item_no']} · {row['item']}" if row["item_no"] != "1 of 1" else row["item"]
        return (row["code"], row["kind"], row["status"] + flags, row["promised"], item)
    return (row["date"], row["work_order"], row["value"], row["item"])


class CustomerScreen(Screen):
    """One customer in one place. h holds a piece for them, r releases the selected hold."""

    CSS_PATH = "customers.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("h", "hold", "Hold a piece"),
        Binding("r", "release", "Release hold"),
        # 1-4 pick a section from anywhere (the table keeps the arrow keys).
        *(
            Binding(str(n), f"section('{section}')", SECTIONS[section][0], show=False)
            for n, section in enumerate(SECTIONS, start=1)
        ),
    ]

    @dataclass
    class Loaded(JobDone):
        story: dict[str, Any]

    @dataclass
    class Released(JobDone):
        hold_id: int

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        self.story: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="who")
        with TabbedContent(id="sections"):
            for section, (title, _, _) in SECTIONS.items():
                number = list(SECTIONS).index(section) + 1
                with TabPane(f"{number} {title}", id=f"{section}-section"):
                    yield DataTable(id=section, cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        for section, (_, _, columns) in SECTIONS.items():
            table = self.table(section)
            for label, width in columns:
                table.add_column(label, width=width)
        self.table("purchases").focus()
        self.reload()

    def table(self, section: str) -> DataTable:
        return self.query_one(f"DataTable#{section}", DataTable)

    def reload(self) -> None:
        code = self.code
        run_db(self, lambda: self.Loaded(customer_story(code)), group="story")

    @on(Loaded)
    def show(self, event: Loaded) -> None:
        story = self.story = event.story
        contact = "  ·  ".join(filter(None, [story["phone"], story["email"]]))
        notes = f"\n[dim]{story['notes']}[/]" if story["notes"] else ""
        self.query_one("#who", Static).update(
            f"[b]{story['name']}[/]  {story['code']}  {contact}{notes}"
        )
        tabs = self.query_one(TabbedContent)
        for section, (title, key, _) in SECTIONS.items():
            rows = story[key]
            table = self.table(section)
            table.clear()
            table.add_rows(section_cells(section, row) for row in rows)
            number = list(SECTIONS).index(section) + 1
            tabs.get_tab(f"{section}-section").label = f"{number} {title} ({len(rows)})"

    def action_section(self, section: str) -> None:
        self.query_one(TabbedContent).active = f"{section}-section"
        self.table(section).focus()

    @on(TabbedContent.TabActivated, "#sections")
    def section_chosen(self, event: TabbedContent.TabActivated) -> None:
        self.table((event.pane.id or "purchases").removesuffix("-section")).focus()

    def selected(self, section: str) -> dict[str, Any] | None:
        rows = self.story.get(SECTIONS[section][1], [])
        row = self.table(section).cursor_row
        return rows[row] if 0 <= row < len(rows) else None

    @on(DataTable.RowSelected)
    def row_chosen(self, event: DataTable.RowSelected) -> None:
        section = event.data_table.id or ""
        row = self.selected(section) if section in ("purchases", "holds") else None
        if row is not None:
            from jeweltui.screens.piece_detail import PieceDetailScreen

            self.app.push_screen(PieceDetailScreen(row["stock_no"]))

    def action_hold(self) -> None:
        from jeweltui.screens.hold_form import HoldFormScreen

        def placed(hold_id: int | None) -> None:
            if hold_id is not None:
                self.notify(f"Hold #{hold_id} placed for {self.story.get('name', self.code)}.")
                self.query_one(TabbedContent).active = "holds-section"
                self.reload()

        self.app.push_screen(HoldFormScreen(self.code, self.story.get("name", "")), placed)

    def action_release(self) -> None:
        from jeweltui.screens.holds import ConfirmScreen

        self.query_one(TabbedContent).active = "holds-section"
        row = self.selected("holds")
        if row is None:
            self.notify("No hold selected: choose one on the Holds tab.", severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.release(row["hold"])

        question = f"Release hold #{row['hold']} on {row['stock_no']} for {self.story['name']}?"
        self.app.push_screen(ConfirmScreen(question, yes="Release"), answered)

    def release(self, hold_id: int) -> None:
        from jeweltui.services.holds import release_hold

        session = self.app.session

        def job() -> CustomerScreen.Released:
            release_hold(hold_id, staff=staff_row(session))
            return self.Released(hold_id)

        run_db(self, job, group="release", exclusive=False)

    @on(Released)
    def released(self, event: Released) -> None:
        self.notify(f"Hold #{event.hold_id} released.")
        self.reload()
