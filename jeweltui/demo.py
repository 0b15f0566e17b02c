"""Loading the demo shop from sample_data/ through the same services staff use."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput
from jeweltui.models import Customer, Piece, Staff
from jeweltui.money import parse_money
from jeweltui.services import holds, items, pieces, workorders
from jeweltui.services.customers import create_customer, find_customer
from jeweltui.services.locations import create_location
from jeweltui.services.pieces import find_piece
from jeweltui.services.sales import sell_pieces
from jeweltui.services.staff import add_staff, edit_staff, ensure_owner, find_staff
from jeweltui.services.styles import create_style
from jeweltui.services.vendors import create_vendor


def sample_dir() -> Path:
    return Path(str(resources.files("jeweltui.sample_data")))


def _rows(folder: Path, name: str) -> Iterator[tuple[int, dict[str, str]]]:
    with open(folder / name, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            yield reader.line_num, row  # the file's own line, right even with quoted newlines


def demo_badges(folder: Path | None = None) -> list[dict[str, str]]:
    """The demo shop's staff with their PINs, for the first sign-in."""
    return [row for _, row in _rows(folder or sample_dir(), "staff.csv")]


def demo_piece_count(folder: Path | None = None) -> int:
    """How many pieces the demo shop has: the length of the progress bar."""
    return sum(1 for _ in _rows(folder or sample_dir(), "pieces.csv"))


def _stones(text: str, certs: dict[int, str] | None = None) -> list[pieces.StoneInput]:
    stones = []
    certs = certs or {}
    for n, part in enumerate(filter(None, text.split(";")), start=1):
        kind, shape, points, count, colour, clarity = (part.split("|") + [""] * 6)[:6]
        stones.append(
            pieces.StoneInput(
                type=kind,
                shape=shape,
                carat_points=int(points or 0),
                count=int(count or 1),
                colour=colour,
                clarity=clarity,
                cert_no=certs.get(n, ""),
            )
        )
    return stones


