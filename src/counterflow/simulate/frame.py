"""From working arrays to the canonical Polars frame (model.columns) plus ground truth.

Rows are sorted by time (ties broken at random, so row order leaks nothing about labels),
``txn_id`` follows that order, codes become the canonical strings and ``amount_usd`` is
the amount divided by the day's rate for riel.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl

from counterflow.ingest import POLARS_DTYPES
from counterflow.model.columns import GROUND_TRUTH_COLUMNS, TRANSACTION_COLUMNS
from counterflow.simulate.codes import CHANNELS, CURRENCIES, PATTERN_ORDER
from counterflow.simulate.currency import to_usd
from counterflow.simulate.ledger import Batch
from counterflow.simulate.scene import Scene

#: Output schema: the canonical transaction columns, then label, pattern and pattern_id.
SCHEMA: dict[str, pl.DataType] = {
    c.name: POLARS_DTYPES[c.type] for c in (*TRANSACTION_COLUMNS, *GROUND_TRUTH_COLUMNS)
}


def _nullable(codes: npt.NDArray[np.int8] | npt.NDArray[np.int64]) -> pl.Series:
    s = pl.Series(codes.astype(np.int64))
    return s.set(s < 0, None)


def to_frame(rng: np.random.Generator, batch: Batch, scene: Scene) -> pl.DataFrame:
    """The world's transactions as the canonical frame, sorted by ``ts``."""
    acc, clock = scene.accounts, scene.clock
    order = np.lexsort((rng.random(len(batch)), batch.t))
    b = batch.take(order)
    del batch, order
    names = pl.Series(acc.names, dtype=pl.String)
    banks = pl.Series(acc.bank_names, dtype=pl.String)
    n = len(b)
    pattern_codes = _nullable(b.pattern)
    frame = pl.DataFrame(
        {
            "txn_id": pl.select(
                pl.format("T{}", pl.int_range(n, dtype=pl.Int64).cast(pl.String).str.zfill(10))
            ).to_series(),
            "ts": pl.Series((clock.start_epoch + b.t) * 1_000_000).cast(SCHEMA["ts"]),
            "src_account": names.gather(b.src),
            "dst_account": names.gather(b.dst),
            "amount": b.amount,
            "currency": pl.Series(CURRENCIES, dtype=pl.String).gather(b.currency),
            "amount_usd": to_usd(b.amount, b.currency, clock.local_day(b.t), scene.rates),
            "channel": pl.Series(CHANNELS, dtype=pl.String).gather(b.channel),
            "src_bank": banks.gather(acc.bank[b.src]),
            "dst_bank": banks.gather(acc.bank[b.dst]),
            "label": (b.pattern >= 0).astype(np.int8),
            "pattern": pl.Series([str(p) for p in PATTERN_ORDER], dtype=pl.String).gather(
                pattern_codes
            ),
            "pattern_id": _nullable(b.pattern_id),
        }
    )
    return frame.select(pl.col(name).cast(dtype) for name, dtype in SCHEMA.items())
