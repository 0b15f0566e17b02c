"""The previous system's stock list: old stock numbers stay the pieces' numbers and old
barcodes scan as legacy codes, so the tags already on the pieces keep working."""

from __future__ import annotations

from pathlib import Path

from jeweltui.codes import normalise_code
from jeweltui.csvfile import RowProblem, header_key, read_rows
from jeweltui.errors import InvalidInput
from jeweltui.imports.common import Created, ImportReport, category_from_text, run_import
from jeweltui.models import Piece, PieceCode, Staff
from jeweltui.services.locations import find_location
from jeweltui.services.pieces import CATEGORIES, StoneInput, create_piece
from jeweltui.services.receiving import SYNONYMS
from jeweltui.units import parse_carats, parse_weight

COLUMNS: dict[str, tuple[str, ...]] = {
    **SYNONYMS,
    "stock_no": ("stock no", "stock number", "stock", "item no", "tag", "stock id"),
    "barcode": ("barcode", "old barcode", "upc", "ean"),
    "location": ("location", "loc", "case"),
    "vendor": ("vendor", "supplier"),
    "retail": ("retail", "retail price", "price", "msrp"),
    "cost": ("cost", "unit cost", "cost price"),
    "vendor_style": ("style", "vendor style", "style no", "model"),
}


def _columns(header: list[str]) -> dict[str, str]:
    by_key = {header_key(h): h for h in header}
    found: dict[str, str] = {}
    for name, synonyms in COLUMNS.items():
        for synonym in synonyms:
            if synonym in by_key and by_key[synonym] not in found.values():
                found[name] = by_key[synonym]
                break
    if "stock_no" not in found or "title" not in found:
        raise InvalidInput(
            f"A stock list needs a stock number and a title column; this one has "
            f"{', '.join(header)}.",
            field="file",
        )
    return found


def import_stocklist(
    path: str | Path, *, staff: Staff | None, location: str = "", dry_run: bool = False
) -> ImportReport:
    table = read_rows(path)
    columns = _columns(table.header)
    if location:
        find_location(location)

    def import_row(line: int, row: dict[str, str], report: ImportReport) -> None:
        def cell(name: str) -> str:
            return row.get(columns[name], "").strip() if name in columns else ""

        number = normalise_code(cell("stock_no") or "?")
        if Piece.select().where(Piece.stock_no == number).exists():
            report.skipped.append(
                RowProblem(line, f"{number} is already in stock (imported before)")
            )
            return
        category = cell("category").lower().replace(" ", "_")
        if category not in CATEGORIES:
            category = category_from_text(cell("category"), cell("title"))
        codes = []
        barcode = cell("barcode")
        if barcode and normalise_code(barcode) != number:
            code = normalise_code(barcode)
            if PieceCode.select().where(PieceCode.code == code).exists():
                raise InvalidInput(f"old barcode {code} already scans to another piece")
            codes.append((code, "legacy"))
        fields = {
            "title": cell("title"),
            "sku": cell("sku") or f"OLD-{number}",
            "category": category,
            "vendor_style": cell("vendor_style"),
            "metal": cell("metal"),
            "karat": cell("karat").lower().rstrip("kt").strip(),
            "colour": cell("colour"),
            "ring_size": cell("ring_size"),
            "metal_mg": parse_weight(cell("metal_g"), field="metal_g"),
            "cost_cents": cell("cost") or "0",
            "retail_cents": cell("retail") or "0",
            "description": cell("description"),
        }

        stones = []
        if cell("stone_type"):
            stones.append(
                StoneInput(
                    type=cell("stone_type").lower(),
                    carat_points=parse_carats(cell("stone_ct") or "0", field="stone_ct"),
                )
            )
        where = cell("location") or location
        if not where:
            raise InvalidInput("no location on the row and no --location given")
        piece = create_piece(
            fields,
            location=where,
            staff=staff,
            vendor=cell("vendor") or None,
            stones=stones,
            extra_codes=codes,
            stock_no=number,
            reason="import",
            note=f"stock list line {line}",
        )
        report.created.append(Created(line, piece.stock_no, piece.title))

    return run_import(table.rows, import_row, dry_run=dry_run)
