"""`jeweltui scan`: the headless scan station, driven through a pipe like a real one."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner
from scan_helpers import add_rings, ledger_count, random_junk, where

from jeweltui.cli import main

CLI = [sys.executable, "-c", "from jeweltui.cli import main; main()"]


def station(db_path, lines: list[str] | bytes, *args: str) -> tuple[int, list[str]]:
    """Run the station in-process (CliRunner): exit code and the lines it printed."""
    data = lines if isinstance(lines, bytes) else "".join(f"{line}\n" for line in lines)
    result = CliRunner().invoke(main, ["--db", str(db_path), "scan", *args], input=data)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output.splitlines()


def test_a_thousand_codes_through_a_pipe_move_and_answer_line_by_line(shop, db, db_path, tmp_path):
    codes = add_rings(shop["owner"], 999)
    scans = tmp_path / "scans.txt"
    scans.write_text("\n".join(["L-CASE-B", *codes, "L-CASE-B"]) + "\n")
    before = ledger_count()
    with scans.open("rb") as stdin:
        run = subprocess.run(
            [*CLI, "--db", str(db_path), "scan", "--reason", "restock"],
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert run.returncode == 0, run.stderr
    out = run.stdout.splitlines()
    assert len(out) == 1001
    assert out[0].startswith("L-CASE-B  destination Case B")
    assert out[1] == f"{codes[0]}  Band 0  Safe → Case B"
    assert out[-1] == "L-CASE-B  moved 999 to Case B"
    assert ledger_count() == before + 999
    assert {where(code) for code in codes} == {"L-CASE-B"}


def test_malformed_lines_are_reported_by_line_number(shop, db_path):
    data = b"L-SAFE\nR-000001\n\xff\xfeR-2\nR-0\x1b[2J\n" + b"R" * 100 + b"\nNOPE\nL-SAFE\n"
    code, out = station(db_path, data)
    assert code == 1
    assert out[2] == "ERROR line 3: malformed input: bytes that are not text"
    assert out[3] == "ERROR line 4: malformed input: control characters"
    assert out[4].startswith("ERROR line 5: malformed input: 100 characters")
    assert out[5] == "ERROR line 6: unknown code NOPE"
    assert out[6] == "L-SAFE  moved 1 to Safe"  # the good scans still move
    assert where("R-000001") == "L-SAFE"


def test_scanner_noise_and_terminators_are_accepted(shop, db_path):
    code, out = station(db_path, b"  *l-safe*\t\r\nr-000001\r\n\n")
    assert code == 0
    assert out[-1] == "L-SAFE  moved 1 to Safe"
    assert where("R-000001") == "L-SAFE"


def test_pieces_first_then_the_location_then_an_empty_line(shop, db_path):
    code, out = station(db_path, ["R-000001", "R-000002", "L-CASE-B", "", "R-000003"])
    assert code == 1  # R-000003 is left with nowhere to go
    assert out[0] == "R-000001  Solitaire ring 1  Case A → (pending)"
    assert out[3] == "L-CASE-B  moved 2 to Case B"
    assert out[-1] == ("ERROR end of input: nothing committed: 1 scanned pieces have no location")
    assert [where(f"R-00000{n}") for n in (1, 2, 3)] == ["L-CASE-B", "L-CASE-B", "L-CASE-A"]


def test_at_end_of_input_a_pending_batch_with_a_location_is_moved(shop, db_path):
    code, out = station(db_path, ["L-SAFE", "R-000001", "r-000001"])
    assert code == 0
    assert out[2] == "R-000001 already scanned"
    assert out[-1] == "L-SAFE  moved 1 to Safe"
    assert where("R-000001") == "L-SAFE"


def test_no_bell_when_the_output_is_not_a_terminal(shop, db_path):
    code, out = station(db_path, ["BOGUS"])
    assert code == 1 and out == ["ERROR line 1: unknown code BOGUS"]


def test_ten_thousand_random_lines_each_get_a_clean_error(shop, db, db_path, tmp_path):
    junk = random_junk(10_000)
    scans = tmp_path / "junk.txt"
    scans.write_bytes(("\n".join(junk) + "\n").encode("utf-8", errors="surrogatepass"))
    before = ledger_count()
    with scans.open("rb") as stdin:
        run = subprocess.run(
            [*CLI, "--db", str(db_path), "scan"],
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and run.stderr == ""
    out = run.stdout.splitlines()
    assert len(out) == 10_000
    assert all(line.startswith(f"ERROR line {n}: ") for n, line in enumerate(out, start=1))
    assert ledger_count() == before
