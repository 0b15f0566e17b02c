"""One piece: its photo, every attribute, its state in words and its whole history."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.table import Table
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, Static

from jeweltui.money import format_money
from jeweltui.rights import SEE_COST
from jeweltui.screens.workers import JobDone, run_db
from jeweltui.services.piece_pages import PieceDetail, piece_detail
from jeweltui.units import format_weight

HISTORY_COLUMNS = (("When", 16), ("Who", 10), ("What", 26), ("Why", 16))
STONE_COLUMNS = (("#", 2), ("Stone", 10), ("Shape", 8), ("Ct", 6), ("×", 3), ("Col", 5),
                 ("Clar", 5), ("Certificate", 16))  # fmt: skip


def photo_widget(path: str) -> Widget:
    """The photo through textual-image (terminal graphics or half blocks); the path if not."""
    file = Path(path)
    if not file.is_file():
        return Static(f"[dim]photo not found:\n{path}[/]", id="photo")
    try:
        from textual_image.widget import Image

        return Image(file, id="photo")
    except Exception:  # no terminal graphics, no image library: the path still helps
        return Static(f"[dim]photo: {path}[/]", id="photo")


def attribute_grid(record: dict) -> Table:
    """Label/value pairs two to a row, so everything fits on an 80×24 screen."""
    money = record["currency"]
    pairs = [
        ("Stock no", record["stock_no"]),
        ("SKU", record["sku"]),
        ("Category", record["category"].replace("_", " ")),
        ("Status", record["status"].replace("_", " ")),
        (
            "Metal",
            " ".join(
                filter(None, [f"{record['karat']}K" if record["karat"] else "", record["metal"]])
            ),
        ),
        ("Colour", record["colour"]),
        ("Ring size", record["ring_size"]),
        ("Weight", format_weight(record["metal_mg"])),
        ("Price", format_money(record["retail_cents"], money)),
        ("Cost", format_money(record["cost_cents"], money) if "cost_cents" in record else "—"),
        ("Vendor", record["vendor"]),
        ("Ownership", record["ownership"].replace("_", " ")),
        ("Location", f"{record['location']} {record['location_name']}"),
        ("Codes", ", ".join(record["codes"])),
        ("Tag", record["tag_summary"]),
        ("Style", record["style"]),
    ]
    grid = Table.grid(padding=(0, 1))
    for _ in range(2):
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(ratio=1)
    for left, right in zip(pairs[0::2], pairs[1::2] + [("", "")], strict=False):
        grid.add_row(*left, *right)
    return grid


class PieceDetailScreen(Screen):
    CSS_PATH = "piece_detail.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "edit", "Edit"),
        Binding("r", "refresh_piece", "Reload"),
        Binding("l", "label", "Label"),
        Binding("s", "add_stone", "Add stone"),
        Binding("ctrl+e", "edit_stone", "Edit stone"),
        Binding("delete", "remove_stone", "Remove stone"),
        Binding("a", "as_at", "As at…"),
    ]

    @dataclass
    class Loaded(JobDone):
        detail: PieceDetail

    @dataclass
    class AsAtRead(JobDone):
        words: str

    def __init__(self, stock_no: str) -> None:
        super().__init__()
        self.stock_no = stock_no
        self.detail: PieceDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="title")
        yield Static("", id="state")
        with Horizontal(id="top"):
            yield Static("", id="attributes")
        yield Static("Stones", id="stones-label", classes="section")
        yield DataTable(id="stones", cursor_type="row", zebra_stripes=True)
        yield Static("", id="as-at", markup=False)
        yield Static("History", id="history-label", classes="section")
        yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#history", DataTable)
        for label, width in HISTORY_COLUMNS:
            table.add_column(label, width=width)
        stones = self.query_one("#stones", DataTable)
        for label, width in STONE_COLUMNS:
            stones.add_column(label, width=width)
        table.focus()
        self.action_refresh_piece()

    def action_refresh_piece(self) -> None:
        stock_no, with_cost = self.stock_no, self.app.session.can(SEE_COST)
        run_db(
            self, lambda: self.Loaded(piece_detail(stock_no, with_cost=with_cost)), group="piece"
        )

    @on(Loaded)
    def show(self, event: Loaded) -> None:
        detail = self.detail = event.detail
        record = detail.record
        self.query_one("#title", Static).update(f"[b]{record['stock_no']}[/]  {record['title']}")
        self.query_one("#state", Static).update(record["state"])
        self.query_one("#attributes", Static).update(attribute_grid(record))
        top = self.query_one("#top", Horizontal)
        for old in top.query("#photo"):
            old.remove()
        if detail.image_path:
            top.mount(photo_widget(detail.image_path))
        self.show_stones(record["stones"])
        table = self.query_one("#history", DataTable)
        table.clear()
        table.add_rows(
            (
                row["at"],
                row["who"],
                row["what"],
                " ".join(filter(None, [row["reason"], row["note"]])),
            )
            for row in detail.history
        )
        self.query_one("#history-label", Static).update(f"History ({len(detail.history)})")

    def show_stones(self, stones: list[dict]) -> None:
        table = self.query_one("#stones", DataTable)
        table.clear()
        for s in stones:
            cells = (s["position"], s["type"], s["shape"], s["carats"].removesuffix("ct"))
            cells += (s["count"], s["colour"], s["clarity"], s["cert_no"])
            table.add_row(*cells, key=str(s["position"]))
        words = "s: add  ·  ^e: edit  ·  Del: remove"
        self.query_one("#stones-label", Static).update(f"Stones ({len(stones)})  ·  {words}")

    def chosen_stone(self) -> dict | None:
        table = self.query_one("#stones", DataTable)
        if self.detail is None or not table.row_count:
            self.notify("No stone chosen: Tab to the stones table first.", severity="warning")
            return None
        return self.detail.record["stones"][table.cursor_row]

    def action_add_stone(self) -> None:
        from jeweltui.screens.stone_form import StoneFormScreen

        self.app.push_screen(StoneFormScreen(self.stock_no), self.stone_saved)

    def action_edit_stone(self) -> None:
        from jeweltui.screens.stone_form import StoneFormScreen

        stone = self.chosen_stone()
        if stone is not None:
            self.app.push_screen(StoneFormScreen(self.stock_no, stone), self.stone_saved)

    def stone_saved(self, number: int | None) -> None:
        if number:
            self.notify(f"Stone {number} saved.")
            self.action_refresh_piece()

    def action_remove_stone(self) -> None:
        from jeweltui.screens.holds import ConfirmScreen

        stone = self.chosen_stone()
        if stone is None:
            return
        number = stone["position"]

        session = self.app.session

        def remove() -> PieceDetailScreen.StoneRemoved:
            from jeweltui.services.pieces import find_piece
            from jeweltui.services.staff import staff_row
            from jeweltui.services.stones import remove_stone

            remove_stone(find_piece(self.stock_no), number, staff=staff_row(session))
            return self.StoneRemoved(number)

        def answered(yes: bool | None) -> None:
            if yes:
                run_db(self, remove, group="stone")

        question = (
            f"Remove stone {number} ({stone['type']} {stone['carats']}) from {self.stock_no}?"
        )
        self.app.push_screen(ConfirmScreen(question, yes="Remove"), answered)

    @dataclass
    class StoneRemoved(JobDone):
        number: int

    @on(StoneRemoved)
    def stone_removed(self, event: StoneRemoved) -> None:
        self.notify(f"Stone {event.number} removed.")
        self.action_refresh_piece()

    def action_edit(self) -> None:
        if self.detail is None:
            return
        if self.detail.record["status"] != "in_stock":
            self.notify(
                f"{self.stock_no} is {self.detail.record['status']}; it cannot be edited.",
                severity="warning",
            )
            return
        from jeweltui.screens.piece_form import PieceFormScreen

        def edited(stock_no: str | None) -> None:
            if stock_no:
                self.notify(f"{stock_no} saved.")
                self.action_refresh_piece()

        self.app.push_screen(PieceFormScreen(self.detail.record), edited)

    def action_label(self) -> None:
        from jeweltui.screens.label_preview import LabelPreviewScreen

        self.app.push_screen(LabelPreviewScreen([self.stock_no]))

    def action_as_at(self) -> None:
        from jeweltui.screens.as_at import AsAtScreen

        self.app.push_screen(AsAtScreen(), self._show_as_at)

    def _show_as_at(self, text: str | None) -> None:
        if not text:
            return
        stock_no = self.stock_no

        def read():
            from jeweltui.services.history_at import parse_moment, piece_at, words_at
            from jeweltui.services.pieces import find_piece

            return self.AsAtRead(words_at(piece_at(find_piece(stock_no), parse_moment(text))))

        run_db(self, read, group="as-at")

    @on(AsAtRead)
    def show_as_at(self, event: AsAtRead) -> None:
        line = self.query_one("#as-at", Static)
        line.update(event.words)
        line.display = True
