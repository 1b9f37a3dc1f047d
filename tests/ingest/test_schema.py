"""The Polars dtypes derive from the model's column contract, in one place."""

from __future__ import annotations

import polars as pl

from counterflow.ingest import POLARS_DTYPES
from counterflow.ingest.schema import (
    ACCOUNT_ID_SCHEMA,
    CANONICAL_SCHEMA,
    GROUND_TRUTH_SCHEMA,
    canonical_names,
    conform,
)
from counterflow.model import (
    ACCOUNT_ID_COLUMNS,
    GROUND_TRUTH_COLUMNS,
    TRANSACTION_COLUMNS,
    ColumnType,
)


def test_every_logical_type_has_a_dtype():
    assert set(POLARS_DTYPES) == set(ColumnType)
    assert POLARS_DTYPES[ColumnType.TIMESTAMP_UTC] == pl.Datetime("us", "UTC")


def test_schemas_follow_the_contract_order():
    assert list(CANONICAL_SCHEMA) == [c.name for c in TRANSACTION_COLUMNS]
    assert list(GROUND_TRUTH_SCHEMA) == [c.name for c in GROUND_TRUTH_COLUMNS]
    assert list(ACCOUNT_ID_SCHEMA) == [c.name for c in ACCOUNT_ID_COLUMNS]
    assert CANONICAL_SCHEMA["amount"] == pl.Float64
    assert GROUND_TRUTH_SCHEMA["label"] == pl.Int8
    assert ACCOUNT_ID_SCHEMA["src_id"] == pl.Int32


def test_conform_orders_casts_and_keeps_only_present_ground_truth(canonical_txns):
    shuffled = canonical_txns.select(reversed(canonical_txns.columns)).drop("pattern_id")
    shuffled = shuffled.with_columns(pl.col("label").cast(pl.Int64), pl.lit(1).alias("extra"))
    out = conform(shuffled).collect()
    assert out.columns == [*CANONICAL_SCHEMA, "label", "pattern"]
    assert out.schema["label"] == pl.Int8
    assert canonical_names(["label", "x", "pattern_id"]) == [
        *CANONICAL_SCHEMA,
        "label",
        "pattern_id",
    ]
