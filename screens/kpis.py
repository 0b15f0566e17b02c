"""The KPI dashboard: the few figures that say whether the stock can be trusted, with plots.

Figures and formulas come from jeweltui.reporting (the same as `jeweltui report`).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual_plotext import PlotextPlot

from jeweltui.money import format_money
from jeweltui.reporting.dashboard import WEEKS_SHOWN, Dashboard, dashboard
from jeweltui.screens.workers import JobDone, run_db

TILES = (
    ("value", "Owned stock at cost"),
    ("memo", "Memo & consignment"),
    ("sell", "Sell-through 90 d"),
    ("accuracy", "Count accuracy"),
    ("stockouts", "Stockout rate"),
    ("oversells", "Oversells 90 d"),
)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


class KpiScreen(Screen):
    CSS_PATH = "kpis.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("r", "refresh_kpis", "Refresh"),
    ]

    @dataclass
    class Loaded(JobDone):
        figures: Dashboard

    def compose(self) -> ComposeResult:
        yield Header()
        with Grid(id="kpi-tiles"):
            for name, title in TILES:
                tile = Static("…", id=name, classes="kpi", markup=False)
                tile.border_title = title
                yield tile
        with Horizontal(id="kpi-plots"):
            yield PlotextPlot(id="weekly")
            yield PlotextPlot(id="aging")
        yield Footer()

    def on_mount(self) -> None:
        self.action_refresh_kpis()

    def action_refresh_kpis(self) -> None:
        run_db(self, lambda: self.Loaded(dashboard()), group="kpis")

    @on(Loaded)
    def show(self, event: Loaded) -> None:
        figures = self.figures = event.figures
        words = {
            "value": format_money(figures.owned_cost_cents),
            "memo": format_money(figures.memo_cost_cents),
            "sell": percent(figures.sell_through),
            "accuracy": percent(figures.accuracy),
            "stockouts": percent(figures.stockout_rate),
            "oversells": f"{figures.oversells}"
            + (
                f" · fix {figures.median_hours_to_fix:g} h"
                if figures.median_hours_to_fix is not None
                else ""
            ),
        }
        for name, text in words.items():
            self.query_one(f"#{name}", Static).update(text)
        weeks = list(range(-WEEKS_SHOWN + 1, 1))  # 0 is this week
        self._bars(
            "weekly", f"Pieces sold a week ({WEEKS_SHOWN} weeks)", weeks, figures.weekly_sold
        )
        # Fixed ticks: left to itself plotext picks different ones from one draw to the next.
        self.query_one("#weekly", PlotextPlot).plt.xticks(weeks[::3] + [0])
        self._bars(
            "aging", "Pieces by days in stock", list(figures.aging), list(figures.aging.values())
        )

    def _bars(self, name: str, title: str, labels: list, values: list[int]) -> None:
        widget = self.query_one(f"#{name}", PlotextPlot)
        plot = widget.plt
        plot.clear_data()
        plot.clear_figure()
        plot.title(title)
        plot.bar(labels, values)
        widget.refresh()
