"""Add or edit a piece. Prices are typed as "1,299.00" and saved as cents."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.widgets import Select

from jeweltui.errors import InvalidInput
from jeweltui.rights import SEE_COST
from jeweltui.screens.widgets.form import FieldSpec, FormScreen
from jeweltui.screens.workers import JobDone, run_db
from jeweltui.services.locations import location_choices
from jeweltui.services.pieces import (
    CATEGORIES,
    clean_piece_fields,
    create_piece,
    edit_piece,
    find_piece,
)
from jeweltui.services.staff import staff_row
from jeweltui.services.vendors import vendor_choices

PIECE_FIELDS = (
    "title",
    "sku",
    "category",
    "metal",
    "karat",
    "ring_size",
    "retail_cents",
    "cost_cents",
)


def typed_amount(cents: int | None) -> str:
    """129900 -> '1,299.00': the way the form asks for money."""
    whole, frac = divmod(cents or 0, 100)
    return f"{whole:,}.{frac:02d}"


class PieceFormScreen(FormScreen[str | None]):
    """Returns the stock number saved, or None when cancelled."""

    CSS_PATH = "piece_form.tcss"

    @dataclass
    class Choices(JobDone):
        locations: list[tuple[str, str]]
        vendors: list[tuple[str, str]]

    def __init__(self, record: Mapping[str, Any] | None = None) -> None:
        super().__init__()
        self.record = record  # None: a new piece
        self.TITLE_TEXT = f"Edit {record['stock_no']}  {record['title']}" if record else "New piece"

    @property
    def adding(self) -> bool:
        return self.record is None

    def specs(self) -> list[FieldSpec]:
        r = self.record or {}
        specs = [
            FieldSpec(
                "title", "Title", r.get("title", ""), "e.g. Solitaire ring 0.50ct", required=True
            ),
            FieldSpec("sku", "SKU", r.get("sku", ""), "e.g. RNG-SOL-14Y-65", required=True),
            FieldSpec(
                "category",
                "Category",
                r.get("category", ""),
                options=[(c.replace("_", " "), c) for c in CATEGORIES],
                required=True,
            ),
        ]
        if self.adding:
            specs.append(FieldSpec("location", "Location", options=[], required=True))
        specs += [
            FieldSpec("metal", "Metal", r.get("metal", ""), "e.g. yellow gold"),
            FieldSpec("karat", "Karat", str(r.get("karat") or ""), "e.g. 14"),
            FieldSpec("ring_size", "Ring size", r.get("ring_size", ""), "e.g. 6.5"),
            FieldSpec(
                "retail_cents",
                "Price",
                typed_amount(r["retail_cents"]) if r else "",
                "e.g. 1,299.00",
                required=True,
            ),
        ]
        if self.app.session.can(SEE_COST):
            cost = typed_amount(r.get("cost_cents")) if r else ""
            specs.append(FieldSpec("cost_cents", "Cost", cost, "e.g. 480.00"))
        if self.adding:
            specs.append(FieldSpec("vendor", "Vendor", options=[], placeholder="(none)"))
        else:  # a price change is kept in the ledger with its reason
            specs.append(
                FieldSpec("reason", "Reason", "", "why the price changes, e.g. new gold price")
            )
        return specs

    def on_mount(self) -> None:
        if self.adding:
            run_db(
                self, lambda: self.Choices(location_choices(), vendor_choices()), group="choices"
            )

    @on(Choices)
    def fill_choices(self, event: Choices) -> None:
        self.query_one("#location", Select).set_options(event.locations)
        self.query_one("#vendor", Select).set_options(event.vendors)

    # ------------------------------------------------------------

    def piece_values(self, values: Mapping[str, str]) -> dict[str, str]:
        return {k: v for k, v in values.items() if k in PIECE_FIELDS}

    def check_field(self, name: str, values: Mapping[str, str]) -> None:
        if name in PIECE_FIELDS:
            clean_piece_fields({name: values[name]}, partial=True)

    def clean(self, values: Mapping[str, str]) -> None:
        clean_piece_fields(self.piece_values(values), partial=not self.adding)
        if self.adding and not values.get("location"):
            raise InvalidInput("Choose where the piece is kept.", field="location")

    def save(self, values: Mapping[str, str]) -> str:
        fields = self.piece_values(values)
        staff = staff_row(self.app.session)
        if self.adding:
            piece = create_piece(
                fields,
                location=values["location"],
                vendor=values.get("vendor") or None,
                staff=staff,
            )
            return piece.stock_no
        reason = values.get("reason", "").strip() or "edit"
        piece = edit_piece(find_piece(self.record["stock_no"]), fields, staff=staff, reason=reason)
        return piece.stock_no
