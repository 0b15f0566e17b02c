"""Home: today's picture of the shop. Every tile is a list; Enter opens what it counts."""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from jeweltui import clock
from jeweltui.channels.config import last_run_words
from jeweltui.screens.widgets.filter_bar import Filters
from jeweltui.screens.workers import JobDone, run_db
from jeweltui.services.home import HomeSummary, home_summary

TILES = (
    ("locations", "In stock by location", (("Location", 11), ("Name", 13), ("Pieces", 6))),
    ("categories", "In stock by category", (("Category", 16), ("Pieces", 7))),
    ("holds", "Holds expiring today", (("Until", 5), ("Stock no", 9), ("For", 16))),
    ("jobs", "Work orders and exports", (("What", 12), ("", 19))),
)


def read_home() -> HomeSummary:
    """The stock picture from the services, with the last channel export beside it."""
    return replace(home_summary(), last_export=last_run_words())


class HomeScreen(Screen):
    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("r", "refresh_home", "Refresh"),
        Binding("n", "new_piece", "New piece"),
        Binding("k", "kpis", "KPIs"),
        Binding("f11", "app.open_area('count')", "Count"),
    ]

    @dataclass
    class Loaded(JobDone):
        summary: HomeSummary

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="today")
        with Grid(id="tiles"):
            for name, title, _ in TILES:
                table = DataTable(id=name, cursor_type="row", classes="tile")
                table.border_title = title
                yield table
        yield Footer()

    def on_mount(self) -> None:
        for name, _, columns in TILES:
            table = self.query_one(f"#{name}", DataTable)
            for label, width in columns:
                table.add_column(label, width=width)
        self.query_one("#locations", DataTable).focus()
        self.action_refresh_home()

    def action_kpis(self) -> None:
        from jeweltui.screens.kpis import KpiScreen

        self.app.push_screen(KpiScreen())

    def on_screen_resume(self) -> None:
        self.action_refresh_home()

    def action_refresh_home(self) -> None:
        run_db(self, lambda: self.Loaded(read_home()), group="home")

    @on(Loaded)
    def show(self, event: Loaded) -> None:
        summary = self.summary = event.summary
        today = clock.format_local(clock.now())
        ending = len(summary.holds_today)
        holds = "1 hold ends" if ending == 1 else f"{ending} holds end"
        self.query_one("#today", Static).update(
            f"[b]{summary.in_stock:,}[/] pieces in stock  ·  {holds} today  ·  {today}"
        )
        self._fill(
            "locations", [(r["code"], r["name"], f"{r['pieces']:,}") for r in summary.by_location]
        )
        self._fill("categories", [(c.replace("_", " "), f"{n:,}") for c, n in summary.by_category])
        self._fill("holds", [(h["until"], h["stock_no"], h["who"]) for h in summary.holds_today])
        jobs = [
            ("Overdue jobs", f"{summary.overdue_work_orders}"),
            ("Last export", summary.last_export or "no exports yet"),
        ]
        if summary.counts_due:  # only once cycle counts are scheduled
            jobs.append(("Counts due", " ".join(summary.counts_due)))
        self._fill("jobs", jobs)

    def _fill(self, name: str, rows: list[tuple[str, ...]]) -> None:
        table = self.query_one(f"#{name}", DataTable)
        cursor = table.cursor_row
        table.clear()
        table.add_rows(rows)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1), animate=False)

    # ------------------------------------------------------------ where tiles lead

    @on(DataTable.RowSelected)
    def open_tile_row(self, event: DataTable.RowSelected) -> None:
        table, row = event.data_table, event.cursor_row
        summary: HomeSummary | None = getattr(self, "summary", None)
        if summary is None:
            return
        from jeweltui.screens.pieces import PiecesScreen

        if table.id == "locations" and row < len(summary.by_location):
            code = summary.by_location[row]["code"]
            self.app.push_screen(PiecesScreen(Filters(location=code, status="in_stock")))
        elif table.id == "categories" and row < len(summary.by_category):
            category = summary.by_category[row][0]
            self.app.push_screen(PiecesScreen(Filters(category=category, status="in_stock")))
        elif table.id == "holds" and row < len(summary.holds_today):
            from jeweltui.screens.piece_detail import PieceDetailScreen

            self.app.push_screen(PieceDetailScreen(summary.holds_today[row]["stock_no"]))
        elif table.id == "jobs":
            self.app.action_open_area("workorders" if row == 0 else "channels")

    def action_new_piece(self) -> None:
        from jeweltui.screens.piece_form import PieceFormScreen

        self.app.push_screen(PieceFormScreen(), lambda _: self.action_refresh_home())
