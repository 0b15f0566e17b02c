"""Put a piece on hold for one customer: stock number, hours, why. A refusal shows at the field."""

from __future__ import annotations

from collections.abc import Mapping

from jeweltui.errors import InvalidInput, JewelError
from jeweltui.screens.widgets.form import FieldSpec, FormScreen
from jeweltui.services import holds
from jeweltui.services.customers import find_customer
from jeweltui.services.pieces import find_piece
from jeweltui.services.staff import staff_row


def hours_from(text: str) -> float | None:
    """'' means the shop's default; otherwise a positive number of hours."""
    text = text.strip()
    if not text:
        return None
    try:
        hours = float(text.replace(",", "."))
    except ValueError:
        raise InvalidInput(f"'{text}' is not a number of hours, e.g. 48.", field="hours") from None
    if hours <= 0:
        raise InvalidInput("A hold must last more than 0 hours.", field="hours")
    return hours


class HoldFormScreen(FormScreen[int | None]):
    """Returns the new hold's id, or None when cancelled."""

    TITLE_TEXT = "Put a piece on hold"

    def __init__(self, customer_code: str, customer_name: str = "") -> None:
        super().__init__()
        self.customer_code = customer_code
        self.TITLE_TEXT = f"Put a piece on hold for {customer_name or customer_code}"

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec("stock_no", "Stock no", "", "scan or type, e.g. R-000012", required=True),
            FieldSpec("hours", "Hours", "", "blank: the shop's default (48)"),
            FieldSpec("reason", "Why", "", "e.g. coming back Saturday with her sister"),
        ]

    def check_field(self, name: str, values: Mapping[str, str]) -> None:
        if name == "hours":
            hours_from(values.get("hours", ""))

    def clean(self, values: Mapping[str, str]) -> None:
        if not values.get("stock_no", "").strip():
            raise InvalidInput("Scan or type the piece's stock number.", field="stock_no")
        hours_from(values.get("hours", ""))

    def save(self, values: Mapping[str, str]) -> int:
        staff = staff_row(self.app.session)
        customer = find_customer(self.customer_code)
        try:
            piece = find_piece(values["stock_no"])
            hold = holds.place_hold(
                piece,
                staff=staff,
                customer=customer,
                hours=hours_from(values.get("hours", "")),
                reason=values.get("reason", "").strip(),
            )
        except JewelError as error:
            if error.field:
                raise
            # "on hold for A. Bianchi until 12 Dec", "sold": the piece is what is wrong.
            raise type(error)(error.message, field="stock_no") from error
        return hold.id
