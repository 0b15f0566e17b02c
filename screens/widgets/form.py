"""The pieces every form is made of: a field with its error line, and a modal that
validates with the service's own clean_* function, saves in a worker, and returns a value.

Subclasses list their fields and say how to check and how to save; Escape cancels and
changes nothing, Ctrl+S saves, an error shows under the field it names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from jeweltui.errors import InvalidInput, JewelError
from jeweltui.screens.workers import JobDone, JobFailed, run_db

T = TypeVar("T")


@dataclass(frozen=True)
class FieldSpec:
    name: str  # the service's field name, so InvalidInput.field finds it
    label: str
    value: str = ""
    placeholder: str = ""
    options: list[tuple[str, str]] | None = None  # a Select when given
    required: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class FormField(Vertical):
    """A label, its input, and the line where its error appears."""

    DEFAULT_CSS = """
    FormField {
        height: auto;
    }
    FormField > Horizontal {
        height: 1;
    }
    FormField Label {
        width: 16;
        color: $text-muted;
    }
    FormField Input, FormField Select {
        width: 1fr;
    }
    FormField .error {
        display: none;
        color: $error;
        padding-left: 16;
    }
    FormField.invalid .error {
        display: block;
    }
    FormField.invalid Label {
        color: $error;
    }
    """

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(id=f"field-{spec.name}")
        self.spec = spec

    def compose(self) -> ComposeResult:
        spec = self.spec
        with Horizontal():
            yield Label(spec.label + (" *" if spec.required else ""))
            if spec.options is not None:
                yield Select(
                    spec.options,
                    value=spec.value or Select.NULL,
                    prompt=spec.placeholder or "choose…",
                    compact=True,
                    id=spec.name,
                )
            else:
                yield Input(spec.value, placeholder=spec.placeholder, compact=True, id=spec.name)
        yield Static("", classes="error")

    @property
    def control(self) -> Input | Select:
        return self.query_one(f"#{self.spec.name}")

    @property
    def value(self) -> str:
        control = self.control
        if isinstance(control, Select):
            return "" if control.is_blank() else str(control.value)
        return control.value

    @property
    def error(self) -> str:
        return str(self.query_one(".error", Static).content)

    def show_error(self, message: str) -> None:
        self.query_one(".error", Static).update(message)
        self.set_class(bool(message), "invalid")


class FormScreen(ModalScreen[T], Generic[T]):
    """A modal form. Subclasses give TITLE, specs(), check_field(), clean() and save()."""

    TITLE_TEXT = "Form"
    DEFAULT_CSS = """
    FormScreen {
        align: center middle;
    }
    FormScreen #dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    FormScreen #form-title {
        text-style: bold;
        margin-bottom: 1;
    }
    FormScreen #fields {
        height: auto;
        max-height: 16;
    }
    FormScreen #form-error {
        color: $error;
        height: auto;
    }
    FormScreen #buttons {
        height: 1;
        margin-top: 1;
        align-horizontal: right;
    }
    FormScreen Button {
        margin-left: 2;
    }
    """
    AUTO_FOCUS = "FormField Input, FormField Select"  # the first field, ready to type
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    @dataclass
    class Saved(JobDone):
        """save() returned: the form closes with this value."""

        value: Any

    def specs(self) -> list[FieldSpec]:
        raise NotImplementedError

    def check_field(self, name: str, values: Mapping[str, str]) -> None:
        """Raise InvalidInput if this one field is wrong (called as the user types)."""

    def clean(self, values: Mapping[str, str]) -> None:
        """Raise InvalidInput for the first wrong field (called before saving)."""

    def save(self, values: Mapping[str, str]) -> T:
        """Call the service; runs in a worker thread."""
        raise NotImplementedError

    # ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.TITLE_TEXT, id="form-title")
            with VerticalScroll(id="fields"):
                for spec in self.specs():
                    yield FormField(spec)
            yield Static("", id="form-error")
            with Horizontal(id="buttons"):
                yield Button("Save ^s", variant="primary", compact=True, id="save")
                yield Button("Cancel Esc", compact=True, id="cancel")

    def fields(self) -> list[FormField]:
        return list(self.query(FormField))

    def values(self) -> dict[str, str]:
        return {f.spec.name: f.value for f in self.fields()}

    def field_named(self, name: str | None) -> FormField | None:
        return next((f for f in self.fields() if f.spec.name == name), None)

    def show_error(self, error: JewelError) -> None:
        """The message under its field (focused), or under the form when it names none."""
        where = self.field_named(error.field)
        if where is None:
            self.query_one("#form-error", Static).update(error.message)
            return
        where.show_error(error.message)
        where.control.focus()

    @on(Input.Changed)
    @on(Select.Changed)
    def field_changed(self, event: Input.Changed | Select.Changed) -> None:
        name = event.control.id
        where = self.field_named(name)
        if where is None:
            return
        try:
            self.check_field(name, self.values())
        except InvalidInput as error:
            where.show_error(error.message if error.field in (None, name) else "")
        else:
            where.show_error("")

    @on(Input.Submitted)
    def next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        for where in self.fields():
            where.show_error("")
        self.query_one("#form-error", Static).update("")
        values = self.values()
        try:
            self.clean(values)
        except InvalidInput as error:
            self.show_error(error)
            return
        run_db(self, lambda: self.Saved(self.save(values)), group="save")

    @on(Saved)
    def saved(self, event: Saved) -> None:
        self.dismiss(event.value)

    @on(JobFailed)
    def save_failed(self, event: JobFailed) -> None:
        """The service refused: its message under the field it names (the toast follows)."""
        self.show_error(event.error)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
