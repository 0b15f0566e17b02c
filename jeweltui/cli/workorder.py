"""`jeweltui wo …`: work orders from intake to pickup, appraisals, and their papers."""

from __future__ import annotations

from pathlib import Path

import click

from jeweltui.cli.context import Shop, emit, emit_json, json_option, pass_shop

KINDS = ("repair", "resize", "custom", "appraisal", "cleaning")


def _money(text: str | None, field: str):
    from jeweltui.money import parse_money

    return None if text in (None, "") else parse_money(text, field=field)


@click.group("wo")
def wo() -> None:
    """Work orders: repairs, resizes, custom work, appraisals, cleaning."""


@wo.command("intake")
@click.option("--type", "--kind", "kind", type=click.Choice(KINDS), required=True)
@click.option(
    "--job",
    "jobs",
    multiple=True,
    required=True,
    help="What to do; once for all items or once per --item.",
)
@click.option("--piece", "pieces", multiple=True, help="A stock piece (one job each).")
@click.option(
    "--item",
    "items",
    multiple=True,
    help="A customer's item in cautious words; repeat for a bag (1 of N).",
)
@click.option("--customer", default="", help="Customer code or name.")
@click.option("--phone", default="")
@click.option("--email", default="")
@click.option("--metal", default="", help='"yellow metal" unless certain.')
@click.option("--purity", default="", help='"14K stamped" or "stamp illegible".')
@click.option("--weight-mg", type=click.IntRange(0), default=None)
@click.option("--stone-count", type=click.IntRange(0), default=None)
@click.option("--stone-shape", default="")
@click.option("--stone-colour", default="")
@click.option("--condition", default="", help="Visible damage and condition notes.")
@click.option("--declared-value", default=None)
@click.option("--photo", "photos", multiple=True, help="Photo file path (repeatable).")
@click.option("--estimate", default=None)
@click.option("--deposit", default=None)
@click.option("--promised", default="", help="2026-12-01 (18:00 local) or 2026-12-01T12:00.")
@click.option("--rush", is_flag=True)
@click.option("--assignee", default="", help="Staff badge of the craftsperson.")
@click.option("--vendor", default="", help="Outside vendor (setter, engraver, plater).")
@click.option("--bench", default="", help="Bench location (default: the first bench).")
@json_option
@pass_shop
def wo_intake(shop: Shop, **opts) -> None:
    """Take in a job (or a bag of items as one ticket); prints the new WO- codes."""
    from jeweltui import clock
    from jeweltui.services import workorders as svc
    from jeweltui.services.customers import find_customer
    from jeweltui.services.staff import find_staff
    from jeweltui.services.vendors import find_vendor

    staff = shop.staff()
    jobs = _job_inputs(opts)
    customer = find_customer(opts["customer"]) if opts["customer"] else None
    ticket = svc.TicketInput(
        customer=customer,
        contact_phone=opts["phone"] or (customer.phone if customer else ""),
        contact_email=opts["email"] or (customer.email if customer else ""),
        promised_at=clock.parse_optional_moment(opts["promised"], field="promised_at"),
        rush=opts["rush"],
        assignee=find_staff(opts["assignee"]) if opts["assignee"] else None,
        vendor=find_vendor(opts["vendor"]) if opts["vendor"] else None,
        bench=opts["bench"],
    )
    made = svc.intake(jobs, ticket, staff=staff)
    if opts["as_json"]:
        emit_json([{"code": j.code, "item": svc.ticket_words(j)} for j in made])
        return
    for job in made:
        click.echo(f"{job.code}  {svc.ticket_words(job)}  ticket {job.ticket_no}")


def _job_inputs(opts) -> list:
    from jeweltui.errors import InvalidInput
    from jeweltui.services.workorders import JobInput

    targets = [("piece", p) for p in opts["pieces"]] + [("item", i) for i in opts["items"]]
    if not targets:
        raise InvalidInput("Give --piece CODE for stock or --item 'description' for a customer's.")
    jobs = list(opts["jobs"])
    if len(jobs) == 1:
        jobs *= len(targets)
    if len(jobs) != len(targets):
        raise InvalidInput(
            f"{len(targets)} items but {len(jobs)} --job texts; give one or one each."
        )
    shared = {
        "metal": opts["metal"],
        "purity": opts["purity"],
        "weight_mg": opts["weight_mg"],
        "stone_count": opts["stone_count"],
        "stone_shape": opts["stone_shape"],
        "stone_colour": opts["stone_colour"],
        "condition_notes": opts["condition"],
        "declared_value_cents": _money(opts["declared_value"], "declared value"),
        "photos": list(opts["photos"]),
        "estimate_cents": _money(opts["estimate"], "estimate"),
        "deposit_cents": _money(opts["deposit"], "deposit") or 0,
    }
    return [
        JobInput(
            kind=opts["kind"],
            job=job,
            piece=value if what == "piece" else "",
            item_description=value if what == "item" else "",
            **shared,
        )
        for (what, value), job in zip(targets, jobs, strict=True)
    ]


