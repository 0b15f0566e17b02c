"""Photos of pieces, kept in a private media folder beside the shop database.

`shop.db` keeps its photos in `shop.db.media/` (mode 0700, files 0600), so a backup of
both is two siblings. Photo 1 is the main photo: the piece's image_path points at it, so
the piece screen and the channel feeds show it. Files are copied, never moved.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput, UnknownCode
from jeweltui.models import Piece, Staff, database_proxy
from jeweltui.models.quantity import Photo
from jeweltui.services import ledger

MAX_BYTES = 25 * 1024 * 1024
SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif", "TIFF": ".tif"}


def media_dir_for(db_file: str | os.PathLike) -> Path:
    path = Path(db_file)
    return path.with_name(f"{path.name}.media")


def media_dir(*, create: bool = False) -> Path:
    folder = media_dir_for(database_proxy.obj.database)
    if create and not folder.exists():
        folder.mkdir(mode=0o700, parents=True)
        os.chmod(folder, 0o700)  # whatever the umask says
    return folder


def _check_image(path: Path) -> str:
    """The file's suffix by what it really is; a clear message for anything else."""
    from PIL import Image, UnidentifiedImageError  # only when adding photos: keeps CLI fast

    if not path.is_file():
        raise InvalidInput(f"No photo file at {path}.", field="photo")
    if path.stat().st_size > MAX_BYTES:
        raise InvalidInput(f"{path.name} is larger than 25 MB.", field="photo")
    try:
        with Image.open(path) as image:
            image.verify()
            kind = image.format or ""
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise InvalidInput(
            f"{path.name} is not a photo (JPEG, PNG, WebP).", field="photo"
        ) from None
    if kind not in SUFFIXES:
        raise InvalidInput(f"{path.name} is a {kind} image; use JPEG, PNG or WebP.", field="photo")
    return SUFFIXES[kind]


def add_photos(piece: Piece, files: list[str | os.PathLike], *, staff: Staff | None) -> list[Photo]:
    """Copy the files into the media folder and attach them in order: all or none."""
    sources = [Path(f).expanduser() for f in files]
    if not sources:
        raise InvalidInput("Name at least one photo file.", field="photo")
    suffixes = [_check_image(source) for source in sources]
    folder = media_dir(create=True)
    copied: list[Path] = []
    try:
        for source, suffix in zip(sources, suffixes, strict=True):
            target = folder / f"{piece.stock_no}-{uuid.uuid4().hex[:10]}{suffix}"
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            with os.fdopen(fd, "wb") as out, source.open("rb") as data:
                shutil.copyfileobj(data, out)
            copied.append(target)
        with write_transaction():
            made = _attach(piece, copied, sources, staff)
    except BaseException:
        for path in copied:  # nothing half-done: no stray files without a record
            path.unlink(missing_ok=True)
        raise
    return made


def _attach(piece: Piece, copied: list[Path], sources: list[Path], staff) -> list[Photo]:
    current = Piece.get_by_id(piece.id)
    last = Photo.select().where(Photo.piece == current).order_by(Photo.position.desc()).first()
    position = last.position if last else 0
    made = []
    for target, source in zip(copied, sources, strict=True):
        position += 1
        made.append(
            Photo.create(
                piece=current,
                position=position,
                file_name=target.name,
                original_name=source.name,
                added_at=clock.now(),
            )
        )
        ledger.record(
            "photo_add",
            staff=staff,
            piece=current,
            after={"position": position, "file": target.name, "from": source.name},
            ref=("photo", made[-1].id),
        )
    _point_at_main(current)
    return made


def _point_at_main(piece: Piece) -> None:
    main = Photo.select().where(Photo.piece == piece).order_by(Photo.position).first()
    image = str(media_dir() / main.file_name) if main else ""
    Piece.update(image_path=image).where(Piece.id == piece.id).execute()


def remove_photo(piece: Piece, number: int, *, staff: Staff | None) -> None:
    """Take photo NUMBER off a piece; the next one up becomes main if it was photo 1."""
    with write_transaction():
        photo = Photo.get_or_none((Photo.piece == piece) & (Photo.position == number))
        if photo is None:
            raise UnknownCode(f"{piece.stock_no} has no photo {number}.")
        Photo.delete().where(Photo.id == photo.id).execute()
        later = Photo.select().where((Photo.piece == piece) & (Photo.position > number))
        for other in later.order_by(Photo.position):
            Photo.update(position=other.position - 1).where(Photo.id == other.id).execute()
        ledger.record(
            "photo_remove",
            staff=staff,
            piece=piece,
            before={"position": number, "file": photo.file_name},
            ref=("photo", photo.id),
        )
        _point_at_main(piece)
    (media_dir() / photo.file_name).unlink(missing_ok=True)


def photos_of(piece: Piece) -> list[dict]:
    folder = media_dir()
    return [
        {"position": p.position, "file": str(folder / p.file_name), "original": p.original_name}
        for p in Photo.select().where(Photo.piece == piece).order_by(Photo.position)
    ]


def copy_media(db_file: str | os.PathLike, target_db: str | os.PathLike) -> Path | None:
    """The media folder beside a backup (or a restore): private, like the database."""
    source, target = media_dir_for(db_file), media_dir_for(target_db)
    if not source.is_dir():
        return None
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    os.chmod(target, 0o700)
    for path in target.iterdir():
        os.chmod(path, 0o600)
    return target
