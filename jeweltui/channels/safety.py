"""Cells that are safe to open in a spreadsheet and text that is safe inside HTML."""

from __future__ import annotations

import html
import re

# A spreadsheet treats a cell starting with these as a formula (OWASP "CSV injection").
FORMULA_STARTS = frozenset("=+-@\t\r")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def neutralise(value: str) -> str:
    """'=HYPERLINK(…)' -> "'=HYPERLINK(…)": shown as text, never evaluated."""
    return "'" + value if value[:1] in FORMULA_STARTS else value


def html_paragraphs(text: str) -> str:
    """A plain-text description as HTML for a field the shop's website renders.

    Escaped, so a '<' or '&' the shop typed shows as itself and cannot become markup.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    # Escaping the whole text once equals escaping each paragraph: escape() neither adds nor
    # removes whitespace, so splitting and stripping come out the same either way.
    blocks = [block for block in map(str.strip, html.escape(text).split("\n\n")) if block]
    if not blocks:
        return ""
    return "<p>" + "</p><p>".join(blocks).replace("\n", "<br>") + "</p>"


def plain_text(text: str) -> str:
    """Tags dropped and whitespace folded: for fields that take plain text only (Google)."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    # str.split() folds exactly the whitespace \s+ matches (both use str.isspace).
    return " ".join(html.unescape(text).split())


def one_line(text: str) -> str:
    """For TSV: a tab or line break inside a value would split the row."""
    return _SPACE.sub(" ", text).strip() if ("\t" in text or "\n" in text or "\r" in text) else text
