"""The shop's concealed cost code, as jewelers write it on tags.

A ten-letter cipher word with no repeated letter stands for the digits 1 2 3 4 5 6 7 8 9 0:
with BLACKHORSE, B=1 L=2 A=3 C=4 K=5 H=6 O=7 R=8 S=9 E=0, so a cost of 1500 reads BKEE.
Staff who know the word can read the cost; a customer across the counter cannot.

The date-wrapped variant hides the cost in plain digits around the entry date
(month and two-digit year): cost 1500 entered in March 2024 reads 15032400 — it looks
like a lot number. The first half of the cost comes before the date, the rest after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jeweltui.errors import InvalidInput

DIGIT_ORDER = "1234567890"  # the cipher word's letters stand for these, in this order
DATE_DIGITS = 4  # MMYY


@dataclass(frozen=True)
class CostCipher:
    word: str

    def __post_init__(self) -> None:
        word = self.word.strip().upper()
        if len(word) != 10 or not word.isalpha() or len(set(word)) != 10:
            raise InvalidInput(
                f"A cost code word needs 10 different letters (like BLACKHORSE); "
                f"{self.word!r} does not have them.",
                field="cost_code_word",
            )
        object.__setattr__(self, "word", word)

    def encode(self, cost_cents: int) -> str:
        """Whole currency units (rounded half up) in cipher letters: 150000 -> 'BKEE'."""
        letters = dict(zip(DIGIT_ORDER, self.word, strict=True))
        return "".join(letters[digit] for digit in str(whole_units(cost_cents)))

    def decode(self, code: str) -> int:
        """Back to whole units: what a manager reads off the tag."""
        digits = dict(zip(self.word, DIGIT_ORDER, strict=True))
        try:
            return int("".join(digits[letter] for letter in code.strip().upper()))
        except (KeyError, ValueError) as error:
            raise InvalidInput(f"{code!r} is not written in the {self.word} code.") from error


def whole_units(cost_cents: int) -> int:
    if cost_cents < 0:
        raise InvalidInput("A cost cannot be negative.", field="cost_cents")
    return (cost_cents + 50) // 100


def date_wrapped(cost_cents: int, entered: date) -> str:
    """Cost digits split around the entry date's MMYY: 150000 in 03/2024 -> '15032400'."""
    digits = str(whole_units(cost_cents))
    front = (len(digits) + 1) // 2
    return f"{digits[:front]}{entered:%m%y}{digits[front:]}"


def unwrap_date_code(code: str) -> tuple[int, str]:
    """(whole units, 'MMYY') from a date-wrapped code."""
    if not code.isdigit() or len(code) < DATE_DIGITS + 1:
        raise InvalidInput(f"{code!r} is not a date-wrapped cost code.")
    cost_length = len(code) - DATE_DIGITS
    front = (cost_length + 1) // 2
    mmyy = code[front : front + DATE_DIGITS]
    return int(code[:front] + code[front + DATE_DIGITS :]), mmyy
