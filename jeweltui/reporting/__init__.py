"""Reports the shop trusts its stock by: each a function of a period, with its formula.

Every report returns a Report: rows of plain values (money in cents), the columns to
show, a one-line summary and the formula it was computed by, so the CLI (`jeweltui
report NAME`), its --json/--csv output and the KPI screen all say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable

from jeweltui.errors import InvalidInput
from jeweltui.reporting.base import Period, Report
from jeweltui.reporting.items import forecast_error, stockouts, weeks_of_supply
from jeweltui.reporting.quality import accuracy, oversells, turnaround
from jeweltui.reporting.selling import sell_through, turnover
from jeweltui.reporting.stock import aging, value

REPORTS: dict[str, Callable[[Period], Report]] = {
    "value": value,
    "aging": aging,
    "turnover": turnover,
    "sell-through": sell_through,
    "weeks-of-supply": weeks_of_supply,
    "stockouts": stockouts,
    "oversells": oversells,
    "accuracy": accuracy,
    "turnaround": turnaround,
    "forecast-error": forecast_error,
}


def run_report(name: str, period: Period) -> Report:
    if name not in REPORTS:
        raise InvalidInput(f"No report '{name}'; one of: {', '.join(REPORTS)}.", field="report")
    return REPORTS[name](period)


__all__ = ["REPORTS", "Period", "Report", "run_report"]