wo.add_command(wo_intake, "add")


@wo.command("list")
@click.option("--status", default="")
@click.option("--all", "include_closed", is_flag=True, help="Closed jobs too.")
@click.option("--who", default="", help="Staff badge or vendor code.")
@json_option
@pass_shop
def wo_list(shop: Shop, status: str, include_closed: bool, who: str, as_json: bool) -> None:
    """Work orders (open ones unless --all)."""
    from jeweltui.services import workorders as svc

    shop.open()
    jobs = svc.list_work_orders(status=status, include_closed=include_closed, who=who)
    _emit_jobs(jobs, as_json)


def _emit_jobs(jobs, as_json: bool) -> None:
    from jeweltui.services import workorders as svc

    rows = [
        {
            "code": j.code,
            "item": svc.ticket_words(j),
            "kind": j.kind,
            "status": j.status,
            "days": svc.days_in_stage(j),
            "rush": "RUSH" if j.rush else "",
            "overdue": "OVERDUE" if svc.is_overdue(j) else "",
            "piece": j.piece.stock_no if j.piece_id else "",
            "customer": j.customer.name if j.customer_id else "",
        }
        for j in jobs
    ]
    cols = ["code", "item", "kind", "status", "days", "rush", "overdue", "piece", "customer"]
    emit(rows, cols, as_json)


@wo.command("overdue")
@json_option
@pass_shop
def wo_overdue(shop: Shop, as_json: bool) -> None:
    """Open jobs past their promised date."""
    from jeweltui.services import workorders as svc

    shop.open()
    _emit_jobs(svc.overdue(), as_json)


@wo.command("board")
@click.option("--who", default="", help="Staff badge or vendor code.")
@json_option
@pass_shop
def wo_board(shop: Shop, who: str, as_json: bool) -> None:
    """Open jobs by status, with days in the current stage."""
    from dataclasses import asdict

    from jeweltui.services import workorders as svc

    shop.open()
    rows = [asdict(r) for r in svc.board(who=who)]
    for row in rows:
        row["flags"] = " ".join(
            w for w, on in (("RUSH", row["rush"]), ("OVERDUE", row["overdue"])) if on
        )
    cols = ["status", "code", "ticket", "kind", "days", "flags", "promised", "who", "item"]
    emit(rows, cols, as_json)


@wo.command("show")
@click.argument("code")
@json_option
@pass_shop
def wo_show(shop: Shop, code: str, as_json: bool) -> None:
    """One job with its timeline."""
    from jeweltui.services import workorders as svc

    shop.open()
    record = svc.work_order_record(svc.find_work_order(code))
    if as_json:
        emit_json(record)
        return
    for key, value in record.items():
        if key != "timeline" and value not in ("", None, [], False):
            click.echo(f"{key.replace('_', ' '):<16}{value}")
    click.echo("Timeline:")
    for step in record["timeline"]:
        arrow = f"{step['from']} -> {step['to']}" if step["from"] else step["to"]
        click.echo(f"  {step['at']}  {arrow}  {step['staff']}  {step['reason']}")


@wo.command("status")
@click.argument("code")
@click.argument("new_status")
@click.option("--reason", default="", help="Why (required for on_hold and cancelled).")
@click.option("--to", "to_location", default="", help="Where a stock piece goes when the job ends.")
@click.option("--final", default=None, help="The final price, e.g. 65.00.")
@pass_shop
def wo_status(shop: Shop, code, new_status, reason, to_location, final) -> None:
    """Move a job on: wo status WO-000042 at_bench --reason 'approved by phone'."""
    from jeweltui.services import workorders as svc

    staff = shop.staff()
    job = svc.change_status(
        code,
        new_status,
        staff=staff,
        reason=reason,
        to_location=to_location,
        final_cents=_money(final, "final price"),
    )
    click.echo(f"{job.code}  {svc.words(job.status)}")


