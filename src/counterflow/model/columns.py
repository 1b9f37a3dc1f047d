"""The canonical transaction column contract, declared once as data.

Every reader in :mod:`counterflow.ingest` produces exactly these columns and every writer,
feature miner and detector consumes them; the Polars dtypes are derived from
:class:`ColumnType` in the ingest layer (this module stays standard-library only).

A transaction is one directed transfer of value ``src_account -> dst_account`` at ``ts``.
``amount`` is in ``currency``; ``amount_usd`` is its USD equivalent at the day's rate, the
figure that thresholds (USD 10,000 cash reporting, Cambodia's KHR 40 million) are compared
against. Ground truth, where a generator or an investigation supplies it, travels in the
optional ``label`` / ``pattern`` / ``pattern_id`` columns.

Ingest also adds dense integer account ids (``src_id``, ``dst_id``: int32, 0..n-1) because
the graph kernels work on plain arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ColumnType(StrEnum):
    """Logical column types; the ingest layer maps each to one Arrow/Polars dtype."""

    STRING = "string"
    TIMESTAMP_UTC = "timestamp_utc"  # microsecond precision, time zone UTC
    FLOAT = "float"  # float64; ledger amounts in the OLTP database are Decimal instead
    INT8 = "int8"
    INT32 = "int32"
    INT64 = "int64"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the contract: its name, type, whether it must be present, its meaning."""

    name: str
    type: ColumnType
    required: bool
    doc: str


TRANSACTION_COLUMNS: tuple[Column, ...] = (
    Column("txn_id", ColumnType.STRING, True, "unique transaction identifier"),
    Column("ts", ColumnType.TIMESTAMP_UTC, True, "value date and time, UTC"),
    Column("src_account", ColumnType.STRING, True, "paying account"),
    Column("dst_account", ColumnType.STRING, True, "receiving account"),
    Column("amount", ColumnType.FLOAT, True, "amount in the transaction currency"),
    Column("currency", ColumnType.STRING, True, "ISO 4217 code, e.g. USD, KHR"),
    Column("amount_usd", ColumnType.FLOAT, True, "USD equivalent at the day's rate"),
    Column("channel", ColumnType.STRING, True, "payment format: wire, ach, card, cash, ..."),
    Column("src_bank", ColumnType.STRING, True, "bank of the paying account"),
    Column("dst_bank", ColumnType.STRING, True, "bank of the receiving account"),
)

GROUND_TRUTH_COLUMNS: tuple[Column, ...] = (
    Column("label", ColumnType.INT8, False, "1 if the transaction is laundering, else 0"),
    Column("pattern", ColumnType.STRING, False, "typology of the planted instance, or null"),
    Column("pattern_id", ColumnType.INT64, False, "planted instance id, or null"),
)

ACCOUNT_ID_COLUMNS: tuple[Column, ...] = (
    Column("src_id", ColumnType.INT32, True, "dense id of src_account"),
    Column("dst_id", ColumnType.INT32, True, "dense id of dst_account"),
)


def required_columns() -> tuple[str, ...]:
    """Names of the columns every canonical transaction file must carry."""
    return tuple(c.name for c in TRANSACTION_COLUMNS if c.required)
