"""One family of domain errors, each with a message a shop assistant understands."""

from __future__ import annotations


class JewelError(Exception):
    """Base of every error we show to a user. The message is the user's message."""

    exit_code = 1

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field  # the form field at fault, when there is one

    def __str__(self) -> str:
        return self.message


class UnknownCode(JewelError):
    """A code that names no piece, location, customer, staff member or job."""


class InvalidInput(JewelError):
    """A value that fails validation: negative price, malformed SKU, bad date."""


class NotAvailable(JewelError):
    """The piece cannot be sold, held or moved that way right now; says why."""


class AlreadySold(NotAvailable):
    """The piece is sold already."""


class DatabaseBusy(JewelError):
    """Another program holds the database lock for longer than we wait."""

    exit_code = 3


class DatabaseProblem(JewelError):
    """The file is missing, not a jeweltui database, or damaged."""

    exit_code = 4


class StorageProblem(JewelError):
    """The disk is full or failing: nothing was changed."""

    exit_code = 5
