"""What every import shares: a report of each row's fate, dry runs, category words."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from jeweltui.csvfile import RowProblem
from jeweltui.db import write_transaction
from jeweltui.errors import JewelError
from jeweltui.models import database_proxy

log = logging.getLogger(__name__)

CATEGORY_WORDS = (
    ("engagement", "engagement_ring"),
    ("wedding", "wedding_band"),
    ("band", "wedding_band"),
    ("ring", "ring"),
    ("earring", "earrings"),
    ("stud", "earrings"),
    ("hoop", "earrings"),
    ("pendant", "pendant"),
    ("charm", "pendant"),
    ("necklace", "necklace"),
    ("chain", "necklace"),
    ("bracelet", "bracelet"),
    ("bangle", "bracelet"),
    ("watch", "watch"),
    ("brooch", "brooch"),
)


def category_from_text(*texts: str) -> str:
    """'Apparel & Accessories > Jewelry > Rings' -> 'ring'; first text that names one wins."""
    for text in texts:
        last = (text or "").split(">")[-1].lower()
        for word, category in CATEGORY_WORDS:
            if re.search(rf"\b{word}", last):
                return category
    return "other"


@dataclass
class Created:
    line: int
    stock_no: str
    title: str
    note: str = ""


@dataclass
class ImportReport:
    dry_run: bool
    created: list[Created] = field(default_factory=list)
    skipped: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "created": [c.__dict__ for c in self.created],
            "skipped": [{"line": p.line, "reason": p.reason} for p in self.skipped],
            "notes": [{"line": p.line, "reason": p.reason} for p in self.notes],
        }


class _DryRun(Exception):
    """Raised at the end of a dry run so the whole transaction rolls back."""


def run_import(
    rows: Iterable[tuple[int, Any]],
    import_row: Callable[[int, Any, ImportReport], None],
    *,
    dry_run: bool,
) -> ImportReport:
    """Import row by row in one transaction; a refused row rolls back alone and is reported.

    A dry run does exactly the same work, then rolls everything back: what it shows is what
    a real run would create, stock numbers included.
    """
    report = ImportReport(dry_run=dry_run)
    try:
        with write_transaction():
            for line, row in rows:
                try:
                    with database_proxy.obj.atomic():
                        import_row(line, row, report)
                except JewelError as error:
                    report.notes = [n for n in report.notes if n.line != line]
                    report.skipped.append(RowProblem(line, error.message))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    if report.skipped and not dry_run:
        first = report.skipped[0]
        log.warning(
            "import skipped %d rows (first: line %d, %s)",
            len(report.skipped),
            first.line,
            first.reason,
        )
    return report
