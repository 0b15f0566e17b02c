"""Shared by the scanning tests: a shop with many rings, made quickly in one transaction."""

from __future__ import annotations

from jeweltui.db import write_transaction
from jeweltui.models import Movement, Piece
from jeweltui.services import pieces


def add_rings(owner, count: int, location: str = "L-SAFE") -> list[str]:
    """Rings R-… in the given location; returns their stock numbers in order."""
    with write_transaction():
        made = [
            pieces.create_piece(
                {"title": f"Band {n}", "sku": f"RNG-BND-{n}", "category": "ring"},
                location=location,
                staff=owner,
            )
            for n in range(count)
        ]
    return [p.stock_no for p in made]


def where(stock_no: str) -> str:
    return Piece.get(Piece.stock_no == stock_no).location.code


def ledger_count() -> int:
    return Movement.select().count()


def random_junk(count: int, seed: int = 5) -> list[str]:
    """Strings a broken scanner or a cat on the keyboard might send: control characters,
    any unicode, 4 kB lines, and code-like strings that name nothing. No newlines (one
    string is one line) and never blank, so each one must be answered."""
    import random

    rng = random.Random(seed)
    alphabets = [
        "".join(map(chr, range(32))) + "\x7f",  # control characters
        "".join(chr(c) for c in range(0x20, 0x2FFF) if chr(c) not in "\n\r"),
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-*./_+ ",
        "éßø€中文😀\u200b\u202e\ufeff\x85\u2028",
    ]
    junk = []
    for n in range(count):
        shape = n % 5
        if shape == 0:
            text = "".join(rng.choice(rng.choice(alphabets)) for _ in range(rng.randint(1, 40)))
        elif shape == 1:
            text = "".join(rng.choice(alphabets[1]) for _ in range(4096))
        elif shape == 2:
            text = rng.choice(["L-", "S-", "WO-", "R-", "*", ""]) + str(rng.randint(10**6, 10**9))
        elif shape == 3:
            text = "".join(
                rng.choice(alphabets[0] + alphabets[3]) for _ in range(rng.randint(1, 9))
            )
        else:
            text = "".join(rng.choice(alphabets[2]) for _ in range(rng.randint(65, 300)))
        text = text.replace("\n", "?")
        if not text.strip(" \t\r"):
            text += "?"
        junk.append(text)
    return junk
