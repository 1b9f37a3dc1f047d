"""The design matrix the model sees: graph features, detector hits and raw attributes.

AMLworld's baselines feed LightGBM the mined graph features *plus* the raw transaction
attributes (amount, currencies, payment format, banks); we do the same and add the typology
detectors' hits, so a pattern a detector recognises is one feature among many rather than a
verdict. Categorical attributes are coded with maps learnt at training time and stored with
the model, so a batch scored later is coded identically (an unseen value becomes missing).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl
from numpy.typing import NDArray

CATEGORICAL = ("currency", "channel")
"""Raw attributes given to LightGBM as categories."""


@dataclass(frozen=True, slots=True)
class DesignMatrix:
    """Model input: ``values[i]`` describes transaction row ``i``."""

    values: NDArray[np.float32]
    names: tuple[str, ...]
    categorical: tuple[str, ...]

    def take(self, rows: NDArray[np.int64]) -> DesignMatrix:
        """The rows ``rows`` of this matrix."""
        return DesignMatrix(self.values[rows], self.names, self.categorical)


def category_maps(txns: pl.DataFrame) -> dict[str, dict[str, int]]:
    """Learn a stable code for each categorical value (sorted, so reproducible)."""
    maps: dict[str, dict[str, int]] = {}
    for col in CATEGORICAL:
        values = sorted(v for v in txns.get_column(col).unique().to_list() if v is not None)
        maps[col] = {v: i for i, v in enumerate(values)}
    return maps


def _raw_attributes(
    txns: pl.DataFrame, maps: Mapping[str, Mapping[str, int]]
) -> tuple[list[NDArray[np.float32]], list[str]]:
    usd = txns.get_column("amount_usd").to_numpy().astype(np.float64)
    amount = txns.get_column("amount").to_numpy().astype(np.float64)
    cols: list[NDArray[np.float32]] = [
        np.log1p(np.maximum(usd, 0.0)).astype(np.float32),
        # Cents carry signal in both directions: laundering layers often move odd amounts
        # after fees, cash structuring moves whole notes.
        (np.round(amount * 100.0) % 100.0).astype(np.float32),
        (txns.get_column("src_bank") == txns.get_column("dst_bank")).to_numpy().astype(np.float32),
        (txns.get_column("src_id") == txns.get_column("dst_id")).to_numpy().astype(np.float32),
    ]
    names = ["raw_log_amount_usd", "raw_cents", "raw_same_bank", "raw_self_transfer"]
    for col in CATEGORICAL:
        mapping = maps.get(col, {})
        coded = (
            txns.get_column(col)
            .replace_strict(dict(mapping), default=None, return_dtype=pl.Float32)
            .fill_null(float("nan"))
            .to_numpy()
        )
        cols.append(coded.astype(np.float32))
        names.append(f"raw_{col}")
    return cols, names


def build_design(
    txns: pl.DataFrame,
    features: NDArray[np.float32],
    feature_names: Sequence[str],
    hits: Mapping[str, NDArray[np.int8]],
    maps: Mapping[str, Mapping[str, int]],
) -> DesignMatrix:
    """Stack features, detector hits and raw attributes column-wise."""
    n = txns.height
    if features.shape[0] != n:
        raise ValueError(f"feature rows {features.shape[0]} != transactions {n}")
    raw, raw_names = _raw_attributes(txns, maps)
    hit_names = sorted(hits)
    blocks: list[NDArray[np.float32]] = [features.astype(np.float32, copy=False)]
    if hit_names:
        blocks.append(np.column_stack([hits[h].astype(np.float32) for h in hit_names]))
    blocks.append(np.column_stack(raw))
    values = np.ascontiguousarray(np.hstack(blocks), dtype=np.float32)
    names = (*feature_names, *(f"hit_{h}" for h in hit_names), *raw_names)
    return DesignMatrix(
        values=values, names=tuple(names), categorical=tuple(f"raw_{c}" for c in CATEGORICAL)
    )
