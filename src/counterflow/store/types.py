"""Column types that behave the same on SQLite and PostgreSQL.

- :class:`UTCDateTime`: aware UTC datetimes in, aware UTC datetimes out. PostgreSQL stores
  ``timestamp with time zone``; SQLite has no date type at all and SQLAlchemy stores a
  string without offset, so values are converted to UTC before writing and marked UTC
  when read. Naive datetimes are refused: a time without a zone is a bug waiting for a
  daylight-saving change.
- :class:`StrEnumType`: a :class:`~enum.StrEnum` stored as its value in a ``VARCHAR``
  (no native enum type, so adding a member never needs an ``ALTER TYPE``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import DateTime, Dialect, String
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime, always returned in UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()}: pass an aware UTC datetime")
        value = value.astimezone(UTC)
        # SQLite's DATETIME drops the offset when formatting; store naive UTC explicitly.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


E = TypeVar("E", bound=StrEnum)


class StrEnumType(TypeDecorator[E]):
    """A :class:`~enum.StrEnum` kept as its ``value`` in a ``VARCHAR(length)``."""

    impl = String
    cache_ok = True

    def __init__(self, enum_class: type[E], length: int = 32) -> None:
        super().__init__(length)
        self.enum_class = enum_class
        self.length = length

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum_class(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> E | None:
        if value is None:
            return None
        return self.enum_class(value)
