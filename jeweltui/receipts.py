"""Sale receipts: plain text for the till printer and e-mail, PDF for the customer's file.

The PDF uses the DejaVu Sans Mono that python-barcode ships, so €, accents and the
aligned columns of the text receipt come out the same on paper.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from jeweltui.models import Sale, Setting
from jeweltui.money import format_money
from jeweltui.services.sales import sale_summary

WIDTH = 42  # characters on an 80 mm till roll
SHOP_NAME_KEY = "shop.name"


def _shop_name() -> str:
    row = Setting.get_or_none(Setting.key == SHOP_NAME_KEY)
    return row.value if row else "jeweltui"


def _pair(left: str, right: str) -> str:
    room = WIDTH - len(right) - 1
    return f"{left[:room]:<{room}} {right}"


def receipt_text(sale: Sale) -> str:
    """The receipt as lines of at most WIDTH characters."""
    info = sale_summary(sale)
    currency = info["currency"]
    out = [_shop_name().center(WIDTH), "=" * WIDTH]
    out.append(_pair(f"Sale #{info['sale']}", info["at"]))
    if info["customer"]:
        out.append(f"Customer: {info['customer']}")
    if info["staff"]:
        out.append(f"Served by: {info['staff']}")
    if info["channel"] != "store":
        out.append(f"Channel: {info['channel']} {info['external_ref']}".rstrip())
    out.append("-" * WIDTH)
    discount = 0
    for line in info["lines"]:
        out.append(_pair(line["stock_no"], format_money(line["price_cents"], currency)))
        out.append(f"  {line['title']}"[:WIDTH])
        if line["list_cents"] > line["price_cents"]:
            off = line["list_cents"] - line["price_cents"]
            discount += off
            out.append(
                _pair(f"  list {format_money(line['list_cents'], currency)}", f"-{off / 100:.2f}")
            )
    out.append("-" * WIDTH)
    if discount:
        out.append(_pair("Discount", format_money(-discount, currency)))
    out.append(_pair("TOTAL", info["total"]))
    if info["payment"]:
        out.append(_pair("Paid by", info["payment"]))
    if info["state"] != "sold":
        out.append(f"*** {info['state'].upper()} ***".center(WIDTH))
    out += ["=" * WIDTH, "Thank you!".center(WIDTH)]
    return "\n".join(out) + "\n"


def font_path() -> Path:
    return Path(str(files("barcode") / "fonts" / "DejaVuSansMono.ttf"))


def receipt_pdf(sale: Sale, target: Path) -> Path:
    from fpdf import FPDF

    text = receipt_text(sale).splitlines()
    pdf = FPDF(unit="mm", format=(80, max(60, 12 + 4.2 * len(text))))
    pdf.set_margins(4, 4, 4)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.add_font("DejaVuMono", "", str(font_path()))
    pdf.set_font("DejaVuMono", size=8.4)
    for line in text:
        pdf.cell(0, 4.2, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(target))
    return target


def write_receipt(sale: Sale, target: str | os.PathLike) -> Path:
    """A .pdf path gets a PDF, anything else the text receipt; written then renamed."""
    target = Path(target)
    staged = target.with_name(target.name + ".part")
    if target.suffix.lower() == ".pdf":
        receipt_pdf(sale, staged)
    else:
        staged.write_text(receipt_text(sale), encoding="utf-8")
    os.replace(staged, target)
    return target
