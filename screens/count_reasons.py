"""Asking why, for every difference a count found: one digit key per answer.

Dismisses with {difference key: reason} once every difference has one and the clerk
pressed y, or None on Escape (nothing is written).
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from jeweltui.services.stocktake import REASONS_FOR, Difference


class ReasonsScreen(ModalScreen[dict[str, str] | None]):
    AUTO_FOCUS = None  # digit keys answer; the location box takes focus only when asked
    DEFAULT_CSS = """
    ReasonsScreen { align: center middle; }
    #reasons { width: 70; height: auto; border: thick $accent; padding: 1 2; background: $surface; }
    #reason-where { display: none; }
    """

    def __init__(self, differences: list[Difference]) -> None:
        super().__init__()
        self.differences = list(differences)
        self.reasons: dict[str, str] = {}
        self.position = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="reasons"):
            yield Static(id="reason-question", markup=False)
            yield Static(id="reason-choices", markup=False)
            where = Input(id="reason-where", placeholder="Where is it now? e.g. L-SAFE")
            where.can_focus = False  # until a moved piece asks where it went
            yield where

    def on_mount(self) -> None:
        self._ask()

    @property
    def current(self) -> Difference | None:
        return self.differences[self.position] if self.position < len(self.differences) else None

    def _ask(self) -> None:
        question = self.query_one("#reason-question", Static)
        choices = self.query_one("#reason-choices", Static)
        if self.current is None:
            count = len(self.differences)
            question.update(f"Write {count} adjustment(s) and finish the count?")
            choices.update("y  yes, write them      Escape  not now")
            return
        difference = self.current
        question.update(f"{self.position + 1} of {len(self.differences)}: {difference.words}")
        options = REASONS_FOR[difference.kind]
        choices.update(
            "   ".join(f"{n} {r.replace('_', ' ')}" for n, r in enumerate(options, 1))
            + "      Escape  cancel"
        )

    def on_key(self, event: events.Key) -> None:
        where = self.query_one("#reason-where", Input)
        if event.key == "escape":
            event.stop()
            self.dismiss(None)
            return
        if where.display:
            return  # typing the location of a moved piece
        event.stop()
        if self.current is None:
            if event.key == "y":
                self.dismiss(self.reasons)
            return
        options = REASONS_FOR[self.current.kind]
        if event.character and event.character.isdigit():
            choice = int(event.character) - 1
            if 0 <= choice < len(options):
                self._choose(options[choice])

    def _choose(self, reason: str) -> None:
        if reason == "moved" and self.current.kind == "missing":
            where = self.query_one("#reason-where", Input)
            where.display = where.can_focus = True
            where.focus()
            return
        self.reasons[self.current.key] = reason
        self.position += 1
        self._ask()

    @on(Input.Submitted, "#reason-where")
    def moved_to(self, event: Input.Submitted) -> None:
        event.stop()
        target = event.value.strip()
        if not target:
            return
        event.input.value = ""
        event.input.display = event.input.can_focus = False
        self.set_focus(None)  # digit keys answer the next question again
        self.reasons[self.current.key] = f"moved:{target}"
        self.position += 1
        self._ask()
