"""Writers of canonical transaction files: Parquet (one file or partitioned by day) and CSV.

What is written is the column contract only: the canonical columns plus whichever of the
ground-truth columns (``label``, ``pattern``, ``pattern_id``) the frame has, in contract
order and dtypes. The dense ``src_id``/``dst_id`` are dropped: they depend on the set of
accounts read together and are recomputed on every read.

* Parquet partitioned by day is a directory of ``day=YYYY-MM-DD/part-0.parquet`` files
  (Hive-style keys, the layout Spark and Polars read natively); the day is the UTC date.
* CSV writes ``ts`` as ISO 8601 with a ``Z`` (``2022-09-01T00:20:00Z``, fractional seconds
  only when present) and floats in their shortest exact decimal form, so a read gives back
  the same values.

All writes are atomic (:mod:`.atomic`): on failure nothing is left half-written.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from counterflow.ingest.atomic import atomic_path
from counterflow.ingest.schema import CANONICAL_SCHEMA, conform
from counterflow.model import InputError

ISO_FORMAT = "%Y-%m-%dT%H:%M:%S%.fZ"
PART_FILE = "part-0.parquet"


def canonical_frame(txns: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """The contract columns of ``txns`` with contract dtypes; InputError if one is missing."""
    columns = txns.collect_schema().names()
    for name in CANONICAL_SCHEMA:
        if name not in columns:
            raise InputError(
                f"missing column {name!r}; expected the canonical columns "
                + ", ".join(CANONICAL_SCHEMA),
                field=name,
            )
    return conform(txns).collect()


def _write_days(frame: pl.DataFrame, root: Path) -> None:
    day = pl.col("ts").dt.date().alias("day")
    parts = frame.with_columns(day).partition_by("day", maintain_order=True, as_dict=True)
    for (value,), part in parts.items():
        folder = root / f"day={value}"
        folder.mkdir()
        part.drop("day").write_parquet(folder / PART_FILE)


def write_canonical(txns: pl.DataFrame, path: Path, *, partition_by_day: bool = False) -> Path:
    """Write ``txns`` as canonical Parquet: one file, or a directory partitioned by day."""
    frame = canonical_frame(txns)
    path = Path(path)
    if partition_by_day:
        with atomic_path(path, directory=True) as tmp:
            _write_days(frame, tmp)
    else:
        with atomic_path(path) as tmp:
            frame.write_parquet(tmp)
    return path


def write_canonical_csv(txns: pl.DataFrame, path: Path) -> Path:
    """Write ``txns`` as a canonical CSV file with a header line."""
    frame = canonical_frame(txns)
    path = Path(path)
    with atomic_path(path) as tmp:
        frame.write_csv(tmp, datetime_format=ISO_FORMAT)
    return path
