"""The shop session every screen reads: who is acting with which rights, and the settings."""

from __future__ import annotations

import subprocess
import sys

import pytest

from jeweltui.errors import UnknownCode
from jeweltui.models import Setting
from jeweltui.rights import SEE_COST
from jeweltui.services.session import open_session
from jeweltui.services.staff import create_staff, staff_row
from jeweltui.session import ActingStaff, ShopSettings


def test_no_badge_acts_as_the_owner_who_sees_cost(shop, db_path):
    session = open_session(db_path)
    assert session.staff == ActingStaff("S-OWNER", "Owner", "owner", frozenset({SEE_COST}))
    assert session.can(SEE_COST) and session.staff_problem == ""
    assert staff_row(session).code == "S-OWNER"


def test_a_sales_assistant_does_not_see_cost(shop, db_path):
    create_staff("S-ANNA", "Anna", "sales", staff=shop["owner"])
    session = open_session(db_path, staff="anna")  # typed without the prefix, as at a till
    assert session.staff is not None and session.staff.code == "S-ANNA"
    assert not session.can(SEE_COST)


def test_an_unknown_badge_acts_as_nobody_and_every_change_is_refused(shop, db_path):
    session = open_session(db_path, staff="S-NOBODY")
    assert session.staff is None and not session.can(SEE_COST)
    assert "S-NOBODY" in session.staff_problem
    with pytest.raises(UnknownCode, match="S-NOBODY"):
        staff_row(session)


def test_settings_come_from_the_shop_unless_given(shop, db_path):
    assert open_session(db_path).settings == ShopSettings()
    Setting.create(key="shop_name", value="Gioielleria Rossi")
    Setting.create(key="timezone", value="Europe/Rome")
    settings = open_session(db_path).settings
    assert (settings.shop_name, settings.timezone, settings.currency) == (
        "Gioielleria Rossi",
        "Europe/Rome",
        "EUR",
    )
    given = ShopSettings(currency="CHF")
    assert open_session(db_path, settings=given).settings is given


def test_the_session_module_does_not_load_textual():
    code = "import sys, jeweltui.session; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
