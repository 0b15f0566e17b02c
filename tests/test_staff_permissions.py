"""Attacks by the shop's own people: a sales clerk overriding prices, discounts, retiring,
restoring; guessing PINs; untraceable edits. Refused without a manager's badge and PIN,
allowed with it, and the ledger names both people."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeweltui.cli import main
from jeweltui.models import database_proxy
from jeweltui.services.signin import MAX_TRIES, WrongPin, verify_pin
from jeweltui.services.staff import add_staff

MANAGER_PIN, CLERK_PIN = "2345", "3456"


@pytest.fixture
def staffed(shop, db_path):
    add_staff("S-ANNA", "Anna Lindgren", "manager", MANAGER_PIN, staff=shop["owner"])
    add_staff("S-LUCA", "Luca Moretti", "sales", CLERK_PIN, staff=shop["owner"])
    database_proxy.close()
    return shop


def as_clerk(db_path: Path, *args: str, approval: str | None = None):
    """Luca at the terminal; `approval` is what a manager types when asked (badge, PIN)."""
    return CliRunner().invoke(
        main, ["--db", str(db_path), "--staff", "S-LUCA", *args], input=approval
    )


def last_ledger_row(db_path: Path, action: str) -> tuple[str, str | None, str, str]:
    with sqlite3.connect(db_path) as raw:
        return raw.execute(
            "SELECT s.code, a.code, m.before, m.after FROM movement m "
            "JOIN staff s ON s.id = m.staff_id LEFT JOIN staff a ON a.id = m.approved_by_id "
            "WHERE m.action = ? ORDER BY m.id DESC LIMIT 1",
            (action,),
        ).fetchone()


def ledger_size(db_path: Path) -> int:
    with sqlite3.connect(db_path) as raw:
        return raw.execute("SELECT COUNT(*) FROM movement").fetchone()[0]


def price_of(db_path: Path, stock_no: str) -> int:
    with sqlite3.connect(db_path) as raw:
        return raw.execute(
            "SELECT retail_cents FROM piece WHERE stock_no = ?", (stock_no,)
        ).fetchone()[0]


OVERRIDES = {
    "price change": (
        ("piece", "edit", "R-000001", "--price", "1.00", "--reason", "clearance"),
        "edit",
    ),
    "discount over the limit": (("sale", "add", "R-000002", "--discount", "90%"), "sell"),
    "retire": (("piece", "retire", "R-000003", "--reason", "scrapped"), "retire"),
}


@pytest.mark.parametrize("attack", sorted(OVERRIDES))
def test_a_sales_clerk_override_is_refused_without_a_managers_pin(staffed, db_path, attack):
    args, _ = OVERRIDES[attack]
    before = ledger_size(db_path)
    refused = as_clerk(db_path, *args)  # nobody at the terminal to approve
    assert refused.exit_code != 0
    assert "needs a manager" in refused.output and "no one approved it" in refused.output
    assert "Traceback" not in refused.output
    assert ledger_size(db_path) == before
    assert price_of(db_path, "R-000001") == 129900


@pytest.mark.parametrize("attack", sorted(OVERRIDES))
def test_a_managers_badge_and_pin_approve_the_override_and_the_ledger_names_both(
    staffed, db_path, attack
):
    args, action = OVERRIDES[attack]
    approved = as_clerk(db_path, *args, approval=f"S-ANNA\n{MANAGER_PIN}\n")
    assert approved.exit_code == 0, approved.output
    who, approver, _, _ = last_ledger_row(db_path, action)
    assert (who, approver) == ("S-LUCA", "S-ANNA")


def test_a_clerks_own_pin_or_another_clerks_cannot_approve(staffed, db_path):
    refused = as_clerk(db_path, *OVERRIDES["price change"][0], approval=f"S-LUCA\n{CLERK_PIN}\n")
    assert refused.exit_code != 0 and "may not change a price either" in refused.output
    assert price_of(db_path, "R-000001") == 129900


def test_a_restore_by_a_clerk_needs_a_manager(staffed, db_path, tmp_path):
    backup = tmp_path / "monday.db"
    made = CliRunner().invoke(main, ["--db", str(db_path), "db", "backup", str(backup)])
    assert made.exit_code == 0, made.output
    refused = as_clerk(db_path, "db", "restore", str(backup), "--yes")
    assert refused.exit_code != 0 and "needs a manager" in refused.output
    assert not list(tmp_path.glob("shop.db.replaced-*"))
    approved = as_clerk(
        db_path, "db", "restore", str(backup), "--yes", approval=f"S-ANNA\n{MANAGER_PIN}\n"
    )
    assert approved.exit_code == 0, approved.output
    assert len(list(tmp_path.glob("shop.db.replaced-*"))) == 1


def test_a_clerk_cannot_back_up_the_shop_with_its_costs(staffed, db_path, tmp_path):
    target = tmp_path / "costs.db"
    refused = as_clerk(db_path, "db", "backup", str(target))
    assert refused.exit_code != 0 and "needs a manager" in refused.output
    assert not target.exists()


def test_a_clerk_cannot_add_staff_or_make_themselves_owner(staffed, db_path):
    added = as_clerk(db_path, "staff", "add", "S-EVIL", "--name", "Evil", "--pin", "1111")
    assert added.exit_code != 0 and "needs the owner" in added.output
    promoted = as_clerk(db_path, "staff", "edit", "S-LUCA", "--role", "owner")
    assert promoted.exit_code != 0
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT role FROM staff WHERE code='S-LUCA'").fetchone() == ("sales",)
        assert raw.execute("SELECT COUNT(*) FROM staff WHERE code='S-EVIL'").fetchone() == (0,)


def test_cron_acts_unattended_as_the_default_member(staffed, db_path):
    done = CliRunner().invoke(
        main,
        [
            "--db",
            str(db_path),
            "piece",
            "edit",
            "R-000001",
            "--price",
            "1,350.00",
            "--reason",
            "gold",
        ],
    )
    assert done.exit_code == 0, done.output
    assert last_ledger_row(db_path, "edit")[:2] == ("S-OWNER", None)


def test_a_wrong_pin_is_refused(staffed, db_path):
    refused = as_clerk(db_path, *OVERRIDES["retire"][0], approval="S-ANNA\n0000\n")
    assert refused.exit_code != 0 and "Wrong PIN for S-ANNA" in refused.output
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT status FROM piece WHERE stock_no='R-000003'").fetchone() == (
            "in_stock",
        )


def test_five_wrong_pins_lock_the_badge_even_for_the_right_pin(staffed, db_path, frozen_clock):
    from jeweltui.db import open_database

    open_database(db_path)
    for _ in range(MAX_TRIES):
        with pytest.raises(WrongPin):
            verify_pin("S-ANNA", "0000")
    with pytest.raises(WrongPin, match="locked"):
        verify_pin("S-ANNA", MANAGER_PIN)
    frozen_clock.advance(minutes=16)  # the lock lasts a while, not for ever
    assert verify_pin("S-ANNA", MANAGER_PIN).code == "S-ANNA"


def test_pins_are_kept_only_as_scrypt_hashes(staffed, db_path):
    with sqlite3.connect(db_path) as raw:
        stored = dict(raw.execute("SELECT code, pin_hash FROM staff"))
    assert stored["S-ANNA"].startswith("scrypt$") and MANAGER_PIN not in stored["S-ANNA"]
    assert stored["S-ANNA"] != stored["S-LUCA"]


def test_history_shows_old_and_new_values_and_who_approved(staffed, db_path):
    as_clerk(
        db_path,
        *OVERRIDES["price change"][0],
        "--title",
        "Ring [size 6]",
        approval=f"S-ANNA\n{MANAGER_PIN}\n",
    )
    shown = CliRunner().invoke(main, ["--db", str(db_path), "history", "R-000001", "--json"])
    last = json.loads(shown.output)[-1]
    assert "price €1,299.00 → €1.00" in last["what"]
    assert "title Solitaire ring 1 → Ring [size 6]" in last["what"]
    assert last["who"] == "Luca Moretti, approved by Anna Lindgren"
    assert last["reason"] == "clearance"


def test_a_price_change_without_a_reason_is_refused(staffed, db_path):
    done = CliRunner().invoke(
        main, ["--db", str(db_path), "piece", "edit", "R-000001", "--price", "5"]
    )
    assert done.exit_code != 0 and "Say why the price changes" in done.output
    assert price_of(db_path, "R-000001") == 129900


def test_history_of_staff_customers_and_locations(staffed, db_path):
    CliRunner().invoke(main, ["--db", str(db_path), "staff", "edit", "S-LUCA", "--name", "Luca M."])
    staff = CliRunner().invoke(main, ["--db", str(db_path), "history", "S-LUCA"]).output
    assert "staff member added" in staff and "name Luca Moretti → Luca M." in staff
    for code, words in (("C-00001", "customer added"), ("L-CASE-A", "location added")):
        shown = CliRunner().invoke(main, ["--db", str(db_path), "history", code])
        assert shown.exit_code == 0 and words in shown.output, shown.output


def test_the_last_owner_cannot_be_disabled(staffed, db_path):
    done = CliRunner().invoke(main, ["--db", str(db_path), "staff", "disable", "S-OWNER"])
    assert done.exit_code != 0 and "only owner" in done.output
