"""Vectorised field parsers: a raw column in, a typed column out, null where unparsable.

Each parser is a function ``pl.Expr -> pl.Expr`` with ``strict=False`` casts, so one bad
value never aborts a read of millions of rows; :mod:`counterflow.ingest.fields` then finds
the rows where the raw value was present but the parsed one is null, and only for those
builds a message. Each ``*_ok`` function is the matching validity check on the parsed value.

Timestamps follow ISO 8601 (RFC 3339 profile): ``2022-09-01T00:20:00Z``,
``2022-09-01 00:20:00.5+07:00``; a time without an offset is taken as UTC, the canonical
contract's zone. AMLworld's ``2022/09/01 00:20`` has its own format string.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from counterflow.ingest.schema import UTC_DATETIME
from counterflow.model import Typology

Parse = Callable[[pl.Expr], pl.Expr]

ISO_EXPECTED = "an ISO 8601 date and time such as 2022-09-01T00:20:00Z (no offset means UTC)"
AMOUNT_EXPECTED = "a non-negative decimal number such as 1250.75"
FLAG_EXPECTED = "0 or 1"
TEXT_EXPECTED = "a non-empty value"
CODE_EXPECTED = "a three-letter upper-case ISO 4217 code such as USD"
TYPOLOGY_VALUES: tuple[str, ...] = tuple(t.value for t in Typology)
TYPOLOGY_EXPECTED = "empty or one of " + ", ".join(TYPOLOGY_VALUES)


def text(raw: pl.Expr) -> pl.Expr:
    """The value as a string (null stays null)."""
    return raw.cast(pl.String)


def text_ok(value: pl.Expr) -> pl.Expr:
    """True where the string is not empty."""
    return value.str.len_bytes() > 0


def iso_timestamp_z(raw: pl.Expr) -> pl.Expr:
    """Fast path for the one form our writers emit: ``2022-09-01T00:20:00[.250]Z``."""
    return raw.str.to_datetime(
        "%Y-%m-%dT%H:%M:%S%.fZ", time_unit="us", time_zone="UTC", strict=False
    )


def iso_timestamp(raw: pl.Expr) -> pl.Expr:
    """Parse ISO 8601 date-times with or without a UTC offset into UTC microseconds."""
    s = raw.str.replace(r"^(\d{4}-\d{2}-\d{2}) ", "${1}T").str.replace(r"Z$", "+00:00")
    with_offset = s.str.to_datetime(
        "%Y-%m-%dT%H:%M:%S%.f%z", time_unit="us", time_zone="UTC", strict=False
    )
    naive = s.str.to_datetime("%Y-%m-%dT%H:%M:%S%.f", time_unit="us", time_zone="UTC", strict=False)
    return pl.coalesce(with_offset, naive)  # a string parses in at most one of the two


def datetime_to_utc(raw: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """A Datetime column (naive = UTC, or in any zone) as UTC microseconds."""
    if isinstance(dtype, pl.Datetime) and dtype.time_zone is None:
        raw = raw.dt.replace_time_zone("UTC")
    elif isinstance(dtype, pl.Datetime):
        raw = raw.dt.convert_time_zone("UTC")
    elif isinstance(dtype, pl.Date):
        raw = raw.cast(pl.Datetime("us")).dt.replace_time_zone("UTC")
    return raw.cast(UTC_DATETIME, strict=False)


def timestamp(fmt: str) -> Parse:
    """A parser for naive UTC timestamps in one ``strftime`` format."""

    def parse(raw: pl.Expr) -> pl.Expr:
        return raw.str.to_datetime(fmt, time_unit="us", time_zone="UTC", strict=False)

    return parse


def number(raw: pl.Expr) -> pl.Expr:
    """A decimal number (``1250.75``, ``1e3``) as float64."""
    return raw.cast(pl.Float64, strict=False)


def amount_ok(value: pl.Expr) -> pl.Expr:
    """True where the amount is a finite number >= 0 (NaN, inf and negatives are bad)."""
    return value.is_finite() & (value >= 0)


def integer(dtype: pl.DataType) -> Parse:
    """A parser for whole numbers of ``dtype`` (``1.0`` is not a whole number here)."""

    def parse(raw: pl.Expr) -> pl.Expr:
        return raw.cast(dtype, strict=False)

    return parse


def flag_ok(value: pl.Expr) -> pl.Expr:
    """True where the value is 0 or 1."""
    return value.is_in([0, 1])


def non_negative_ok(value: pl.Expr) -> pl.Expr:
    """True where the integer is >= 0."""
    return value >= 0


def code_ok(value: pl.Expr) -> pl.Expr:
    """True where the value looks like an ISO 4217 code."""
    return value.str.contains(r"^[A-Z]{3}$")


def typology_ok(value: pl.Expr) -> pl.Expr:
    """True where the value is a :class:`~counterflow.model.Typology` value."""
    return value.is_in(TYPOLOGY_VALUES)
