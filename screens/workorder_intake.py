"""The counter's intake form: one item, one job. Errors show at the field that is wrong.

Typed text is parsed here (amounts, weight, stones, dates) and every rule of the job is
the service's own: `workorders.intake` refuses before it writes, naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from jeweltui import clock
from jeweltui.errors import InvalidInput, JewelError
from jeweltui.money import parse_money
from jeweltui.screens.widgets.form import FieldSpec, FormScreen
from jeweltui.services import workorders as svc
from jeweltui.services.customers import find_customer
from jeweltui.services.staff import staff_row

_WEIGHT = re.compile(r"^(?P<number>\d+(?:[.,]\d+)?)\s*(?P<unit>mg|g)?$", re.IGNORECASE)
# The service names some fields differently from the form: point its errors at ours.
FIELD_OF = {"stone_count": "stones", "stone_shape": "stones", "stone_colour": "stones"}
MONEY_FIELDS = {
    "declared_value_cents": "declared value",
    "estimate_cents": "estimate",
    "deposit_cents": "deposit",
}


def weight_mg(text: str) -> int | None:
    """'3.2 g', '3.2g' or a bare '3.2' are grams; '3200 mg' is milligrams."""
    text = text.strip()
    if not text:
        return None
    match = _WEIGHT.match(text)
    if not match:
        raise InvalidInput(f"'{text}' is not a weight; type 3.2 g or 3200 mg.", field="weight_mg")
    number = float(match["number"].replace(",", "."))
    if (match["unit"] or "g").lower() == "mg":
        if number != int(number):
            raise InvalidInput("Milligrams are whole numbers.", field="weight_mg")
        return int(number)
    return round(number * 1000)


def stones(text: str) -> tuple[int | None, str, str]:
    """'3 round white' -> (3, 'round', 'white'); 'none' or '0' -> (0, '', '')."""
    text = text.strip()
    if not text:
        return None, "", ""
    if text.lower() in ("none", "no", "0"):
        return 0, "", ""
    count, _, rest = text.partition(" ")
    if not count.isdigit():
        raise InvalidInput(
            "Start with how many stones, e.g. '3 round white' (counted, not identified).",
            field="stones",
        )
    shape, _, colour = rest.strip().partition(" ")
    return int(count), shape, colour.strip()


def parse_job(values: Mapping[str, str]) -> svc.JobInput:
    """The form's text as the service's JobInput; a bad value raises at its field."""
    count, shape, colour = stones(values.get("stones", ""))
    amounts = {
        name: parse_money(values[name], field=name, label=label) if values.get(name) else None
        for name, label in MONEY_FIELDS.items()
    }
    return svc.JobInput(
        kind=values.get("kind", ""),
        job=values.get("job", ""),
        piece=values.get("piece", "").strip(),
        item_description=values.get("item_description", "").strip(),
        metal=values.get("metal", "").strip(),
        purity=values.get("purity", "").strip(),
        weight_mg=weight_mg(values.get("weight_mg", "")),
        stone_count=count,
        stone_shape=shape,
        stone_colour=colour,
        condition_notes=values.get("condition_notes", "").strip(),
        declared_value_cents=amounts["declared_value_cents"],
        estimate_cents=amounts["estimate_cents"],
        deposit_cents=amounts["deposit_cents"] or 0,
    )


class IntakeFormScreen(FormScreen[list[str] | None]):
    """Returns the new WO- codes (one), or None when cancelled."""

    TITLE_TEXT = "Take in a job (one item)"

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec("kind", "Type", "repair", options=[(k, k) for k in svc.WORK_KINDS]),
            FieldSpec("customer", "Customer", "", "code or name; blank for a stock piece"),
            FieldSpec("contact", "Phone / e-mail", "", "blank: the customer's own"),
            FieldSpec("piece", "Stock piece", "", "stock no, or describe their item below"),
            FieldSpec(
                "item_description",
                "Their item",
                "",
                "customer stated… e.g. yellow metal ring, one white stone",
            ),
            FieldSpec("metal", "Metal", "", "'yellow metal' unless certain"),
            FieldSpec("purity", "Purity", "", "'14K stamped' or 'stamp illegible'"),
            FieldSpec("weight_mg", "Weight", "", "3.2 g or 3200 mg, before work"),
            FieldSpec("stones", "Stones", "", "count shape colour, e.g. 3 round white"),
            FieldSpec("condition_notes", "Condition", "", "visible damage, wear, missing stones"),
            FieldSpec("declared_value_cents", "Declared value", "", "e.g. 1,200.00"),
            FieldSpec("job", "Job", "", "what to do, e.g. size 6 to 7", required=True),
            FieldSpec("estimate_cents", "Estimate", "", "e.g. 65.00"),
            FieldSpec("deposit_cents", "Deposit", "", "e.g. 20.00"),
            FieldSpec("promised_at", "Promised", "", "2026-12-01 (18:00) or 2026-12-01T12:00"),
            FieldSpec("rush", "Rush", "no", options=[("no", "no"), ("RUSH", "yes")]),
        ]

    def check_field(self, name: str, values: Mapping[str, str]) -> None:
        """What can be checked without the database, as the user types."""
        text = values.get(name, "")
        if name in MONEY_FIELDS and text.strip():
            parse_money(text, field=name, label=MONEY_FIELDS[name])
        elif name == "weight_mg":
            weight_mg(text)
        elif name == "stones":
            stones(text)
        elif name == "promised_at":
            clock.parse_optional_moment(text, field="promised_at")

    def clean(self, values: Mapping[str, str]) -> None:
        parse_job(values)
        clock.parse_optional_moment(values.get("promised_at", ""), field="promised_at")
        if not values.get("job", "").strip():
            raise InvalidInput("Say what is to be done.", field="job")

    def save(self, values: Mapping[str, str]) -> list[str]:
        try:
            item = parse_job(values)
            ticket = self.ticket(values)
            made = svc.intake([item], ticket, staff=staff_row(self.app.session))
        except JewelError as error:
            raise self.at_field(error) from error
        return [job.code for job in made]

    def ticket(self, values: Mapping[str, str]) -> svc.TicketInput:
        customer = None
        if values.get("customer", "").strip():
            try:
                customer = find_customer(values["customer"])
            except JewelError as error:
                raise InvalidInput(error.message, field="customer") from error
        contact = values.get("contact", "").strip()
        phone, email = ("", contact) if "@" in contact else (contact, "")
        if customer is not None and not contact:
            phone, email = customer.phone, customer.email
        return svc.TicketInput(
            customer=customer,
            contact_phone=phone,
            contact_email=email,
            promised_at=clock.parse_optional_moment(
                values.get("promised_at", ""), field="promised_at"
            ),
            rush=values.get("rush") == "yes",
        )

    @staticmethod
    def at_field(error: JewelError) -> JewelError:
        """The service's error, pointed at the form field it is about."""
        if error.field is None:  # unknown piece, piece not free: the stock piece field
            return type(error)(error.message, field="piece")
        return type(error)(error.message, field=FIELD_OF.get(error.field, error.field))
