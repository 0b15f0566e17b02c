"""The name, phone and e-mail fields customers and vendors share, and required text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from jeweltui.errors import InvalidInput
from jeweltui.text import clean_line

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def required(raw: Mapping[str, Any], name: str, label: str) -> str:
    value = clean_line(raw.get(name))
    if not value:
        raise InvalidInput(f"{label} is required.", field=name)
    return value


def clean_contact_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    email = str(raw.get("email") or "").strip()
    if email and not EMAIL.match(email):
        raise InvalidInput(f"'{email}' is not an e-mail address.", field="email")
    return {
        "name": required(raw, "name", "A name"),
        "phone": clean_line(raw.get("phone")),
        "email": email,
    }