def _optional_rows(folder: Path, name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """A file newer demo folders have (styles, certificates, unit sales); none is fine."""
    if (folder / name).exists():
        yield from _rows(folder, name)


def load_demo(folder: Path | None = None, progress: Callable[[int], None] | None = None) -> int:
    """Fill an empty shop database with the demo shop; returns the number of pieces.

    All in one transaction: a bad row stops the load with its file and line, and
    nothing partial stays behind.
    """
    folder = folder or sample_dir()
    count = 0
    with write_transaction():
        owner = ensure_owner()
        current = ("", 0)
        try:
            for line_no, row in _rows(folder, "staff.csv"):
                current = ("staff.csv", line_no)
                if row["code"] == "S-OWNER":
                    edit_staff("S-OWNER", pin=row.get("pin") or None, staff=owner, reason="demo")
                else:
                    add_staff(
                        row["code"], row["name"], row["role"], row.get("pin") or None, staff=owner
                    )
            for line_no, row in _rows(folder, "locations.csv"):
                current = ("locations.csv", line_no)
                create_location({**row, "sellable": row["sellable"] == "1"}, staff=owner)
            for line_no, row in _rows(folder, "vendors.csv"):
                current = ("vendors.csv", line_no)
                create_vendor(row, staff=owner)
            for line_no, row in _rows(folder, "customers.csv"):
                current = ("customers.csv", line_no)
                create_customer(row, staff=owner)
            for line_no, row in _optional_rows(folder, "styles.csv"):
                current = ("styles.csv", line_no)
                category = row["category"] if row["category"] in pieces.CATEGORIES else "other"
                create_style({**row, "category": category}, staff=owner)
            certificates: dict[str, dict[int, str]] = {}
            for line_no, row in _optional_rows(folder, "certificates.csv"):
                current = ("certificates.csv", line_no)
                certificates.setdefault(row["stock_no"], {})[int(row["stone"])] = row["cert"]
            sold: list[str] = []
            for line_no, row in _rows(folder, "pieces.csv"):
                current = ("pieces.csv", line_no)
                _load_piece(row, owner, certificates.get(row["stock_no"]))
                if row["status"] == "sold":
                    sold.append(row["stock_no"])
                count += 1
                if progress:
                    progress(count)
            _attach_photos(folder / "photos", owner)
            for line_no, row in _rows(folder, "items.csv"):
                current = ("items.csv", line_no)
                items.create_item(row, staff=owner)
            for line_no, row in _rows(folder, "stock_levels.csv"):
                current = ("stock_levels.csv", line_no)
                items.adjust_quantity(
                    row["sku"],
                    row["location"],
                    int(row["qty"]),
                    staff=owner,
                    reason="opening count",
                )
            for line_no, row in _optional_rows(folder, "unit_sales.csv"):
                current = ("unit_sales.csv", line_no)  # so reorder has a velocity to show
                sell_pieces([], units=[(row["sku"], int(row["qty"]))], staff=owner, note="demo")
            customers = list(Customer.select().order_by(Customer.code))
            for n, stock_no in enumerate(sold):
                current = ("pieces.csv", 0)
                # Spread the demo's past sales over customers, so their histories show.
                buyer = customers[(n * 7) % len(customers)] if customers else None
                sell_pieces([stock_no], staff=owner, customer=buyer, note="demo history")
            for line_no, row in _rows(folder, "holds.csv"):
                current = ("holds.csv", line_no)
                holds.place_hold(
                    find_piece(row["stock_no"]),
                    staff=owner,
                    customer=find_customer(row["customer"]),
                    hours=float(row["hours"]),
                    reason=row["reason"],
                )
            for line_no, ticket in _tickets(folder):
                current = ("workorders.csv", line_no)
                _load_ticket(ticket, owner)
        except (InvalidInput, KeyError, ValueError) as error:
            name, line_no = current
            raise InvalidInput(f"{name} line {line_no}: {error}") from error
    return count


def _load_piece(row: dict[str, str], owner: Staff, certs: dict[int, str] | None) -> Piece:
    fields = {
        key: row[key]
        for key in (
            "sku",
            "category",
            "title",
            "description",
            "metal",
            "karat",
            "colour",
            "ring_size",
            "metal_mg",
        )
    }
    fields.update(
        retail_cents=row["retail"],
        cost_cents=row["cost"],
        ownership=row.get("ownership") or "owned",
    )
    return pieces.create_piece(
        fields,
        location=row["location"],
        staff=owner,
        vendor=row["vendor"] or None,
        stones=_stones(row["stones"], certs),
        extra_codes=[
            (code, "ean" if code.isdigit() else "legacy")
            for code in row["codes"].split(";")
            if code
        ],
        stock_no=row["stock_no"],
        reason="opening stock",
    )


def _tickets(folder: Path) -> Iterator[tuple[int, list[dict[str, str]]]]:
    """workorders.csv rows grouped by ticket: a customer's bag is one intake ("1 of 2")."""
    if not (folder / "workorders.csv").exists():
        return
    bag: list[dict[str, str]] = []
    first = 0
    for line_no, row in _rows(folder, "workorders.csv"):
        if bag and row["ticket"] != bag[0]["ticket"]:
            yield first, bag
            bag = []
        if not bag:
            first = line_no
        bag.append(row)
    if bag:
        yield first, bag


def _cents(text: str) -> int | None:
    return parse_money(text) if text.strip() else None


def _job(row: dict[str, str]) -> workorders.JobInput:
    count, shape, colour = (row["stones"].split("|") + ["", "", ""])[:3]
    return workorders.JobInput(
        kind=row["kind"],
        job=row["job"],
        piece=row["piece"],
        item_description=row["item"],
        metal=row["metal"],
        purity=row["purity"],
        weight_mg=int(row["weight_mg"]) if row["weight_mg"] else None,
        stone_count=int(count) if count else None,
        stone_shape=shape,
        stone_colour=colour,
        condition_notes=row["condition"],
        declared_value_cents=_cents(row["declared_value"]),
        estimate_cents=_cents(row["estimate"]),
        deposit_cents=_cents(row["deposit"]) or 0,
    )


def _promised(days: str) -> datetime:
    """The end of the shop's day (its closing time) so many days from now: -3 is overdue."""
    return clock.closing_time(clock.today() + timedelta(days=int(days)))


def _load_ticket(rows: list[dict[str, str]], owner: Staff) -> None:
    head = rows[0]
    customer = find_customer(head["customer"]) if head["customer"] else None
    made = workorders.intake(
        [_job(row) for row in rows],
        workorders.TicketInput(
            customer=customer,
            contact_phone=customer.phone if customer else "",
            contact_email=customer.email if customer else "",
            promised_at=_promised(head["promised_days"]),
            rush=head["rush"] == "1",
        ),
        staff=owner,
    )
    for job, row in zip(made, rows, strict=True):
        if row["appraised_value"]:
            workorders.appraise(
                job.code,
                value_cents=parse_money(row["appraised_value"], field="appraised value"),
                appraiser=find_staff(row["appraiser"]),
                metal_description=row["appraised_metal"],
                stone_description=row["appraised_stones"],
                staff=owner,
            )


def _attach_photos(photos: Path, owner: Staff) -> None:
    """photos/<STOCK_NO>.png belongs to that piece: the piece screen shows it."""
    for photo in sorted(photos.glob("*.png")):
        pieces.edit_piece(
            find_piece(photo.stem), {"image_path": str(photo)}, staff=owner, reason="photo"
        )
