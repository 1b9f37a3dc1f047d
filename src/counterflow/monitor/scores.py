"""Per-transaction scores as a Parquet file: what the model thought of every row."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import polars as pl
from numpy.typing import NDArray


def write_scores(
    txns: pl.DataFrame, scores: NDArray[np.float64], flagged: NDArray[np.bool_], path: Path
) -> None:
    """Write ``txn_id, score, flagged`` atomically (temporary file, then rename)."""
    frame = pl.DataFrame(
        {
            "txn_id": txns.get_column("txn_id"),
            "score": scores.astype(np.float32),
            "flagged": flagged,
        }
    )
    tmp = path.with_name(f".{path.name}.tmp")
    frame.write_parquet(tmp)
    os.replace(tmp, path)
