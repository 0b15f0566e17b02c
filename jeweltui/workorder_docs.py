"""The papers a job makes: bench ticket, claim check, envelope label data, appraisal PDF.

The bench ticket goes into the envelope to the bench: the job, stones and weight, and
never the customer's contact. The claim check is the customer's receipt of their item.
"""

from __future__ import annotations

import importlib.resources
import os
from pathlib import Path

from jeweltui import clock
from jeweltui.errors import InvalidInput
from jeweltui.models.workorders import Appraisal, WorkOrder
from jeweltui.money import format_money
from jeweltui.services.workorders import (
    latest_appraisal,
    stone_words,
    ticket_words,
    words,
)

WIDTH = 42


def _weight(mg: int | None) -> str:
    return "" if mg is None else f"{mg / 1000:.2f} g"


def _lines(pairs: list[tuple[str, str]]) -> list[str]:
    return [f"{label:<11}{value}" for label, value in pairs if value]


def _head(job: WorkOrder, title: str) -> list[str]:
    rush = "  *** RUSH ***" if job.rush else ""
    return [
        title.center(WIDTH),
        "=" * WIDTH,
        f"{job.code}   item {ticket_words(job)}   ticket {job.ticket_no}{rush}",
    ]


def _item(job: WorkOrder) -> list[tuple[str, str]]:
    return [
        ("Stock no", job.piece.stock_no if job.piece_id else ""),
        ("Item", job.item_description),
        ("Metal", " ".join(p for p in (job.metal, job.purity) if p)),
        ("Weight", _weight(job.weight_mg)),
        ("Stones", stone_words(job)),
        ("Condition", job.condition_notes),
    ]


def bench_ticket(job: WorkOrder) -> str:
    """For the jeweler: what to do and what came in. No customer name, phone or e-mail."""
    promised = clock.format_local(job.promised_at) if job.promised_at else ""
    lines = _head(job, "BENCH TICKET")
    lines += _lines(
        [
            ("Type", job.kind),
            ("Job", job.job),
            *_item(job),
            ("Promised", promised),
            ("Assigned", job.assignee.name if job.assignee_id else ""),
            ("Vendor", job.vendor.name if job.vendor_id else ""),
        ]
    )
    lines += ["-" * WIDTH, "Weight after work: ________   QC by: ____"]
    return "\n".join(lines) + "\n"


def claim_check(job: WorkOrder) -> str:
    """For the customer: proof of what they left, what was agreed and when it is promised."""
    money = job.currency
    lines = _head(job, "CLAIM CHECK")
    lines += _lines(
        [
            ("Customer", job.customer.name if job.customer_id else ""),
            ("Received", clock.format_local(job.intake_at)),
            ("Promised", clock.format_local(job.promised_at) if job.promised_at else ""),
            ("Job", job.job),
            *_item(job),
            ("Declared", _money(job.declared_value_cents, money)),
            ("Estimate", _money(job.estimate_cents, money)),
            ("Deposit", _money(job.deposit_cents or None, money)),
            ("Status", words(job.status)),
        ]
    )
    lines += [
        "-" * WIDTH,
        "Bring this check to collect your item.",
        "Descriptions are as seen at the counter;",
        "metals and stones are not tested at intake.",
    ]
    return "\n".join(lines) + "\n"


def _money(cents: int | None, currency: str) -> str:
    return "" if cents is None else format_money(cents, currency)


def envelope_data(job: WorkOrder):
    """The labels engine's envelope data for this job ("1 of 3" from the ticket)."""
    from jeweltui.labels.templates import EnvelopeData

    promised = clock.local(job.promised_at).strftime("%a %d %b %Y") if job.promised_at else ""
    return EnvelopeData(
        job_no=job.code,
        customer=job.customer.name if job.customer_id else "(stock)",
        promised_text=promised + ("  RUSH" if job.rush else ""),
        item_line=(job.piece.stock_no if job.piece_id else job.item_description)[:60],
        job_line=job.job[:60],
        declared_value_text=_money(job.declared_value_cents, job.currency),
        copy_no=job.item_no,
        copies=job.items_in_ticket,
    )


def document_font() -> Path:
    """DejaVu Sans Mono, shipped inside python-barcode: covers €, £ and accented names."""
    path = Path(str(importlib.resources.files("barcode") / "fonts" / "DejaVuSansMono.ttf"))
    if not path.is_file():
        raise InvalidInput(f"The document font is missing ({path}); reinstall python-barcode.")
    return path


def appraisal_pdf(job: WorkOrder, target: str | os.PathLike, shop_name: str = "") -> Path:
    """The customer's appraisal document: value, date, metal, stones, appraiser."""
    appraisal = latest_appraisal(job)
    if appraisal is None:
        raise InvalidInput(
            f"{job.code} has no appraisal yet: jeweltui wo appraise {job.code} --value …",
            field="appraisal",
        )
    return _write_pdf(job, appraisal, Path(target), shop_name)


def _write_pdf(job: WorkOrder, appraisal: Appraisal, target: Path, shop_name: str) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVuMono", fname=str(document_font()))
    pdf.set_font("DejaVuMono", size=16)
    pdf.add_page()
    pdf.cell(0, 10, "Appraisal", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVuMono", size=10)
    if shop_name:
        pdf.cell(0, 6, shop_name, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    value = format_money(appraisal.appraised_value_cents, appraisal.currency)
    rows = [
        ("Work order", f"{job.code} (ticket {job.ticket_no}, item {ticket_words(job)})"),
        ("Owner", job.customer.name if job.customer_id else "(shop stock)"),
        (
            "Item",
            job.piece.stock_no + " " + job.piece.title if job.piece_id else job.item_description,
        ),
        ("Metal", appraisal.metal_description),
        ("Stones", appraisal.stone_description or "none"),
        ("Weight", _weight(job.weight_mg)),
        ("Appraised value", value),
        ("Date", clock.local(appraisal.appraised_at).strftime("%d %B %Y")),
        ("Appraiser", f"{appraisal.appraiser.name} ({appraisal.appraiser.code})"),
    ]
    for label, text in rows:
        pdf.set_font("DejaVuMono", size=10)
        pdf.cell(45, 7, label)
        pdf.multi_cell(0, 7, text or "-", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("DejaVuMono", size=8)
    pdf.multi_cell(
        0,
        5,
        "This appraisal states the estimated retail replacement value of the item described "
        "on the date shown, for insurance purposes. It is not an offer to buy.",
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    pdf.output(str(partial))
    os.replace(partial, target)  # complete or not at all
    return target


def write_papers(job: WorkOrder, folder: str | os.PathLike, dpi: int = 203) -> list[Path]:
    """The three printouts of a job into a folder: bench ticket, claim check, envelope PNG."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (("bench-ticket", bench_ticket(job)), ("claim-check", claim_check(job))):
        path = folder / f"{job.code}-{name}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return [*written, write_envelope(job, folder, dpi)]


def write_envelope(job: WorkOrder, folder: str | os.PathLike, dpi: int = 203) -> Path:
    """The job's envelope label as a PNG at the shop's envelope size."""
    from jeweltui.labels import LabelWriter, envelope_label, load_shop_config, size_book

    size = size_book(load_shop_config(None)).get(None, "envelope")
    writer = LabelWriter("png", Path(folder), batch_name=f"{job.code}-envelope")
    writer.add(envelope_label(envelope_data(job), size, dpi))
    return writer.finish()[0]
