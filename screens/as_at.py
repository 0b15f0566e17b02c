"""Asking for a past moment: the date field of a piece's history ("where was it then?")."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class AsAtScreen(ModalScreen[str | None]):
    """Dismisses with the typed date (checked by the caller's service), or None on Escape."""

    DEFAULT_CSS = """
    AsAtScreen { align: center middle; }
    #as-at-box { width: 60; height: auto; border: thick $accent; padding: 1 2; background: $surface; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="as-at-box"):
            yield Static("The piece as it was at (a day alone: at closing time)", markup=False)
            yield Input(id="as-at-date", placeholder="2026-05-03 15:00")

    @on(Input.Submitted, "#as-at-date")
    def chosen(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
