"""Add or edit one stone of a piece: type, shape, carats as typed (0.50ct, 1/2 ct, 50pt),
count, colour, clarity, certificate. The service checks every field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jeweltui.screens.widgets.form import FieldSpec, FormScreen
from jeweltui.services.stones import clean_stone_fields

# (form field, service field, label, placeholder)
STONE_FIELDS = (
    ("type", "Stone type", "diamond, sapphire, …"),
    ("shape", "Shape", "round, oval, cushion, …"),
    ("carat", "Carats (each)", "0.50ct, 1/2 ct, 50pt"),
    ("count", "How many", "1"),
    ("colour", "Colour", "G, blue, …"),
    ("clarity", "Clarity", "VS1, SI2, …"),
    ("cert", "Certificate", "GIA 1234567"),
)


def stone_values(record: Mapping[str, Any]) -> dict[str, str]:
    """A stone_record() as the form shows it."""
    return {
        "type": record["type"],
        "shape": record["shape"],
        "carat": record["carats"],
        "count": str(record["count"]),
        "colour": record["colour"],
        "clarity": record["clarity"],
        "cert": record["cert_no"],
    }


class StoneFormScreen(FormScreen[int | None]):
    """Returns the stone's number on the piece, or None when cancelled."""

    def __init__(self, stock_no: str, stone: Mapping[str, Any] | None = None) -> None:
        super().__init__()
        self.stock_no, self.stone = stock_no, stone
        number = f" {stone['position']}" if stone else ""
        self.TITLE_TEXT = f"{stock_no}: {'edit stone' + number if stone else 'add a stone'}"

    def specs(self) -> list[FieldSpec]:
        shown = stone_values(self.stone) if self.stone else {"count": "1"}
        return [
            FieldSpec(name, label, shown.get(name, ""), hint, required=name == "type")
            for name, label, hint in STONE_FIELDS
        ]

    def check_field(self, name: str, values: Mapping[str, str]) -> None:
        clean_stone_fields({name: values[name]}, partial=True)

    def clean(self, values: Mapping[str, str]) -> None:
        clean_stone_fields(values)

    def save(self, values: Mapping[str, str]) -> int:
        from jeweltui.services.pieces import find_piece
        from jeweltui.services.staff import staff_row
        from jeweltui.services.stones import add_stone, edit_stone

        piece, staff = find_piece(self.stock_no), staff_row(self.app.session)
        if self.stone is None:
            return add_stone(piece, values, staff=staff).position
        return edit_stone(piece, self.stone["position"], values, staff=staff).position
