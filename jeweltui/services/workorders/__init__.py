"""Work orders: intake at the counter, the status flow at the bench, completion and appraisals.

The sections live in their own modules (intake, flow, appraisals, reads). This package
is their public face: the CLI, the screens, the job documents and the tests import the
names from here, so a caller never needs to know which section a name lives in.
"""

from jeweltui.services.workorders.appraisals import appraise, latest_appraisal
from jeweltui.services.workorders.flow import (
    BOARD_ORDER,
    FLOW,
    NEEDS_REASON,
    allowed_next,
    assign,
    bench_location,
    change_status,
    complete,
    default_next,
    find_work_order,
    is_open,
    last_status_before_hold,
    vendor_location,
    words,
)
from jeweltui.services.workorders.intake import WORK_KINDS, JobInput, TicketInput, intake
from jeweltui.services.workorders.reads import (
    BoardRow,
    board,
    days_in_stage,
    is_overdue,
    list_work_orders,
    overdue,
    stone_words,
    ticket_words,
    timeline,
    work_order_record,
)

__all__ = [
    "BOARD_ORDER",
    "FLOW",
    "NEEDS_REASON",
    "BoardRow",
    "JobInput",
    "TicketInput",
    "WORK_KINDS",
    "allowed_next",
    "appraise",
    "assign",
    "bench_location",
    "board",
    "change_status",
    "complete",
    "days_in_stage",
    "default_next",
    "find_work_order",
    "intake",
    "is_open",
    "is_overdue",
    "last_status_before_hold",
    "latest_appraisal",
    "list_work_orders",
    "overdue",
    "stone_words",
    "ticket_words",
    "timeline",
    "vendor_location",
    "words",
    "work_order_record",
]
