"""The export's fast paths write exactly what the plain, readable formulas write."""

from __future__ import annotations

import html
import json
import re

from hypothesis import given
from hypothesis import strategies as st

from jeweltui.channels.base import ExportRow, ExportSettings
from jeweltui.channels.feed import image_urls
from jeweltui.channels.google import cell, safe_cells
from jeweltui.channels.jsonfeed import record, record_text
from jeweltui.channels.safety import html_paragraphs, neutralise, plain_text

# Text full of what the fast paths branch on: formula starts, tags, entities, whitespace.
TRICKY = st.text(
    alphabet=st.sampled_from("ab =+-@<>&;,/:\"'\\\t\r\n\x0b\xa0\u2028é✨"), max_size=40
)


def plain_text_formula(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]*>", " ", text))).strip()


def html_paragraphs_formula(text: str) -> str:
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return "".join(f"<p>{html.escape(b).replace(chr(10), '<br>')}</p>" for b in blocks)


def image_urls_formula(path_text: str, base: str) -> tuple[str, ...]:
    parts = [p.strip() for p in path_text.replace(",", ";").split(";") if p.strip()]
    return tuple(neutralise(p if "://" in p else base + p) for p in parts)


@given(TRICKY)
def test_plain_text_and_html_paragraphs_match_their_formulas(text):
    assert plain_text(text) == plain_text_formula(text)
    assert html_paragraphs(text) == html_paragraphs_formula(text)


@given(TRICKY, st.sampled_from(["", "https://cdn/", "=x/"]))
def test_image_urls_match_the_formula(path_text, base):
    assert image_urls(path_text, base) == image_urls_formula(path_text, base)


@given(st.lists(TRICKY, min_size=1, max_size=6))
def test_google_safe_cells_equal_cell_by_cell(values):
    assert safe_cells(tuple(values)) == [cell(v) for v in values]


@given(
    TRICKY,
    TRICKY,
    st.none() | st.integers(0, 24),
    st.none() | st.integers(0, 10**6),
    st.integers(-(10**9), 10**9),
    st.integers(0, 1),
    st.lists(TRICKY, max_size=3),
)
def test_json_record_text_is_what_json_dumps_writes(title, text, karat, mg, cents, qty, images):
    row = ExportRow(
        *("R-1", text, "ring", title, text, text, karat, text, text, mg, cents, "EUR"),
        *(text, text, text, tuple(images), text, qty, "L-CASE-A"),
    )
    settings = ExportSettings(brand=title)
    expected = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode(record(row, settings))
    assert record_text(row, settings) == expected
