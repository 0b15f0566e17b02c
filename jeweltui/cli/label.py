"""`jeweltui label …`: tags, location labels, shelf tags and envelopes as PNG, PDF or ZPL.

Every command looks records up through the services, turns them into plain label data
(jeweltui.labels.records) and hands them to one LabelWriter; --print then queues the
written files on a CUPS printer.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import click

from jeweltui.cli.context import Shop, emit_json, pass_shop
from jeweltui.errors import NotAvailable
from jeweltui.labels import FORMATS, LabelWriter, load_shop_config, size_book
from jeweltui.labels.geometry import SizeBook
from jeweltui.labels.layout import SYMBOLOGIES, Layout
from jeweltui.labels.sheets import SHEET_KINDS
from jeweltui.labels.templates import TagOptions, tag_layout


@dataclass(frozen=True)
class LabelRun:
    """The output choices every label command shares."""

    dpi: int
    fmt: str
    out_dir: Path
    size_name: str | None
    sheet: str
    printer: str | None
    symbology: str
    config_path: str | None
    as_json: bool

    @functools.cached_property
    def shop_config(self) -> dict:
        return load_shop_config(self.config_path)

    @functools.cached_property
    def sizes(self) -> SizeBook:
        return size_book(self.shop_config)


def output_options(command: Callable) -> Callable:
    """The same output options on every label command, gathered into one LabelRun."""
    options = [
        click.option("--dpi", type=click.Choice(["203", "300"]), default="203", show_default=True,
                     help="The label printer's resolution."),
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="png",
                     show_default=True, help="PNG per label, one PDF sheet, or ZPL for Zebra."),
        click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                     default=Path("."), show_default=True, help="Folder for the label files."),
        click.option("--size", "size_name", metavar="NAME",
                     help="Label size preset or shop size (see `jeweltui label sizes`)."),
        click.option("--sheet", type=click.Choice(SHEET_KINDS), default="a4", show_default=True,
                     help="PDF layout: A4 or Letter sheet grid, or one label per page (roll)."),
        click.option("--symbology", type=click.Choice(SYMBOLOGIES), default="auto",
                     show_default=True,
                     help="auto: Code128 where it fits, else DataMatrix."),
        click.option("--labels-config", "config_path", metavar="PATH",
                     help="The shop's labels.toml (default: JEWELTUI_LABELS_CONFIG, "
                     "else your user config folder)."),
        click.option("--print", "printer", metavar="PRINTER",
                     help="Also send the files to this CUPS printer (lp -d PRINTER)."),
        click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts."),
    ]  # fmt: skip

    @functools.wraps(command)
    def wrapper(*args, dpi, fmt, out_dir, size_name, sheet, symbology, config_path, printer,
                as_json, **kwargs):  # fmt: skip
        run = LabelRun(int(dpi), fmt, out_dir, size_name, sheet, printer, symbology,
                       config_path, as_json)  # fmt: skip
        return command(*args, run=run, **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def _write(
    run: LabelRun, layouts: Iterable[Layout], batch_name: str, count: int, progress: bool = False
) -> None:
    """Render everything, write the files, print them if asked, and report."""
    writer = LabelWriter(run.fmt, run.out_dir, batch_name=batch_name, sheet=run.sheet)
    size = None
    if progress:
        with click.progressbar(layouts, length=count, label="Rendering labels") as bar:
            for layout in bar:
                writer.add(layout)
                size = layout.size
    else:
        for layout in layouts:
            writer.add(layout)
            size = layout.size
    files = writer.finish()
    queued = ""
    if run.printer and files:
        from jeweltui.labels.printing import send_to_printer

        queued = send_to_printer(run.printer, files, size=size, raw=run.fmt == "zpl")
    if run.as_json:
        emit_json({"files": [str(f) for f in files], "notes": writer.notes, "printed": queued})
        return
    for note in writer.notes:
        click.echo(f"Note: {note}", err=True)
    for path in files:
        click.echo(str(path))
    if queued:
        click.echo(queued)


@click.group()
def label() -> None:
    """Print jewelry tags, location labels, shelf tags and repair envelopes."""


@label.command("piece")
@click.argument("codes", nargs=-1, required=True)
@click.option(
    "--cost-code/--no-cost-code",
    default=False,
    show_default=True,
    help="Add the shop's concealed cost code (owners and managers only).",
)
@click.option(
    "--cipher",
    "cipher_word",
    metavar="WORD",
    envvar="JEWELTUI_COST_WORD",
    help="Ten-letter cost code word (default: [cost_code] in labels.toml).",
)
@click.option(
    "--ean", "use_ean", is_flag=True, help="Put the piece's EAN-13 on the tag where it has one."
)
@output_options
@pass_shop
def label_piece(shop: Shop, codes, cost_code: bool, cipher_word, use_ean, run: LabelRun) -> None:
    """Tags for pieces by stock number or any code they carry: label piece R-000123 …"""
    from jeweltui.services.pieces import find_piece

    shop.open()
    pieces = [find_piece(code) for code in codes]  # every code checked before any file
    _write_tags(shop, run, pieces, cost_code, cipher_word, use_ean, batch_name="tags")


@label.command("pieces")
@click.option("--filter", "text", default="", help="Stock number, SKU, title, vendor or code.")
@click.option("--category", default="")
@click.option("--metal", default="")
@click.option("--location", default="", help="Only pieces at this location.")
@click.option(
    "--status",
    type=click.Choice(["", "in_stock", "sold", "retired"]),
    default="in_stock",
    show_default=True,
)
@click.option("--available", "available_only", is_flag=True, help="Only pieces sellable now.")
@click.option("--cost-code/--no-cost-code", default=False, show_default=True)
@click.option("--cipher", "cipher_word", metavar="WORD", envvar="JEWELTUI_COST_WORD")
@click.option("--ean", "use_ean", is_flag=True)
@output_options
@pass_shop
def label_pieces(shop: Shop, cost_code, cipher_word, use_ean, run: LabelRun, **filters) -> None:
    """Tags for every piece matching a filter, e.g. a batch just received."""
    from jeweltui.services.pieces import PieceFilter, list_pieces

    shop.open()
    pieces = list_pieces(PieceFilter(**filters))
    if not pieces:
        raise NotAvailable("No pieces match that filter; no labels were made.")
    _write_tags(shop, run, pieces, cost_code, cipher_word, use_ean, "tags", progress=True)


def _write_tags(shop, run, pieces, cost_code, cipher_word, use_ean, batch_name, progress=False):
    from jeweltui.labels.records import CostCodeStyle, tag_data
    from jeweltui.labels.templates import TagOptions, tag_layout

    style = None
    if cost_code:
        if not shop.staff().sees_cost:
            raise NotAvailable("Only an owner or a manager can print cost codes on tags.")
        style = CostCodeStyle.from_config(run.shop_config, cipher_word)
    size = run.sizes.get(run.size_name, "barbell", "rattail")
    options = TagOptions(symbology=run.symbology, use_ean=use_ean)
    layouts = (tag_layout(tag_data(p, style), size, run.dpi, options) for p in pieces)
    _write(run, layouts, batch_name, len(pieces), progress)


@label.command("location")
@click.argument("codes", nargs=-1, required=True)
@output_options
@pass_shop
def label_location(shop: Shop, codes, run: LabelRun) -> None:
    """Labels for shelves, cases and trays: label location L-CASE-A …"""
    from jeweltui.labels.records import location_data
    from jeweltui.labels.templates import location_label
    from jeweltui.services.locations import find_location

    shop.open()
    places = [find_location(code) for code in codes]
    size = run.sizes.get(run.size_name, "location")
    layouts = [location_label(location_data(p), size, run.dpi, run.symbology) for p in places]
    _write(run, layouts, "locations", len(layouts))


@label.command("item")
@click.argument("skus", nargs=-1, required=True)
@output_options
@pass_shop
def label_item(shop: Shop, skus, run: LabelRun) -> None:
    """Shelf tags for quantity basics (chains, studs, findings) by SKU."""
    from jeweltui.labels.records import shelf_data
    from jeweltui.labels.templates import shelf_tag
    from jeweltui.services.items import find_item

    shop.open()
    items = [find_item(sku) for sku in skus]
    size = run.sizes.get(run.size_name, "shelf")
    layouts = [shelf_tag(shelf_data(i), size, run.dpi, run.symbology) for i in items]
    _write(run, layouts, "shelf-tags", len(layouts))


@label.command("workorder")
@click.argument("codes", nargs=-1, required=True)
@output_options
@pass_shop
def label_workorder(shop: Shop, codes, run: LabelRun) -> None:
    """Repair envelope labels for work orders: label workorder WO-000042 …"""
    from jeweltui import workorder_docs
    from jeweltui.labels.templates import envelope_label
    from jeweltui.services.workorders import find_work_order

    shop.open()
    jobs = [find_work_order(code) for code in codes]  # every code checked before any file
    size = run.sizes.get(run.size_name, "envelope")
    layouts = [
        envelope_label(workorder_docs.envelope_data(job), size, run.dpi, run.symbology)
        for job in jobs
    ]
    _write(run, layouts, "envelopes", len(layouts))


@label.command("queue")
@click.option("--list", "list_only", is_flag=True, help="Only show what is queued.")
@click.option("--clear", is_flag=True, help="Empty the queue without making any labels.")
@output_options
@pass_shop
def label_queue(shop: Shop, list_only: bool, clear: bool, run: LabelRun) -> None:
    """Tags for the pieces receiving queued; the queue empties once they are made."""
    from jeweltui.services import labelling
    from jeweltui.services.receiving import queued_labels

    shop.open()
    queued = queued_labels()
    if clear:
        labelling.done_with_queue(queued)
        click.echo(f"Label queue emptied ({len(queued)} tag(s) dropped).", err=True)
        return
    if list_only or not queued:
        if run.as_json:
            emit_json({"queued": queued})
        elif queued:
            click.echo("\n".join(queued))
        else:
            click.echo("The label queue is empty: nothing to make.", err=True)
        return
    found = labelling.queued_tags()
    for stock_no in found.missing:
        click.echo(f"Note: {stock_no} is no longer in the shop; dropped from the queue.", err=True)
    if found.tags:
        size = run.sizes.get(run.size_name, "barbell", "rattail")
        layouts = (tag_layout(tag, size, run.dpi, TagOptions(run.symbology)) for tag in found.tags)
        _write(run, layouts, "tags", len(found.tags), progress=len(found.tags) > 20)
    # Only what was made (and printed, with --print) leaves the queue.
    left = labelling.done_with_queue([t.stock_no for t in found.tags] + found.missing)
    if left:
        click.echo(f"{len(left)} tag(s) were queued meanwhile and wait for the next run.", err=True)


@label.command("envelope")
@click.argument("job_no")
@click.option("--customer", default="")
@click.option("--promised", default="", help='Promised date as it should read, "Tue 14 May".')
@click.option("--item", "item_line", default="", help='The item in short, "Lady\'s ring 14K".')
@click.option("--job", "job_line", default="", help='The job in short, "Size 6 to 7, polish".')
@click.option("--value", "declared_value", default="", help='Declared value, e.g. "1,200.00".')
@click.option("--currency", default="EUR", show_default=True)
@click.option("--copies", type=click.IntRange(1, 99), default=1, show_default=True,
              help="One label per bag: 1 of N … N of N.")  # fmt: skip
@output_options
def label_envelope(job_no, customer, promised, item_line, job_line, declared_value, currency,
                   copies, run: LabelRun) -> None:  # fmt: skip
    """A repair envelope label typed in by hand (job number, customer, promised date …)."""
    from jeweltui.codes import normalise_code
    from jeweltui.labels.templates import EnvelopeData, envelope_label
    from jeweltui.money import format_money, parse_money

    value = (
        format_money(parse_money(declared_value, field="value"), currency) if declared_value else ""
    )
    size = run.sizes.get(run.size_name, "envelope")
    layouts = [
        envelope_label(
            EnvelopeData(
                normalise_code(job_no),
                customer,
                promised,
                item_line,
                job_line,
                value,
                copy_no,
                copies,
            ),  # fmt: skip
            size,
            run.dpi,
            run.symbology,
        )
        for copy_no in range(1, copies + 1)
    ]
    _write(run, layouts, "envelopes", len(layouts))


@label.command("sizes")
@click.option("--labels-config", "config_path", metavar="PATH")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def label_sizes(config_path: str | None, as_json: bool) -> None:
    """The label sizes this shop can print on: presets plus labels.toml."""
    book = size_book(load_shop_config(config_path))
    rows = [
        {
            "name": s.name,
            "template": s.template,
            "width_mm": s.width_mm,
            "height_mm": s.height_mm,
            "default": book.defaults.get(s.template) == s.name,
            "description": s.description,
        }
        for s in book.sizes.values()
    ]
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        star = "*" if row["default"] else " "
        click.echo(
            f"{star} {row['name']:<18} {row['template']:<9} "
            f"{row['width_mm']:g} x {row['height_mm']:g} mm  {row['description']}"
        )


COMMANDS = [label]
