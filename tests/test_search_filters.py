"""Search by what a jeweler asks: karat, colour, size and price ranges, stones, vendor style.
Matches are exact: 'diamond' finds the pieces with a diamond, not those that say it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jeweltui.cli import main
from jeweltui.errors import InvalidInput
from jeweltui.services.pieces import PieceFilter, create_piece, list_pieces
from jeweltui.services.stones import add_stone

RINGS = [
    # title, karat, colour, size, price, stone
    ("A", 14, "white", "6.5", "1,850.00", "diamond"),
    ("B", 14, "white", "7.5", "1,999.99", "diamond"),
    ("C", 14, "white", "7", "2,000.01", "diamond"),  # over the price
    ("D", 14, "yellow", "7", "1,200.00", "diamond"),  # wrong colour
    ("E", 18, "white", "7", "1,500.00", "diamond"),  # wrong karat
    ("F", 14, "white", "8", "1,500.00", "diamond"),  # too big
    ("G", 14, "white", "6", "900.00", "sapphire"),  # too small, no diamond
    ("H", 14, "white", "7", "950.00", ""),  # no stone, but says diamond in its title
    ("I", 14, "white", "7", "1,100.00", "sapphire"),
]


@pytest.fixture
def rings(shop):
    made = {}
    for title, karat, colour, size, price, stone in RINGS:
        words = "Diamond-look ring" if title == "H" else f"Ring {title}"
        piece = create_piece(
            {
                "title": words,
                "sku": f"RNG-FLT-{karat}{colour[0].upper()}-{size.replace('.', '')}",
                "category": "ring",
                "metal": f"{colour} gold",
                "karat": karat,
                "colour": colour,
                "ring_size": size,
                "retail_cents": price,
                "vendor_style": f"VS-{title}",
            },
            location="L-CASE-B",
            staff=shop["owner"],
        )
        if stone:
            add_stone(piece, {"type": stone, "shape": "round", "carat": "0.25"}, staff=None)
        made[title] = piece.stock_no
    return made


def cli_list(db_path: Path, *args: str) -> set[str]:
    result = CliRunner().invoke(
        main, ["--db", str(db_path), "piece", "list", "--json", *args], env={"JEWELTUI_STAFF": ""}
    )
    assert result.exit_code == 0, result.output
    return {row["stock_no"] for row in json.loads(result.output)}


def test_14k_white_gold_ring_size_65_to_75_under_2000_with_a_diamond(rings, db_path):
    found = cli_list(db_path, "--category", "ring", "--karat", "14K", "--colour", "white",
                     "--metal", "gold", "--size", "6.5–7.5", "--price", "-€2,000",
                     "--stone", "diamond")  # fmt: skip
    assert found == {rings["A"], rings["B"]}


@pytest.mark.parametrize(
    ("args", "titles"),
    [
        (("--stone", "diamond"), "ABCDEF"),
        (("--stone", "sapphire", "--size", "7"), "I"),
        (("--karat", "750"), "E"),
        (("--price", "1500-1850"), "AEF"),
        (("--size", "7.5-"), "BF"),
        (("--vendor-style", "vs-h"), "H"),
        (("--carat", "0.20-0.30", "--stone-shape", "round", "--colour", "white"), "ABCEFGI"),
        (("--carat", "-0.10ct"), ""),
    ],
)
def test_each_filter_is_exact(rings, db_path, args, titles):
    assert cli_list(db_path, *args) == {rings[t] for t in titles}


@pytest.mark.parametrize(
    ("flt", "field"),
    [
        (PieceFilter(karat="15K"), "karat"),
        (PieceFilter(size="7.5-6.5"), "size"),
        (PieceFilter(size="big"), "size"),
        (PieceFilter(price="$-2000"), "price"),
        (PieceFilter(carat="lots"), "carat"),
    ],
)
def test_a_bad_filter_names_its_field(rings, flt, field):
    with pytest.raises(InvalidInput) as caught:
        list_pieces(flt)
    assert caught.value.field == field


async def test_the_browser_filters_by_keyboard_give_the_same_set_as_piece_list(rings, db_path):
    """'14k white gold ring, size 6.5–7.5, under €2,000', with a diamond, by Tab and typing."""
    from jeweltui.screens.app import make_app
    from jeweltui.screens.pieces import PiecesScreen
    from jeweltui.screens.widgets.piece_table import PieceTable
    from tests.tui_helpers import settle, type_text

    wanted = {
        "karat": "14k",
        "colour": "white",
        "size": "6.5-7.5",
        "price": "-2,000",
        "stone": "diamond",
    }
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PiecesScreen)
        await pilot.press("tab", "tab", "tab", "tab")  # search → category, location, status
        assert screen.focused.id == "filter-metal"
        await type_text(pilot, "gold")
        await pilot.press("tab", "tab")  # past the Available box to the jeweler's line
        for name in ("karat", "colour", "size", "price", "stone"):
            assert screen.focused.id == f"filter-{name}"
            await type_text(pilot, wanted[name])
            await pilot.press("tab")
        await settle(pilot)
        shown = set(screen.query_one(PieceTable).stock_numbers)
    same = cli_list(db_path, "--metal", "gold", "--karat", "14k", "--colour", "white",
                    "--size", "6.5-7.5", "--price", "-2,000", "--stone", "diamond")  # fmt: skip
    assert shown == same == {rings["A"], rings["B"]}
