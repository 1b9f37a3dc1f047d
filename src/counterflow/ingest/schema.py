"""Polars dtypes of the transaction column contract, derived in one place.

:mod:`counterflow.model.columns` declares the columns as data (name, logical type, required)
and stays standard-library only; this module is the single place that turns each logical
:class:`~counterflow.model.ColumnType` into a Polars dtype. Readers build their output with
:func:`conform`, writers select with :func:`canonical_names`, so a column added to the
contract flows through ingest without touching any reader.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from counterflow.model import (
    ACCOUNT_ID_COLUMNS,
    GROUND_TRUTH_COLUMNS,
    TRANSACTION_COLUMNS,
    Column,
    ColumnType,
)

#: Timestamps are microseconds in UTC everywhere (Parquet ``TIMESTAMP(MICROS, UTC)``).
UTC_DATETIME = pl.Datetime("us", "UTC")

POLARS_DTYPES: dict[ColumnType, pl.DataType] = {
    ColumnType.STRING: pl.String(),
    ColumnType.TIMESTAMP_UTC: UTC_DATETIME,
    ColumnType.FLOAT: pl.Float64(),
    ColumnType.INT8: pl.Int8(),
    ColumnType.INT32: pl.Int32(),
    ColumnType.INT64: pl.Int64(),
}


def dtype_of(column: Column) -> pl.DataType:
    """The Polars dtype of one contract column."""
    return POLARS_DTYPES[column.type]


def _schema(columns: Iterable[Column]) -> dict[str, pl.DataType]:
    return {c.name: dtype_of(c) for c in columns}


#: The canonical transaction columns, in contract order.
CANONICAL_SCHEMA: dict[str, pl.DataType] = _schema(TRANSACTION_COLUMNS)
#: The optional ground-truth columns (``label``, ``pattern``, ``pattern_id``).
GROUND_TRUTH_SCHEMA: dict[str, pl.DataType] = _schema(GROUND_TRUTH_COLUMNS)
#: Dense account ids added by ingest (``src_id``, ``dst_id``).
ACCOUNT_ID_SCHEMA: dict[str, pl.DataType] = _schema(ACCOUNT_ID_COLUMNS)
#: The columns of a ledger's account table.
ACCOUNT_SCHEMA: dict[str, pl.DataType] = {"account_id": pl.Int32(), "account": pl.String()}


def canonical_names(frame_columns: Iterable[str]) -> list[str]:
    """Canonical columns plus whichever ground-truth columns are present, in contract order.

    This is what goes into a canonical file: the dense ids are an in-memory convenience and
    are recomputed on every read.
    """
    present = set(frame_columns)
    return list(CANONICAL_SCHEMA) + [c for c in GROUND_TRUTH_SCHEMA if c in present]


def conform(frame: pl.DataFrame | pl.LazyFrame) -> pl.LazyFrame:
    """Select the canonical (+ present ground-truth) columns and cast each to its dtype.

    A missing required column raises :class:`polars.exceptions.ColumnNotFoundError`, so
    readers check their headers first and report a missing column as an ``InputError``.
    """
    lazy = frame.lazy()
    names = canonical_names(lazy.collect_schema().names())
    schema = CANONICAL_SCHEMA | GROUND_TRUTH_SCHEMA
    return lazy.select(pl.col(name).cast(schema[name]) for name in names)
