"""Photos: copied into a private media folder beside the database, first is main, removed
one by one, and part of `db backup`."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from click.testing import CliRunner
from PIL import Image

from jeweltui.cli import main
from jeweltui.models import Movement


def cli(db_path: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db_path), *args], env={"JEWELTUI_STAFF": ""})


def run(db_path: Path, *args: str) -> str:
    result = cli(db_path, *args)
    assert result.exit_code == 0, result.output
    return result.output


def photo(path: Path, colour: str) -> Path:
    Image.new("RGB", (40, 30), colour).save(path)
    return path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_photos_are_private_copies_first_is_main_and_backed_up(shop, db_path, tmp_path):
    front = photo(tmp_path / "front.jpg", "gold")
    side = photo(tmp_path / "side.png", "silver")
    out = run(db_path, "piece", "photo", "add", "R-000001", str(front), str(side))
    assert "Photo 1: front.jpg  (main)" in out
    media = db_path.with_name("shop.db.media")
    assert mode(media) == 0o700
    files = sorted(media.iterdir())
    assert len(files) == 2 and all(mode(f) == 0o600 for f in files)
    shown = json.loads(run(db_path, "piece", "show", "R-000001", "--json"))
    assert [p["original"] for p in shown["photos"]] == ["front.jpg", "side.png"]
    assert shown["image_path"] == shown["photos"][0]["file"]
    assert Image.open(shown["image_path"]).getpixel((1, 1)) == Image.open(front).getpixel((1, 1))

    backup = tmp_path / "backup.db"
    assert "Photos copied" in run(db_path, "db", "backup", str(backup))
    backed = backup.with_name("backup.db.media")
    assert sorted(p.name for p in backed.iterdir()) == [f.name for f in files]
    assert mode(backed) == 0o700

    run(db_path, "piece", "photo", "remove", "R-000001", "1")
    shown = json.loads(run(db_path, "piece", "show", "R-000001", "--json"))
    assert [p["original"] for p in shown["photos"]] == ["side.png"]
    assert shown["image_path"] == shown["photos"][0]["file"]  # side is main now
    assert len(list(media.iterdir())) == 1
    actions = [m.action for m in Movement.select().where(Movement.action.startswith("photo"))]
    assert actions == ["photo_add", "photo_add", "photo_remove"]


def test_a_file_that_is_not_a_photo_adds_nothing(shop, db_path, tmp_path):
    good = photo(tmp_path / "good.jpg", "gold")
    bad = tmp_path / "notes.jpg"
    bad.write_text("not an image")
    result = cli(db_path, "piece", "photo", "add", "R-000001", str(good), str(bad))
    assert result.exit_code != 0 and "notes.jpg is not a photo" in result.output
    media = db_path.with_name("shop.db.media")
    assert not media.exists() or not list(media.iterdir())
    missing = cli(db_path, "piece", "photo", "add", "R-000001", str(tmp_path / "nope.jpg"))
    assert missing.exit_code != 0 and "No photo file" in missing.output
    gone = cli(db_path, "piece", "photo", "remove", "R-000001", "3")
    assert gone.exit_code != 0 and "no photo 3" in gone.output
