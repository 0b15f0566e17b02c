"""From shop records (peewee models) to the plain data the templates print.

The only module of the label engine that knows the models; everything else takes
frozen dataclasses, so the renderer runs without a database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from jeweltui import clock
from jeweltui.errors import InvalidInput
from jeweltui.money import format_money
from jeweltui.units import format_carats

from .costcode import CostCipher, date_wrapped
from .templates import LocationData, ShelfData, TagData

COST_STYLES = ("cipher", "date")


@dataclass(frozen=True)
class CostCodeStyle:
    """How this shop conceals cost: a cipher word, or digits wrapped around the date."""

    style: str = "cipher"
    cipher: CostCipher | None = None

    def __post_init__(self) -> None:
        if self.style not in COST_STYLES:
            raise InvalidInput(
                f"Cost code style must be {' or '.join(COST_STYLES)}.", field="cost_code"
            )
        if self.style == "cipher" and self.cipher is None:
            raise InvalidInput(
                'The shop has no cost code word yet: set [cost_code] word = "…" '
                "(ten different letters) in labels.toml, or pass --cipher WORD.",
                field="cost_code",
            )

    def code(self, cost_cents: int, entered: date) -> str:
        if self.style == "date":
            return date_wrapped(cost_cents, entered)
        assert self.cipher is not None  # checked in __post_init__
        return self.cipher.encode(cost_cents)

    @classmethod
    def from_config(cls, shop_config: dict, word: str | None = None) -> CostCodeStyle:
        """From labels.toml's [cost_code] table; an explicit word wins over the file."""
        table = shop_config.get("cost_code", {})
        chosen_word = word or table.get("word")
        style = "cipher" if word else str(table.get("style", "cipher"))
        return cls(style=style, cipher=CostCipher(chosen_word) if chosen_word else None)


def metal_line(karat: int | None, colour: str, metal: str) -> str:
    """'14K yellow gold', 'platinum', '925 silver' — as the shop typed it, karat first, and
    no word twice (colour 'yellow' with metal 'yellow gold' is '14K yellow gold')."""
    words = f"{karat}K " if karat else ""
    words += f"{colour.strip()} {metal.strip()}"
    return " ".join(dict.fromkeys(w for w in words.split() if w))


def carats(points: int) -> str:
    return format_carats(points)


def stone_line(stones) -> str:
    """Total carat weight per stone type, in setting order: '0.50ct diamond, 0.20ct ruby'."""
    points_by_type: dict[str, int] = defaultdict(int)
    for stone in sorted(stones, key=lambda s: s.position):
        points_by_type[stone.type.strip().lower()] += stone.carat_points * stone.count
    return ", ".join(
        f"{carats(points)} {kind}" if points else kind for kind, points in points_by_type.items()
    )


def piece_ean(piece) -> str:
    for code in piece.codes:
        if code.kind == "ean":
            return code.code
    return ""


def tag_data(piece, cost_code: CostCodeStyle | None = None) -> TagData:
    """What a piece's tag shows. The cost appears only concealed, and only when asked."""
    concealed = ""
    if cost_code is not None and piece.cost_cents:
        entered = clock.local(piece.created_at).date()  # the shop's day, not UTC's
        concealed = cost_code.code(piece.cost_cents, entered)
    return TagData(
        stock_no=piece.stock_no,
        price_text=format_money(piece.retail_cents, piece.currency),
        metal_line=metal_line(piece.karat, piece.colour, piece.metal),
        stone_line=stone_line(piece.stones),
        ring_size=piece.ring_size,
        cost_code=concealed,
        ean=piece_ean(piece),
    )


def location_data(location) -> LocationData:
    return LocationData(code=location.code, name=location.name, kind=location.kind)


def shelf_data(item) -> ShelfData:
    return ShelfData(
        sku=item.sku,
        title=item.title,
        price_text=format_money(item.retail_cents, item.currency),
        detail_line=metal_line(item.karat, "", item.metal),
    )
