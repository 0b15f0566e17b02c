"""What an export would change for the channel: added, removed, quantity and price changes,
read from the last good file and the new one with the exporter's own reader."""

from __future__ import annotations

from dataclasses import dataclass, field

from jeweltui.channels.base import Listing


@dataclass(frozen=True)
class Change:
    stock_no: str
    title: str
    before: str
    after: str


@dataclass
class ExportDiff:
    previous: str = ""  # the file compared against; '' when there was none
    added: list[tuple[str, Listing]] = field(default_factory=list)
    removed: list[tuple[str, Listing]] = field(default_factory=list)
    quantity: list[Change] = field(default_factory=list)
    price: list[Change] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.quantity or self.price)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.removed)} removed, "
            f"{len(self.quantity)} quantity and {len(self.price)} price changes"
        )

    def lines(self) -> list[str]:
        """Readable lines, one per change, for the CLI and the channels screen."""
        out = [f"+ {k}  {item.title}  qty {item.qty}  {item.price}" for k, item in self.added]
        out += [f"- {k}  {item.title}" for k, item in self.removed]
        out += [f"~ {c.stock_no}  {c.title}  qty {c.before} -> {c.after}" for c in self.quantity]
        out += [f"~ {c.stock_no}  {c.title}  price {c.before} -> {c.after}" for c in self.price]
        return out

    def as_dict(self) -> dict:
        return {
            "previous": self.previous,
            "added": [k for k, _ in self.added],
            "removed": [k for k, _ in self.removed],
            "quantity": [[c.stock_no, c.before, c.after] for c in self.quantity],
            "price": [[c.stock_no, c.before, c.after] for c in self.price],
        }


def compare(old: dict[str, Listing], new: dict[str, Listing], previous: str = "") -> ExportDiff:
    diff = ExportDiff(previous=previous)
    for key in sorted(new.keys() | old.keys()):
        before, after = old.get(key), new.get(key)
        if before is None:
            diff.added.append((key, after))
        elif after is None:
            diff.removed.append((key, before))
        else:
            if before.qty != after.qty:
                diff.quantity.append(Change(key, after.title, str(before.qty), str(after.qty)))
            if before.price != after.price:
                diff.price.append(Change(key, after.title, before.price, after.price))
    return diff
