"""The shop's own Shopify product export (current or legacy template) as pieces.

One row per variant; image-only rows repeat the handle with no variant fields and are
merged (reported, not imported). A stocked variant (quantity 1) becomes one piece that
keeps its SKU as an extra scan code, so a second import of the same file finds it and
creates nothing. Quantities above one are quantity-tracked basics, not one-of-ones: they
are reported for receiving, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from jeweltui.codes import normalise_code
from jeweltui.csvfile import RowProblem, read_rows
from jeweltui.errors import InvalidInput
from jeweltui.imports.common import Created, ImportReport, category_from_text, run_import
from jeweltui.models import PieceCode, Staff, Vendor
from jeweltui.services.locations import find_location
from jeweltui.services.pieces import create_piece

# Our name -> (current template header, legacy template header).
COLUMNS = {
    "handle": ("URL handle", "Handle"),
    "title": ("Title", "Title"),
    "body": ("Description", "Body (HTML)"),
    "vendor": ("Vendor", "Vendor"),
    "product_category": ("Product category", "Product Category"),
    "type": ("Type", "Type"),
    "sku": ("SKU", "Variant SKU"),
    "barcode": ("Barcode", "Variant Barcode"),
    "option1_name": ("Option1 name", "Option1 Name"),
    "option1_value": ("Option1 value", "Option1 Value"),
    "option2_name": ("Option2 name", "Option2 Name"),
    "option2_value": ("Option2 value", "Option2 Value"),
    "option3_name": ("Option3 name", "Option3 Name"),
    "option3_value": ("Option3 value", "Option3 Value"),
    "price": ("Price", "Variant Price"),
    "cost": ("Cost per item", "Cost per item"),
    "tracker": ("Inventory tracker", "Variant Inventory Tracker"),
    "quantity": ("Inventory quantity", "Variant Inventory Qty"),
}
VARIANT_FIELDS = ("sku", "option1_value", "price", "quantity", "barcode", "tracker")
ZERO_DECIMAL = ("JPY", "KRW", "HUF", "ISK", "CLP", "TWD", "VND")
SIZE_NAMES = ("size", "ring size", "taille", "größe", "grosse", "maat", "misura", "talla")
METAL_NAMES = ("metal", "material", "metall", "métal", "metallo", "gold", "colour", "color")


def template_of(header: list[str]) -> int:
    """0 for the current template, 1 for the legacy one."""
    if "URL handle" in header:
        return 0
    if "Handle" in header and "Body (HTML)" in header:
        return 1
    raise InvalidInput(
        "This is not a Shopify product export: no 'URL handle' (current) or "
        "'Handle' + 'Body (HTML)' (legacy) column.",
        field="file",
    )


class _TextOnly(HTMLParser):
    BREAKS = ("p", "br", "li", "div", "h1", "h2", "h3", "tr")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html or "")
    parser.close()
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def parse_shop_price(text: str, currency: str) -> int:
    """Shopify prices as shops type them, to cents. An ambiguous one is refused, not guessed.

    '1299' '1299.00' '1,299.00' '1.299,00' '1299,5' are clear; '1.299' or '1,299' alone may
    be a thousand or one with decimals, except in currencies without cents (JPY: thousands).
    """
    raw = text.strip().lstrip("'").replace("\u00a0", "").replace(" ", "")
    raw = raw.lstrip("€$£¥").removesuffix(currency).strip()
    if raw.startswith("-"):
        raise InvalidInput(f"negative price {text.strip()}", field="price")
    if re.fullmatch(r"\d+", raw):
        whole, frac = raw, ""
    elif m := re.fullmatch(r"(\d+)[.,](\d{1,2})", raw):
        whole, frac = m[1], m[2]
    elif m := re.fullmatch(r"(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?", raw):
        whole, frac = m[1].replace(",", ""), m[2] or ""
        if m[2] is None and raw.count(",") == 1 and currency not in ZERO_DECIMAL:
            raise InvalidInput(f"ambiguous price '{text.strip()}': 1,299 or 1.299?", field="price")
    elif m := re.fullmatch(r"(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?", raw):
        whole, frac = m[1].replace(".", ""), m[2] or ""
        if m[2] is None and raw.count(".") == 1 and currency not in ZERO_DECIMAL:
            raise InvalidInput(f"ambiguous price '{text.strip()}': 1299 or 1.299?", field="price")
    else:
        raise InvalidInput(f"price '{text.strip()}' is not an amount", field="price")
    if frac and currency in ZERO_DECIMAL and int(frac):
        raise InvalidInput(f"{currency} has no cents, but the price is '{text.strip()}'")
    return int(whole) * 100 + int(frac.ljust(2, "0") or 0)


def ascii_slug(text: str) -> str:
    """'Bague Étoile / 52' -> 'BAGUE-ETOILE-52' (what a generated SKU is made of)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Z0-9]+", "-", plain.upper()).strip("-")


