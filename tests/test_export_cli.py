"""Exports from the command line, post-export hooks and the signed webhook."""

from __future__ import annotations

import hashlib
import hmac
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeweltui.channels.config import set_channel_export
from jeweltui.channels.runner import run_channel
from jeweltui.cli import main
from jeweltui.models.exports import ExportRun


@pytest.fixture
def cli(shop, db_path):
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)

    return run


def test_export_format_json_to_a_file(cli, tmp_path):
    target = tmp_path / "stock.json"
    result = cli("export", "--format", "json", "--output", str(target))
    assert result.exit_code == 0, result.output
    assert "wrote 3 pieces (3 available)" in result.output
    data = json.loads(target.read_text("utf-8"))
    assert [p["stock_no"] for p in data["pieces"]] == ["R-000001", "R-000002", "R-000003"]
    runs = json.loads(cli("export", "runs", "--json").output)
    assert [(r["exporter"], r["result"], r["rows"]) for r in runs] == [("json", "ok", 3)]


def test_unknown_format_is_a_clear_error_and_writes_nothing(cli, tmp_path):
    result = cli("export", "--format", "excel", "--output", str(tmp_path / "x.csv"))
    assert result.exit_code == 1
    assert "No exporter called 'excel'" in result.output
    assert not (tmp_path / "x.csv").exists()
    assert ExportRun.select().count() == 0


def test_configured_channel_with_diff_from_the_cli(cli, tmp_path):
    out = tmp_path / "feeds"
    out.mkdir()
    result = cli(
        "channel-export", "set", "google", "--exporter", "google-merchant",
        "--output", str(out / "google-{date}.tsv"), "--url-base", "https://shop.example/p/",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    first = cli("export", "--all", "--diff")
    assert first.exit_code == 0, first.output
    assert "3 added, 0 removed" in first.output
    cli("piece", "sell", "R-000002")
    second = cli("export", "google", "--dry-run", "--diff")
    assert "0 added, 1 removed, 0 quantity and 0 price changes" in second.output
    assert "- R-000002" in second.output
    files = list(out.iterdir())
    assert len(files) == 1 and "R-000002" in files[0].read_text()  # dry run wrote nothing


def test_unknown_channel_exits_non_zero(cli):
    result = cli("export", "etsy")
    assert result.exit_code == 1
    assert "No export is set up for channel 'etsy'" in result.output


HOOK = """import sys, time
from pathlib import Path
Path(sys.argv[1]).write_text("\\n".join(sys.argv[2:]))
if "--hang" in sys.argv:
    time.sleep(30)
print("uploaded")
"""


@pytest.fixture
def hook_script(tmp_path) -> Path:
    script = tmp_path / "upload.py"
    script.write_text(HOOK)
    return script


def test_hook_runs_with_the_file_path_as_an_argument(shop, tmp_path, hook_script):
    seen = tmp_path / "argv.txt"
    target = tmp_path / "feed.json"
    set_channel_export(
        "site",
        {
            "exporter": "json",
            "output": str(target),
            "hook": [sys.executable, str(hook_script), str(seen), "--to", "{file}"],
        },
        staff=shop["owner"],
    )
    outcome = run_channel("site")
    assert seen.read_text().splitlines() == ["--to", str(target)]
    run = ExportRun.get_by_id(outcome.run.id)
    assert (run.result, run.hook_exit) == ("ok", 0)
    assert "uploaded" in run.hook_output


def test_a_hanging_hook_is_stopped_and_recorded_and_the_file_kept(cli, shop, tmp_path, hook_script):
    target = tmp_path / "feed.json"
    set_channel_export(
        "site",
        {
            "exporter": "json",
            "output": str(target),
            "hook": [sys.executable, str(hook_script), str(tmp_path / "a.txt"), "--hang"],
            "hook_timeout_s": 1,
        },
        staff=shop["owner"],
    )
    result = cli("export", "site")
    assert result.exit_code == 2
    assert "Warning: site: the hook" in result.output
    run = ExportRun.get()
    assert (run.result, run.hook_exit) == ("ok", -1)
    assert "timed out after 1 s" in run.hook_output
    assert json.loads(target.read_text())["pieces"]  # the export itself is kept


class Recorder(BaseHTTPRequestHandler):
    received: list[tuple[dict, bytes]] = []

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Recorder.received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    Recorder.received = []
    server = HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/feeds"
    server.shutdown()
    server.server_close()


def test_webhook_summary_is_signed_with_the_shared_secret(shop, tmp_path, receiver, monkeypatch):
    monkeypatch.setenv("SHOP_HOOK_SECRET", "s3cret")
    set_channel_export(
        "site",
        {
            "exporter": "json",
            "output": str(tmp_path / "feed.json"),
            "webhook_url": receiver,
            "webhook_private": True,  # the test's receiver listens on loopback
            "webhook_secret_env": "SHOP_HOOK_SECRET",
        },
        staff=shop["owner"],
    )
    outcome = run_channel("site")
    (headers, body), = Recorder.received  # fmt: skip
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers["X-Jeweltui-Signature"] == expected
    summary = json.loads(body)
    assert (summary["channel"], summary["rows"], summary["sha256"]) == ("site", 3, outcome.sha256)
    assert ExportRun.get_by_id(outcome.run.id).webhook_status == "204"


def test_webhook_without_its_secret_is_not_sent(shop, tmp_path, receiver, monkeypatch):
    monkeypatch.delenv("SHOP_HOOK_SECRET", raising=False)
    set_channel_export(
        "site",
        {
            "exporter": "json",
            "output": str(tmp_path / "feed.json"),
            "webhook_url": receiver,
            "webhook_private": True,  # the test's receiver listens on loopback
            "webhook_secret_env": "SHOP_HOOK_SECRET",
        },
        staff=shop["owner"],
    )
    outcome = run_channel("site")
    assert Recorder.received == []
    assert outcome.problems and "SHOP_HOOK_SECRET" in outcome.problems[0]


def test_a_channels_first_export_creates_its_output_folder(tmp_path):
    from click.testing import CliRunner

    from jeweltui.cli import main

    db = tmp_path / "shop.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--db", str(db), "init"]).exit_code == 0
    target = tmp_path / "exports" / "nightly" / "stock.json"
    result = runner.invoke(
        main, ["--db", str(db), "export", "--format", "json", "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert target.is_file()
