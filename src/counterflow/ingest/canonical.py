"""Reader of canonical transaction files: CSV with the canonical header, or Parquet.

The canonical layout is the column contract of :mod:`counterflow.model.columns`:
``txn_id, ts, src_account, dst_account, amount, currency, amount_usd, channel, src_bank,
dst_bank`` plus the optional ground truth ``label, pattern, pattern_id``. Columns may come
in any order; unknown extra columns are ignored.

* **CSV**: a header line naming the columns, then one transaction per line. ``ts`` is ISO
  8601 (``2022-09-01T00:20:00Z``); a time without an offset is UTC. Amounts are plain
  decimals (``1250.75``), ``currency`` an ISO 4217 code, ``label`` 0/1, ``pattern`` a
  :class:`~counterflow.model.Typology` value or empty.
* **Parquet**: one file, or a directory partitioned by day
  (``day=YYYY-MM-DD/part-0.parquet``, as :func:`~counterflow.ingest.write_canonical`
  writes it); the ``day`` key is dropped. Columns are cast to the contract's dtypes; a naive
  timestamp is UTC. In error messages a Parquet "line" is the 1-based row number.

Every value is checked (see :mod:`counterflow.ingest.fields`); ``txn_id`` must be unique.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from counterflow.ingest import parsers as p
from counterflow.ingest.fields import FieldSpec, validate
from counterflow.ingest.ledger import Ledger, build_ledger
from counterflow.ingest.quarantine import Quarantine
from counterflow.ingest.rawcsv import LINE, field_column, read_raw_csv
from counterflow.ingest.schema import CANONICAL_SCHEMA, GROUND_TRUTH_SCHEMA
from counterflow.model import GROUND_TRUTH_COLUMNS, TRANSACTION_COLUMNS, ColumnType, InputError

_CHECKS: dict[str, tuple[p.Parse, str]] = {
    "amount": (p.amount_ok, p.AMOUNT_EXPECTED),
    "amount_usd": (p.amount_ok, p.AMOUNT_EXPECTED),
    "currency": (p.code_ok, p.CODE_EXPECTED),
    "label": (p.flag_ok, p.FLAG_EXPECTED),
    "pattern": (p.typology_ok, p.TYPOLOGY_EXPECTED),
    "pattern_id": (p.non_negative_ok, "a whole number >= 0"),
}


def _parser(name: str, source_dtype: pl.DataType) -> p.Parse:
    kind = next(c.type for c in (*TRANSACTION_COLUMNS, *GROUND_TRUTH_COLUMNS) if c.name == name)
    if kind is ColumnType.TIMESTAMP_UTC:
        return lambda raw: p.datetime_to_utc(raw, source_dtype)
    if kind is ColumnType.FLOAT:
        return p.number
    if kind is ColumnType.STRING:
        return p.text
    return p.integer((CANONICAL_SCHEMA | GROUND_TRUTH_SCHEMA)[name])


def _spec(name: str, source: str, source_dtype: pl.DataType) -> FieldSpec:
    valid: p.Parse | None
    if name == "ts":
        valid, expected = None, p.ISO_EXPECTED
    else:
        valid, expected = _CHECKS.get(name, (p.text_ok, p.TEXT_EXPECTED))
    iso_text = name == "ts" and source_dtype == pl.String
    return FieldSpec(
        name=name,
        source=source,
        label=name,
        parse=p.iso_timestamp_z if iso_text else _parser(name, source_dtype),
        expected=expected,
        valid=valid,
        required=name in CANONICAL_SCHEMA,
        unique=name == "txn_id",
        fallback=p.iso_timestamp if iso_text else None,
    )


def _present(columns: list[str], path: Path, *, line: int | None) -> list[str]:
    for name in CANONICAL_SCHEMA:
        if name not in columns:
            raise InputError(
                f"missing column {name!r}; expected the canonical columns "
                + ", ".join(CANONICAL_SCHEMA),
                path=str(path),
                line=line,
                field=name,
            )
    return [c for c in (*CANONICAL_SCHEMA, *GROUND_TRUTH_SCHEMA) if c in columns]


def has_canonical_header(path: Path) -> bool:
    """True if the first line of the CSV file names every required canonical column."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        names = {n.strip().strip('"') for n in handle.readline().lstrip("\ufeff").split(",")}
    return set(CANONICAL_SCHEMA) <= names


def _read_csv(path: Path, quarantine: Quarantine) -> pl.DataFrame:
    table = read_raw_csv(path)
    names = _present(list(table.header), path, line=1)
    specs = [_spec(n, field_column(table.header.index(n)), pl.String()) for n in names]
    checked = validate(
        table.rows, specs, path=str(path), width=len(table.header), header=table.header
    )
    return quarantine.keep_good(checked)


def _scan_parquet(path: Path) -> pl.DataFrame:
    try:
        frame = pl.read_parquet(path, hive_partitioning=path.is_dir())
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise InputError(f"cannot be read as Parquet ({exc})", path=str(path)) from exc
    return frame.drop("day", strict=False) if path.is_dir() else frame


def _read_parquet(path: Path, quarantine: Quarantine) -> pl.DataFrame:
    frame = _scan_parquet(path)
    names = _present(frame.columns, path, line=None)
    ts_dtype = frame.schema["ts"]
    if not (ts_dtype == pl.String or isinstance(ts_dtype, pl.Datetime | pl.Date)):
        raise InputError(
            f"column 'ts' has type {ts_dtype}; expected a timestamp or ISO 8601 text",
            path=str(path),
            field="ts",
        )
    raw = frame.select(pl.col(n).alias(f"raw:{n}") for n in names).with_row_index(LINE, offset=1)
    specs = [_spec(n, f"raw:{n}", frame.schema[n]) for n in names]
    return quarantine.keep_good(validate(raw, specs, path=str(path)))


def read_canonical(path: Path, *, quarantine: Path | None = None) -> Ledger:
    """Read a canonical CSV file, Parquet file or day-partitioned Parquet directory."""
    sink = Quarantine(quarantine)
    is_parquet = path.is_dir() or path.suffix.lower() == ".parquet"
    frame = _read_parquet(path, sink) if is_parquet else _read_csv(path, sink)
    return build_ledger(frame, source=str(path), quarantined=sink.finish())
