"""Two lines of filters under the search box: category, location, status, metal, available;
then what a jeweler asks: karat, colour, size range, price range, stone, carats, vendor style.
Every field is reachable with Tab; the services read the values (errors name the field)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Select

from jeweltui.services.pieces import CATEGORIES, PIECE_STATUSES


@dataclass(frozen=True)
class Filters:
    category: str = ""
    location: str = ""
    status: str = ""
    metal: str = ""
    available_only: bool = False
    karat: str = ""
    colour: str = ""
    size: str = ""
    price: str = ""
    stone: str = ""
    carat: str = ""
    vendor_style: str = ""


# (field, placeholder, width): the second line, in the order a jeweler says them.
JEWELER_FIELDS = (
    ("karat", "Karat", 7),
    ("colour", "Colour", 9),
    ("size", "Size 6-7.5", 11),
    ("price", "Price -2000", 12),
    ("stone", "Stone", 10),
    ("carat", "Ct .5-1", 9),
    ("vendor_style", "Vendor style", 13),
)


def _value(select: Select) -> str:
    return "" if select.is_blank() else str(select.value)


class FilterBar(Vertical):
    """Posts FilterBar.Changed with every change; the screen decides what to reload."""

    DEFAULT_CSS = """
    FilterBar {
        height: 2;
        margin: 0 1;
    }
    FilterBar Horizontal {
        height: 1;
    }
    FilterBar .jeweler {
        margin-right: 1;
    }
    FilterBar Select {
        width: 18;
        margin-right: 1;
    }
    FilterBar #filter-status {
        width: 13;
    }
    FilterBar #filter-metal {
        width: 12;
        margin-right: 1;
    }
    FilterBar Checkbox {
        width: auto;
    }
    """

    @dataclass
    class Changed(Message):
        bar: FilterBar
        filters: Filters

    def __init__(self, locations: list[tuple[str, str]], initial: Filters, **kwargs) -> None:
        super().__init__(**kwargs)
        self.locations = locations
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield from self.first_line()
        with Horizontal():
            for name, placeholder, width in JEWELER_FIELDS:
                field = Input(
                    getattr(self.initial, name),
                    placeholder=placeholder,
                    compact=True,
                    id=f"filter-{name.replace('_', '-')}",
                    classes="jeweler",
                )
                field.styles.width = width
                yield field

    def first_line(self) -> ComposeResult:
        start = self.initial
        yield Select(
            [(name.replace("_", " "), name) for name in CATEGORIES],
            prompt="Category",
            value=start.category or Select.NULL,
            compact=True,
            id="filter-category",
        )
        # The location list arrives from a worker; until then only the chosen one is known.
        codes = [code for _, code in self.locations] or [start.location] * bool(start.location)
        yield Select(
            [(code, code) for code in codes],
            prompt="Location",
            value=start.location or Select.NULL,
            compact=True,
            id="filter-location",
        )
        yield Select(
            [(status.replace("_", " "), status) for status in PIECE_STATUSES],
            prompt="Status",
            value=start.status or Select.NULL,
            compact=True,
            id="filter-status",
        )
        yield Input(start.metal, placeholder="Metal", compact=True, id="filter-metal")
        yield Checkbox("Available", start.available_only, compact=True, id="filter-available")

    def current(self) -> Filters:
        return Filters(
            category=_value(self.query_one("#filter-category", Select)),
            location=_value(self.query_one("#filter-location", Select)),
            status=_value(self.query_one("#filter-status", Select)),
            metal=self.query_one("#filter-metal", Input).value.strip(),
            available_only=self.query_one("#filter-available", Checkbox).value,
            **{
                name: self.query_one(f"#filter-{name.replace('_', '-')}", Input).value.strip()
                for name, _, _ in JEWELER_FIELDS
            },
        )

    @on(Select.Changed)
    @on(Input.Changed)
    @on(Checkbox.Changed)
    def changed(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Changed(self, self.current()))
