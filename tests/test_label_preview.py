"""Tags in the TUI and the received-tags queue: preview, save, print, `label queue`, envelopes."""

from __future__ import annotations

import csv
import os
import stat
from pathlib import Path

import pytest
import zxingcpp
from click.testing import CliRunner
from PIL import Image
from rich.text import Text
from textual.widgets import Select, Static

from jeweltui.cli import main
from jeweltui.screens.app import make_app
from jeweltui.screens.label_preview import LabelPreviewScreen
from jeweltui.screens.piece_detail import PieceDetailScreen
from jeweltui.screens.pieces import PiecesScreen
from jeweltui.services import workorders as wo
from jeweltui.services.receiving import queue_labels, queued_labels
from jeweltui.services.vendors import create_vendor
from tests.tui_helpers import settle

SIZE = (100, 30)


def decoded(path: Path) -> list[str]:
    with Image.open(path) as image:
        return [r.text for r in zxingcpp.read_barcodes(image)]


@pytest.fixture
def label_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "labels"
    monkeypatch.setenv("JEWELTUI_LABEL_DIR", str(folder))
    return folder


@pytest.fixture
def fake_lp(tmp_path, monkeypatch) -> Path:
    """An `lp` on PATH that records its arguments, as CUPS would receive them."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = bin_dir / "argv.txt"
    lp = bin_dir / "lp"
    lp.write_text(
        f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a" >> "{record}"; done\n'
        'echo "request id is Tags-7 (1 file(s))"\n'
    )
    lp.chmod(lp.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return record


def status_text(screen) -> str:
    return Text.from_markup(str(screen.query_one("#label-status", Static).content)).plain


def captions(screen) -> list[str]:
    return [str(s.content) for s in screen.query(".tag-caption").results(Static)]


async def test_piece_detail_l_previews_the_tag_and_s_saves_a_png_that_scans(
    shop, db_path, label_dir
):
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(PieceDetailScreen("R-000001"))
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        preview = app.screen
        assert isinstance(preview, LabelPreviewScreen)
        assert captions(preview) == ["R-000001  ·  €1,299.00"]
        assert len(preview.shown) == 1 and preview.shown[0].size == (447, 102)  # 2.2"x0.5"
        assert preview.query(".tag-image")  # the picture itself, in half blocks headless
        assert "~" not in status_text(preview) and str(label_dir) in status_text(preview)

        await pilot.press("s")
        await settle(pilot)
    png = label_dir / "R-000001.png"
    assert preview.saved == [png] and png.exists()
    assert decoded(png) == ["R-000001"]
    with Image.open(png) as image:
        assert image.size == (447, 102)


async def test_choosing_300_dpi_and_a_pdf_sheet_saves_one_sheet_for_the_batch(
    shop, db_path, label_dir
):
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(LabelPreviewScreen(["R-000001", "R-000002", "R-000003"]))
        await settle(pilot)
        preview = app.screen
        preview.query_one("#dpi", Select).value = 300
        await settle(pilot)
        assert [image.size for image in preview.shown] == [(660, 150)] * 3
        preview.query_one("#format", Select).value = "pdf"
        await pilot.press("s")
        await settle(pilot)
    assert preview.saved == [label_dir / "tags.pdf"]
    assert sorted(p.name for p in label_dir.iterdir()) == ["tags.pdf"]


async def test_an_unknown_piece_says_so_in_the_preview_and_saves_nothing(shop, db_path, label_dir):
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(LabelPreviewScreen(["R-999999"]))
        await settle(pilot)
        assert "R-999999" in status_text(app.screen)
        await pilot.press("s")
        await settle(pilot)
    assert not label_dir.exists()


async def test_printing_without_cups_is_a_clear_toast_and_the_files_are_kept(
    shop, db_path, label_dir, monkeypatch, tmp_path
):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # no lp anywhere
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(LabelPreviewScreen(["R-000002"]))
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        toasts = [n.message for n in app._notifications]
    assert any("'lp' command (CUPS) is not installed" in t for t in toasts), toasts
    assert (label_dir / "R-000002.png").exists()


async def test_pieces_browser_L_prints_the_received_queue_and_empties_it(
    shop, db_path, label_dir, fake_lp, monkeypatch
):
    monkeypatch.setenv("JEWELTUI_PRINTER", "Counter Zebra")
    queue_labels(["R-000002", "R-000003"])
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, PiecesScreen)
        app.screen.query_one("#pieces").focus()
        await pilot.press("L")
        await settle(pilot)
        preview = app.screen
        assert isinstance(preview, LabelPreviewScreen)
        assert [c.split()[0] for c in captions(preview)] == ["R-000002", "R-000003"]
        await pilot.press("p")
        await settle(pilot)
    argv = fake_lp.read_text().splitlines()
    assert argv[:2] == ["-d", "Counter Zebra"]
    assert argv[-2:] == [str(label_dir / "R-000002.png"), str(label_dir / "R-000003.png")]
    assert queued_labels() == []


async def test_pieces_browser_l_previews_the_piece_under_the_cursor(shop, db_path, label_dir):
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await settle(pilot)
        app.screen.query_one("#pieces").focus()
        await pilot.press("down", "l")
        await settle(pilot)
        assert isinstance(app.screen, LabelPreviewScreen)
        assert captions(app.screen) == ["R-000002  ·  €1,299.00"]


# --------------------------------------------------------------------- the CLI


def run(db_path: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db_path), *args])


def write_invoice(path: Path, count: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Style", "Description", "Category", "Metal", "Karat", "Cost", "Retail"])
        for n in range(1, count + 1):
            writer.writerow([f"ST-{n:03d}", f"Band {n}", "ring", "gold", "14K", "100.00", "250.00"])
    return path


def test_label_queue_renders_what_receiving_queued_and_empties_the_queue(shop, db_path, tmp_path):
    create_vendor({"name": "Goldhaus Berlin"}, staff=shop["owner"])
    invoice = write_invoice(tmp_path / "invoice.csv", 3)
    received = run(db_path, "receive", str(invoice), "--vendor", "V-001", "--location", "L-SAFE")
    assert received.exit_code == 0, received.output
    assert run(db_path, "label", "queue", "--list").output.split() == [
        "R-000004",
        "R-000005",
        "R-000006",
    ]

    out = tmp_path / "tags"
    result = run(db_path, "label", "queue", "--dpi", "300", "--out", str(out))

    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [f"R-00000{n}.png" for n in (4, 5, 6)]
    assert decoded(out / "R-000005.png") == ["R-000005"]
    assert queued_labels() == []
    again = run(db_path, "label", "queue", "--out", str(out))
    assert again.exit_code == 0 and "queue is empty" in again.output


def test_a_failed_print_leaves_the_queue_as_it_was(shop, db_path, tmp_path, monkeypatch):
    queue_labels(["R-000001"])
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    result = run(db_path, "label", "queue", "--out", str(tmp_path), "--print", "Zebra")
    assert result.exit_code != 0 and "CUPS" in result.output
    assert queued_labels() == ["R-000001"]


def test_label_queue_clear_drops_the_queue_without_files(shop, db_path, tmp_path):
    queue_labels(["R-000001", "R-000002"])
    result = run(db_path, "label", "queue", "--clear", "--out", str(tmp_path / "none"))
    assert result.exit_code == 0 and "2 tag(s) dropped" in result.output
    assert queued_labels() == [] and not (tmp_path / "none").exists()


@pytest.mark.parametrize("dpi", ["203", "300"])
def test_label_workorder_makes_an_envelope_per_job_whose_barcode_is_the_wo_code(
    shop, db_path, tmp_path, dpi
):
    jobs = wo.intake(
        [
            wo.JobInput(kind="resize", job="Size 6 to 7", item_description="white gold ring"),
            wo.JobInput(kind="repair", job="Solder link", item_description="gold chain"),
        ],
        wo.TicketInput(customer=shop["customer"], contact_phone="+39 055 123"),
        staff=shop["owner"],
    )
    codes = [job.code for job in jobs]
    out = tmp_path / "env"
    result = run(db_path, "label", "workorder", *codes, "--dpi", dpi, "--out", str(out))
    assert result.exit_code == 0, result.output
    files = sorted(out.iterdir())
    assert [f.name for f in files] == [f"{codes[0]}-1of2.png", f"{codes[1]}-2of2.png"]
    assert [decoded(f) for f in files] == [[codes[0]], [codes[1]]]
    with Image.open(files[0]) as image:  # the 4" x 2" envelope label at the printer's dpi
        assert image.size == ((813, 406) if dpi == "203" else (1200, 600))


def test_label_workorder_with_an_unknown_code_makes_no_files(shop, db_path, tmp_path):
    result = run(db_path, "label", "workorder", "WO-000777", "--out", str(tmp_path / "env"))
    assert result.exit_code != 0 and "No work order WO-000777" in result.output
    assert not (tmp_path / "env").exists()


def test_tags_queued_while_a_batch_was_made_stay_queued(shop):
    from jeweltui.services.labelling import done_with_queue

    queue_labels(["R-000001", "R-000002"])
    queue_labels(["R-000003"])  # received while the first two were printing
    assert done_with_queue(["R-000001", "R-000002"]) == ["R-000003"]
    assert queued_labels() == ["R-000003"]
