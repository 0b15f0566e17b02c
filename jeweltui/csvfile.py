"""Reading CSV files the way shops produce them, keeping each row's first line number."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jeweltui.errors import InvalidInput

_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class CsvRows:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def read_rows(path: str | Path) -> CsvRows:
    """The header and every non-blank row as (first line number, {column: text}).

    A quoted description may span several lines; the number reported is where the row
    starts, which is where a person looks in a spreadsheet or an editor.
    """
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115
    except OSError as error:
        raise InvalidInput(f"Cannot read {path}: {error.strerror}.", field="file") from None
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise InvalidInput(f"{path} is empty.", field="file") from None
        except UnicodeDecodeError:
            raise InvalidInput(f"{path} is not UTF-8 text; save it as CSV UTF-8.") from None
        header = [name.strip() for name in header]
        result = CsvRows(header=header)
        try:
            for cells in reader:
                if not any(cell.strip() for cell in cells):
                    continue
                extra_lines = sum(len(_NEWLINE.findall(cell)) for cell in cells)
                start = reader.line_num - extra_lines
                padded = cells + [""] * (len(header) - len(cells))
                result.rows.append((start, dict(zip(header, padded, strict=False))))
        except UnicodeDecodeError:
            raise InvalidInput(f"{path} is not UTF-8 text; save it as CSV UTF-8.") from None
        except csv.Error as error:
            raise InvalidInput(
                f"{path} line {reader.line_num}: broken CSV ({error}).", field="file"
            ) from None
    return result


def header_key(name: str) -> str:
    """'Vendor Style #' -> 'vendor style': how headers are compared."""
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def iter_problems(problems: list[RowProblem]) -> Iterator[str]:
    for problem in sorted(problems, key=lambda p: p.line):
        yield str(problem)