@wo.command("complete")
@click.argument("code")
@click.option("--to", "to_location", default="", help="Where a stock piece goes back to.")
@click.option("--final", default=None, help="The final price, e.g. 65.00.")
@pass_shop
def wo_complete(shop: Shop, code: str, to_location: str, final) -> None:
    """Finish a ready job: picked up, or a stock piece back to stock (--to required)."""
    from jeweltui.services import workorders as svc

    staff = shop.staff()
    job = svc.complete(
        code, staff=staff, to_location=to_location, final_cents=_money(final, "final price")
    )
    where = f" -> {job.return_location.code}" if job.return_location_id else ""
    click.echo(f"{job.code}  {svc.words(job.status)}{where}")


@wo.command("assign")
@click.argument("code")
@click.option("--to", "assignee", default="", help="Staff badge of the craftsperson.")
@click.option("--vendor", default="", help="Outside vendor code.")
@click.option("--bench", default="", help="Another bench location.")
@pass_shop
def wo_assign(shop: Shop, code: str, assignee: str, vendor: str, bench: str) -> None:
    """Give a job to a craftsperson, an outside vendor or another bench."""
    from jeweltui.services import workorders as svc
    from jeweltui.services.staff import find_staff
    from jeweltui.services.vendors import find_vendor

    staff = shop.staff()
    job = svc.assign(
        code,
        staff=staff,
        assignee=find_staff(assignee) if assignee else None,
        vendor=find_vendor(vendor) if vendor else None,
        bench=bench,
    )
    record = svc.work_order_record(job)
    click.echo(f"{job.code}  {record['assignee']} {record['vendor']} {record['bench']}".rstrip())


@wo.command("appraise")
@click.argument("code")
@click.option("--value", required=True, help="Appraised value, e.g. 2,400.00")
@click.option("--appraiser", required=True, help="Staff badge of the appraiser.")
@click.option("--metal", default="", help="Metal as appraised (default: intake metal/purity).")
@click.option("--stones", default="", help='e.g. "1 round brilliant diamond 0.50ct G VS2".')
@pass_shop
def wo_appraise(shop: Shop, code, value, appraiser, metal, stones) -> None:
    """Record an appraisal; print the PDF with wo print CODE --appraisal out.pdf."""
    from jeweltui.money import format_money
    from jeweltui.services import workorders as svc
    from jeweltui.services.staff import find_staff

    staff = shop.staff()
    job = svc.find_work_order(code)
    made = svc.appraise(
        code,
        value_cents=_money(value, "appraised value"),
        appraiser=find_staff(appraiser),
        metal_description=metal or " ".join(p for p in (job.metal, job.purity) if p),
        stone_description=stones or svc.stone_words(job),
        staff=staff,
    )
    click.echo(f"{job.code}  appraised {format_money(made.appraised_value_cents, made.currency)}")


@wo.command("print")
@click.argument("code")
@click.option("--bench-ticket", "bench_ticket", is_flag=True, help="The bench ticket (text).")
@click.option("--claim-check", "claim_check", is_flag=True, help="The customer's claim check.")
@click.option(
    "--appraisal",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the appraisal PDF here.",
)
@click.option(
    "--envelope",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write the envelope label PNG into this folder.",
)
@click.option("--dpi", type=click.Choice(["203", "300"]), default="203")
@pass_shop
def wo_print(shop: Shop, code, bench_ticket, claim_check, appraisal, envelope, dpi) -> None:
    """A job's papers: bench ticket and claim check as text, appraisal PDF, envelope label."""
    from jeweltui import workorder_docs as docs
    from jeweltui.services.workorders import find_work_order

    shop.open()
    job = find_work_order(code)
    if not (bench_ticket or claim_check or appraisal or envelope):
        bench_ticket = claim_check = True
    if bench_ticket:
        click.echo(docs.bench_ticket(job))
    if claim_check:
        click.echo(docs.claim_check(job))
    if appraisal:
        click.echo(str(docs.appraisal_pdf(job, appraisal)))
    if envelope:
        click.echo(str(docs.write_envelope(job, envelope, int(dpi))))


COMMANDS = [wo]
