"""User text is data: escape sequences, control characters and bidi overrides never get
stored, whichever service takes the text."""

from __future__ import annotations

import pytest

from jeweltui.models import Movement
from jeweltui.models.orders import Incident
from jeweltui.services import holds, incidents, moves, sales
from jeweltui.services import workorders as wo
from jeweltui.text import strip_controls

RED, RESET = "\x1b[31m", "\x1b[0m"
TITLE = "\x1b]0;pwned\x07"  # OSC: sets the terminal's window title
LINK = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"  # OSC 8 hyperlink
RLO = "\u202e"  # right-to-left override: 'gnir' reads as 'ring'


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        (f"{RED}Deposit{RESET} paid", "Deposit paid"),
        (f"{TITLE}Solitaire", "Solitaire"),
        (f"see {LINK} now", "see click now"),
        (f"R-{RLO}100", "R-100"),
        ("c1 \x9b31mcsi", "c1 csi"),
        ("bell\x07 and nul\x00", "bell and nul"),
        ("two\tlines\r\nhere", "two lines here"),
        ("Café Ørsted ½ ct 💍 אב", "Café Ørsted ½ ct 💍 אב"),
    ],
)
def test_strip_controls_removes_whole_sequences_and_keeps_real_letters(raw, stored):
    assert strip_controls(raw) == stored


def test_a_note_keeps_its_lines_but_not_its_escapes():
    assert strip_controls(f"first{RED}\nsecond\tline", keep_lines=True) == "first\nsecond\tline"


def test_every_service_that_stores_text_stores_it_clean(shop, frozen_clock):
    owner, customer, rings = shop["owner"], shop["customer"], shop["rings"]
    hold = holds.place_hold(rings[0], staff=owner, customer=customer, reason=f"{RED}deposit")
    sale = sales.sell_pieces([rings[1].stock_no], staff=owner, note=f"gift{TITLE}\nwrap it")
    moves.move_pieces([rings[2].stock_no], "L-SAFE", staff=owner, reason=f"night {RLO}safe")
    item = wo.JobInput(
        kind="repair",
        job=f"{RED}solder{RESET} shank",
        item_description=f"ring{LINK}",
        condition_notes=f"scratched\nworn{TITLE}",
    )
    ticket = wo.TicketInput(customer=customer, contact_phone=f"+39 {RED}055")
    job = wo.intake([item], ticket, staff=owner)[0]
    incident = incidents.record_oversell(
        rings[1], channel="web", order=None, order_ref="#1", staff=owner
    )
    incidents.resolve_incident(incident.id, staff=owner, note=f"refunded{RED}\nsorry")

    assert Incident.get_by_id(incident.id).resolution == "refunded\nsorry"
    assert hold.reason == "deposit"
    assert sale.note == "gift\nwrap it"
    assert (job.job, job.item_description) == ("solder shank", "ringclick")
    assert (job.condition_notes, job.contact_phone) == ("scratched\nworn", "+39 055")
    reasons = [m.reason for m in Movement.select().order_by(Movement.id)]
    assert "night safe" in reasons
    assert not any("\x1b" in (m.reason + m.note) for m in Movement.select())
