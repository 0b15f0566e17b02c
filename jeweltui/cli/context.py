"""What every command shares: which database, who is acting, how to print."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from jeweltui.config import resolve_db_path
from jeweltui.text import strip_controls

_C1 = re.compile(r"[\x7f-\x9f]")


@dataclass
class Shop:
    """Opened lazily: `jeweltui --help` must not touch the database."""

    db_option: str | None = None
    staff_code: str | None = None
    _opened: bool = field(default=False, repr=False)
    _member: Any = field(default=None, repr=False)

    @property
    def db_path(self) -> Path:
        return resolve_db_path(self.db_option)

    def open(self, *, create: bool = False):
        from jeweltui.db import open_database

        db = open_database(self.db_path, create=create)
        self._opened = True
        return db

    def staff(self):
        """The acting staff member: --staff, then JEWELTUI_STAFF, then the owner's badge.

        Whoever runs the CLI owns the file (0600), so the default member needs no PIN;
        naming a member with more rights than the default needs that member's PIN.
        """
        from jeweltui.cli.approval import confirm_stronger_member
        from jeweltui.services.staff import DEFAULT_STAFF_CODE, find_staff

        if not self._opened:
            self.open()
        if self._member is None:
            member = find_staff(self.staff_code)
            if member.code != DEFAULT_STAFF_CODE:
                confirm_stronger_member(member, find_staff(DEFAULT_STAFF_CODE))
            self._member = member
        return self._member


pass_shop = click.make_pass_decorator(Shop)


def emit_json(data: Any) -> None:
    # JSON escapes C0 controls itself; C1 controls (a one-byte CSI) are escaped here.
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True)
    click.echo(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def emit_table(rows: list[dict[str, Any]], columns: list[str]) -> None:
    """A plain aligned table a person reads in a terminal (never a control character)."""
    rows = [{c: strip_controls(str(r.get(c, ""))) for c in columns} for r in rows]
    if not rows:
        click.echo("(nothing)")
        return
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in columns}
    click.echo("  ".join(c.upper().ljust(widths[c]) for c in columns).rstrip())
    for row in rows:
        click.echo("  ".join(str(row.get(c, "")).ljust(widths[c]) for c in columns).rstrip())


def emit(rows: list[dict[str, Any]], columns: list[str], as_json: bool) -> None:
    if as_json:
        emit_json(rows)
    else:
        emit_table(rows, columns)


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
