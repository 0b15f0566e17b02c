"""Forms for the records pieces refer to: locations, customers, vendors."""

from __future__ import annotations

from collections.abc import Mapping

from jeweltui.errors import InvalidInput
from jeweltui.screens.widgets.form import FieldSpec, FormScreen
from jeweltui.services.contacts import clean_contact_fields
from jeweltui.services.customers import create_customer
from jeweltui.services.locations import LOCATION_KINDS, clean_location_fields, create_location
from jeweltui.services.staff import staff_row
from jeweltui.services.vendors import create_vendor


def _only(name: str, check, values: Mapping[str, str]) -> None:
    """Run a whole-record check but let only this field's complaint through."""
    try:
        check(values)
    except InvalidInput as error:
        if error.field == name:
            raise


class LocationFormScreen(FormScreen[str | None]):
    """Returns the new location's code, or None."""

    CSS_PATH = "people_forms.tcss"
    TITLE_TEXT = "New location"

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec("code", "Code", "", "e.g. L-CASE-C", required=True),
            FieldSpec("name", "Name", "", "e.g. Case C (window)", required=True),
            FieldSpec("kind", "Kind", "case", options=[(k, k) for k in LOCATION_KINDS]),
            FieldSpec(
                "sellable",
                "Sellable",
                "",
                options=[("yes", "yes"), ("no", "no")],
                placeholder="as its kind",
            ),
        ]

    def _raw(self, values: Mapping[str, str]) -> dict:
        raw = dict(values)
        raw["sellable"] = {"yes": True, "no": False}.get(values.get("sellable", ""))
        return raw

    def check_field(self, name: str, values: Mapping[str, str]) -> None:
        _only(name, clean_location_fields, self._raw(values))

    def clean(self, values: Mapping[str, str]) -> None:
        clean_location_fields(self._raw(values))

    def save(self, values: Mapping[str, str]) -> str:
        return create_location(self._raw(values), staff=staff_row(self.app.session)).code


class CustomerFormScreen(FormScreen[str | None]):
    """Returns the new customer's code, or None."""

    CSS_PATH = "people_forms.tcss"
    TITLE_TEXT = "New customer"

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec("name", "Name", "", "e.g. Maria Rossi", required=True),
            FieldSpec("phone", "Phone", "", "e.g. +39 055 123"),
            FieldSpec("email", "E-mail", "", "e.g. maria@example.com"),
            FieldSpec("notes", "Notes", "", "e.g. ring size 6.5, likes rose gold"),
        ]

    def check_field(self, name: str, values: Mapping[str, str]) -> None:
        _only(name, clean_contact_fields, values)

    def clean(self, values: Mapping[str, str]) -> None:
        clean_contact_fields(values)

    def save(self, values: Mapping[str, str]) -> str:
        return create_customer(values, staff=staff_row(self.app.session)).code


class VendorFormScreen(FormScreen[str | None]):
    """Returns the new vendor's code, or None."""

    CSS_PATH = "people_forms.tcss"
    TITLE_TEXT = "New vendor"

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec("name", "Name", "", "e.g. Aurora Fine Jewelry", required=True),
            FieldSpec("code", "Code", "", "blank: next free V-…"),
            FieldSpec("contact", "Contact", "", "e.g. Luca Bianchi"),
            FieldSpec("phone", "Phone", ""),
            FieldSpec("email", "E-mail", ""),
            FieldSpec("terms", "Terms", "", "e.g. net 30"),
            FieldSpec("lead_time_days", "Lead time days", "", "e.g. 14"),
        ]

    def check_field(self, name: str, values: Mapping[str, str]) -> None:
        _only(name, clean_contact_fields, values)
        value = values.get(name, "").strip()
        if name == "lead_time_days" and value and not value.isdigit():
            raise InvalidInput("Lead time is a whole number of days.", field=name)

    def clean(self, values: Mapping[str, str]) -> None:
        clean_contact_fields(values)
        self.check_field("lead_time_days", values)

    def save(self, values: Mapping[str, str]) -> str:
        return create_vendor(values, staff=staff_row(self.app.session)).code
