"""The model base: one database proxy, initialised by jeweltui.db.open_database()."""

from __future__ import annotations

from datetime import UTC, datetime

from peewee import DatabaseProxy, Field, Model

database_proxy = DatabaseProxy()

# Fixed width, always UTC, so text comparison in SQL (expires_at > now) is time order.
UTC_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def to_utc_text(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("naive datetime: times must carry a timezone")
    return value.astimezone(UTC).strftime(UTC_FORMAT)


class UTCDateTimeField(Field):
    """A timezone-aware datetime stored as fixed-width UTC text."""

    field_type = "TEXT"

    def db_value(self, value):
        if value is None or isinstance(value, str):
            return value
        return to_utc_text(value)

    def python_value(self, value):
        if value is None:
            return None
        # fromisoformat reads our fixed format (with its Z) several times faster than
        # strptime, whose first call alone costs a CLI command milliseconds.
        parsed = datetime.fromisoformat(value)
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


class BaseModel(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False
