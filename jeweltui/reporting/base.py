"""What every report shares: the period it covers and the shape of its answer."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from jeweltui import clock
from jeweltui.errors import InvalidInput

DEFAULT_DAYS = 90


@dataclass(frozen=True)
class Period:
    """From `start` (inclusive) to `end` (inclusive), both aware UTC datetimes."""

    start: datetime
    end: datetime

    @property
    def days(self) -> float:
        return (self.end - self.start).total_seconds() / 86400

    @property
    def weeks(self) -> float:
        return self.days / 7

    @classmethod
    def parse(cls, start: str | None = None, end: str | None = None) -> Period:
        """--from D --to D as local calendar days: from the start of D to the end of D.
        Without --to, up to now; without --from, the 90 days before the end."""
        stop = _day(end, end_of_day=True) if end else clock.now()
        begin = _day(start, end_of_day=False) if start else stop - timedelta(days=DEFAULT_DAYS)
        if begin >= stop:
            raise InvalidInput("The period must start before it ends.", field="from")
        return cls(begin, stop)


def _day(text: str, *, end_of_day: bool) -> datetime:
    """A calendar day in the shop's zone: its first moment, or its last."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"'{text}' is not a date like 2026-05-03.", field="date") from None
    start, next_midnight = clock.day_bounds(day)
    return next_midnight - timedelta(microseconds=1) if end_of_day else start


@dataclass
class Report:
    name: str
    title: str
    formula: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    def record(self) -> dict[str, Any]:
        return {
            "report": self.name,
            "title": self.title,
            "formula": self.formula,
            "summary": self.summary,
            "rows": self.rows,
        }


def ratio(numerator: float, denominator: float, digits: int = 4) -> float | None:
    """numerator / denominator, or None when there is nothing to divide by."""
    return None if not denominator else round(numerator / denominator, digits)


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None
