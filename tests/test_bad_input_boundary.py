"""Attacks on the input boundary: absurd numbers, markup, control characters, webhook URLs,
a backdated clock. Each is refused with one line and changes nothing, or shown literally."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeweltui.cli import main
from jeweltui.services.vendors import create_vendor

HUGE = "99999999999999999999"


def run(db_path: Path, *args: str, env: dict | None = None):
    return CliRunner().invoke(main, ["--db", str(db_path), *args], env=env)


def snapshot(db_path: Path) -> tuple:
    """Everything a failed command must leave alone: pieces, holds, sales, the ledger."""
    with sqlite3.connect(db_path) as raw:
        return tuple(
            raw.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("piece", "hold", "sale", "movement", "customer", "vendor")
        )


def refused(result) -> str:
    """A refusal: non-zero exit, no traceback, and one 'Error:' line saying why."""
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.output
    assert "unexpected problem" not in errors[0]
    return errors[0]


@pytest.mark.parametrize(
    "args, says",
    [
        (("piece", "edit", "R-000001", "--price", HUGE), "more than 99,999,999.99"),
        (("hold", "add", "R-000001", "--customer", "C-00001", "--hours", "nan"), "real number"),
        (("hold", "add", "R-000001", "--customer", "C-00001", "--hours", "inf"), "real number"),
        (("hold", "add", "R-000001", "--customer", "C-00001", "--hours", "1e9"), "8,784"),
        (("hold", "add", "R-000001", "--customer", "C-00001", "--hours", "-3"), "between 0"),
        (
            ("hold", "add", "R-000001", "--customer", "C-00001", "--until", "0001-01-01"),
            "0001-01-01 is not a date",
        ),
        (("sale", "add", "R-000001", "--discount", "nan%"), "not a percentage"),
        (("sale", "add", "R-000001", "--discount", "inf%"), "not a percentage"),
        (("sale", "add", "R-000001", "--discount", "1e30"), "not an amount"),
        (("sale", "cancel", HUGE), "between 1 and"),
        (("hold", "release", HUGE), "between 1 and"),
        (("sale", "list", "--limit", HUGE), "between 0 and"),
    ],
)
def test_absurd_numbers_are_refused_in_one_line_and_change_nothing(shop, db_path, args, says):
    before = snapshot(db_path)
    line = refused(run(db_path, *args))
    assert says in line
    assert snapshot(db_path) == before


def _invoice(path: Path, weight: str) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Style", "Description", "Category", "Cost", "Retail", "Weight"])
        writer.writerow(["ST-1", "Ring", "ring", "100.00", "250.00", "3.2"])
        writer.writerow(["ST-2", "Ring", "ring", "100.00", "250.00", weight])
    return path


@pytest.mark.parametrize("weight", ["nan", "1e30", "inf", "-1"])
def test_a_packing_list_weight_of_nan_or_1e30_is_a_line_error_not_a_crash(
    shop, db_path, tmp_path, weight
):
    create_vendor({"name": "Goldhaus"}, staff=shop["owner"])
    before = snapshot(db_path)
    invoice = _invoice(tmp_path / "inv.csv", weight)
    result = run(db_path, "receive", str(invoice), "--vendor", "V-001", "--location", "L-SAFE")
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "line 3" in result.output and f"Weight '{weight}'" in result.output  # units module
    assert snapshot(db_path) == before


def test_demo_then_customer_and_vendor_add_work(tmp_path):
    db_path = tmp_path / "demo.db"
    loaded = run(db_path, "demo", "--no-tui")
    assert loaded.exit_code == 0, loaded.output
    added = run(db_path, "customer", "add", "--name", "New Customer")
    assert added.exit_code == 0, added.output
    assert "New Customer" in added.output
    vendor = run(db_path, "vendor", "add", "--name", "New Vendor")
    assert vendor.exit_code == 0, vendor.output


def test_a_stray_jeweltui_now_cannot_backdate_the_ledger(shop, db_path, monkeypatch):
    monkeypatch.delenv("JEWELTUI_TEST_CLOCK", raising=False)
    result = run(db_path, "move", "L-CASE-B", "R-000001", env={"JEWELTUI_NOW": "2020-01-01T00:00"})
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db_path) as raw:
        (at,) = raw.execute("SELECT at FROM movement ORDER BY id DESC LIMIT 1").fetchone()
    assert not at.startswith("2020"), at


def test_escape_and_osc_sequences_in_a_title_never_reach_the_terminal(shop, db_path):
    title = "Ring \x1b]0;pwned\x07[size 6] \x1b[31mred\x9b2J"
    assert run(db_path, "piece", "edit", "R-000001", "--title", title).exit_code == 0
    for args in (("piece", "show", "R-000001"), ("piece", "list"), ("piece", "list", "--json")):
        shown = run(db_path, *args).output
        assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
        assert "[size 6]" in shown and "red" in shown


@pytest.mark.parametrize(
    "url, says",
    [
        ("not a url", "is not a web address"),
        ("file:///etc/passwd", "is not a web address"),
        ("ftp://example.com/x", "is not a web address"),
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://127.0.0.1:8080/hook", "loopback"),
        ("http://192.168.1.10/hook", "private"),
        ("http://localhost/hook", "private"),
    ],
)
def test_webhook_urls_outside_the_public_web_are_refused(shop, db_path, url, says):
    before = snapshot(db_path)
    args = ("channel-export", "set", "web", "--exporter", "json", "--output", "f.json")
    line = refused(run(db_path, *args, "--webhook-url", url))
    assert says in line
    assert snapshot(db_path) == before


def test_a_private_webhook_needs_the_explicit_opt_in(shop, db_path):
    args = ("channel-export", "set", "web", "--exporter", "json", "--output", "f.json")
    url = "http://192.168.1.10/hook"
    result = run(db_path, *args, "--webhook-url", url, "--webhook-private")
    assert result.exit_code == 0, result.output


def test_a_webhook_urls_token_is_never_written_to_the_ledger(shop, db_path):
    token = "XoXb1234567890abcdefSECRET"
    url = f"https://user:pw@hooks.example.com/services/T000/{token}?key=also-secret"
    args = ("channel-export", "set", "web", "--exporter", "json", "--output", "f.json")
    assert run(db_path, *args, "--webhook-url", url).exit_code == 0
    with sqlite3.connect(db_path) as raw:
        ledger = json.dumps(raw.execute("SELECT before, after, note FROM movement").fetchall())
    assert "hooks.example.com/services/T000/***" in ledger
    for secret in (token, "also-secret", "pw@"):
        assert secret not in ledger
