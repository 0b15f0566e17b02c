"""Appraisals of a job's item: value, date, metal and stones, and who appraised it."""

from __future__ import annotations

from jeweltui import clock
from jeweltui.db import write_transaction
from jeweltui.errors import InvalidInput
from jeweltui.models import Staff
from jeweltui.models.workorders import (
    Appraisal,
    WorkOrder,
)
from jeweltui.services import ledger
from jeweltui.services.workorders.flow import find_work_order
from jeweltui.text import clean_line


def appraise(
    code: str,
    *,
    value_cents: int,
    appraiser: Staff,
    metal_description: str,
    stone_description: str = "",
    staff: Staff | None,
) -> Appraisal:
    """Record an appraisal of the job's item: value, date, metal and stones, appraiser."""
    if value_cents < 0:
        raise InvalidInput("An appraised value cannot be negative.", field="value")
    if not metal_description.strip():
        raise InvalidInput("Describe the metal (e.g. '18K yellow gold, tested').", field="metal")
    with write_transaction():
        job = find_work_order(code)
        if not stone_description.strip() and job.piece_id:
            stone_description = piece_stones_text(job.piece)
        made = Appraisal.create(
            work_order=job,
            appraised_value_cents=value_cents,
            currency=job.currency,
            appraised_at=clock.now(),
            metal_description=clean_line(metal_description),
            stone_description=clean_line(stone_description),
            appraiser=appraiser,
        )
        ledger.record(
            "wo_appraise",
            staff=staff,
            after={"value_cents": value_cents, "appraiser": appraiser.code},
            ref=("work_order", job.id),
        )
    return made


def piece_stones_text(piece) -> str:
    """A stock piece's stones as the appraisal lists them: 'diamond, round, 0.50ct; …'."""
    from jeweltui.services.stones import stone_line, stones_of

    return "; ".join(stone_line(stone) for stone in stones_of(piece))


def latest_appraisal(job: WorkOrder) -> Appraisal | None:
    return (
        Appraisal.select(Appraisal, Staff)
        .join(Staff)
        .where(Appraisal.work_order == job)
        .order_by(Appraisal.id.desc())
        .first()
    )