def clean_sku(raw: str) -> str:
    """A spreadsheet's leading apostrophe (kept to stop '00123' losing its zeros) goes."""
    return raw.strip().lstrip("'").strip()


@dataclass
class Product:
    handle: str
    title: str = ""
    description: str = ""
    vendor: str = ""
    category: str = "other"
    option_names: dict[int, str] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)


def _variant_words(row: dict[str, str], product: Product) -> dict[str, str]:
    """Size, metal and karat from the options; later variant rows leave the names blank."""
    out = {"ring_size": "", "metal": "", "karat": "", "label": []}
    for n in (1, 2, 3):
        name = row.get(f"option{n}_name", "").strip().lower()
        if name:
            product.option_names[n] = name
        name = product.option_names.get(n, "")
        value = row.get(f"option{n}_value", "").strip()
        if not value or value.lower() == "default title":
            continue
        out["label"].append(value)
        if name in SIZE_NAMES:
            out["ring_size"] = value
        elif name in METAL_NAMES:
            out["metal"] = value
            karat = re.search(r"\b(\d{1,2})\s*(?:k|kt|ct|carat)\b", value.lower())
            if karat:
                out["karat"] = karat[1]
    out["label"] = " / ".join(out["label"])
    return out


def import_shopify_products(
    path: str | Path,
    *,
    staff: Staff | None,
    location: str,
    currency: str = "EUR",
    dry_run: bool = False,
) -> ImportReport:
    table = read_rows(path)
    which = template_of(table.header)
    find_location(location)
    currency = currency.strip().upper()
    products: dict[str, Product] = {}

    def import_row(line: int, raw: dict[str, str], report: ImportReport) -> None:
        row = {name: raw.get(cols[which], "") for name, cols in COLUMNS.items()}
        handle = row["handle"].strip()
        if not handle:
            raise InvalidInput("no handle: a row without a product")
        product = products.get(handle)
        if product is None:
            product = products[handle] = Product(
                handle=handle,
                title=row["title"].strip(),
                description=html_to_text(row["body"]),
                vendor=row["vendor"].strip(),
                category=category_from_text(row["type"], row["product_category"], row["title"]),
            )
        product.lines.append(line)
        if not any(row[f].strip() for f in VARIANT_FIELDS):
            report.skipped.append(RowProblem(line, f"image-only row, merged into '{handle}'"))
            return
        _import_variant(line, row, product, report)

    def _import_variant(line, row, product, report) -> None:
        words = _variant_words(row, product)
        sku = clean_sku(row["sku"])
        if not sku:
            sku = ascii_slug(f"{product.handle} {words['label']}")[:40]
            report.notes.append(RowProblem(line, f"empty SKU; generated {sku} from the handle"))
        code = normalise_code(sku)
        known = PieceCode.get_or_none(PieceCode.code == code)
        if known is not None:
            report.skipped.append(
                RowProblem(line, f"SKU {code} is already {known.piece.stock_no} (imported before)")
            )
            return
        tracker, qty_text = row["tracker"].strip(), row["quantity"].strip()
        if not tracker:
            report.skipped.append(RowProblem(line, f"{code}: inventory not tracked in Shopify"))
            return
        try:
            quantity = int(qty_text or "0")
        except ValueError:
            raise InvalidInput(f"quantity '{qty_text}' is not a whole number") from None
        if quantity < 0:
            report.skipped.append(
                RowProblem(line, f"{code}: negative quantity {quantity} (oversold in Shopify?)")
            )
            return
        if quantity == 0:
            report.skipped.append(RowProblem(line, f"{code}: not in stock (quantity 0)"))
            return
        if quantity > 1:
            report.skipped.append(
                RowProblem(
                    line,
                    f"{code}: quantity {quantity} is not a one-of-one; receive the pieces "
                    "or add it as an item",
                )
            )
            return
        vendor = Vendor.get_or_none(Vendor.name == product.vendor) if product.vendor else None
        title = product.title or product.handle
        if words["label"]:
            title = f"{title} – {words['label']}"
        fields = {
            "title": title,
            "sku": ascii_slug(code)[:40],
            "category": product.category,
            "description": product.description,
            "metal": words["metal"],
            "karat": words["karat"],
            "ring_size": words["ring_size"],
            "retail_cents": parse_shop_price(row["price"] or "0", currency),
            "cost_cents": parse_shop_price(row["cost"], currency) if row["cost"].strip() else 0,
            "currency": currency,
        }
        codes = [(code, "shopify")]
        barcode = clean_sku(row["barcode"])
        if barcode and not PieceCode.select().where(PieceCode.code == barcode.upper()).exists():
            codes.append((barcode, "ean"))
        piece = create_piece(
            fields,
            location=location,
            staff=staff,
            vendor=vendor.code if vendor else None,
            extra_codes=codes,
            reason="import",
            note=f"shopify line {line}",
        )
        report.created.append(Created(line, piece.stock_no, piece.title, note=code))

    return run_import(table.rows, import_row, dry_run=dry_run)
