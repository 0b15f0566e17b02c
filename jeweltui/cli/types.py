"""Click option types that pass typed numbers through the one boundary in jeweltui.bounds."""

from __future__ import annotations

import click

from jeweltui.bounds import MAX_COUNT, hours, record_id, whole_number
from jeweltui.errors import InvalidInput


class BoundedNumber(click.ParamType):
    """A click option type that goes through the same boundary as forms and files."""

    def __init__(self, parse, name: str) -> None:
        self._parse = parse
        self.name = name

    def convert(self, value, param, ctx):
        if value is None or not isinstance(value, str):
            return value
        try:
            return self._parse(value)
        except InvalidInput as error:
            self.fail(error.message, param, ctx)


def whole_type(label: str, *, low: int = 0, high: int = MAX_COUNT) -> BoundedNumber:
    return BoundedNumber(
        lambda text: whole_number(text, label=label, low=low, high=high), "integer"
    )


RECORD_ID = BoundedNumber(lambda text: record_id(text), "id")
HOURS = BoundedNumber(lambda text: hours(text), "hours")
COUNT = whole_type("number")
