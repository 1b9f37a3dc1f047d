"""Who an account paid and who paid it, per counterparty: the edges of a network view.

When an analyst expands an account node, the network view asks for its counterparties in
a window, each pair aggregated (count, USD total, first and last payment), largest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import polars as pl

from counterflow.model import NotFoundError
from counterflow.trace.index import FlowIndex, from_micros


@dataclass(frozen=True, slots=True)
class PairFlow:
    """All payments ``src -> dst`` in the window, aggregated."""

    src: str
    dst: str
    count: int
    amount_usd: float
    first_ts: datetime
    last_ts: datetime


def counterparties(
    index: FlowIndex,
    account: str,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    limit: int = 25,
) -> list[PairFlow]:
    """The account's payers and payees in ``[start, end]``, per pair, largest amount first.

    Payments in both directions with the same counterparty are two pairs (``a -> b`` and
    ``b -> a``). Unknown accounts raise NotFoundError.
    """
    (me,) = index.ids([account])
    if me < 0:
        raise NotFoundError(f"no transactions of account {account!r} in the store")
    lo, hi = index.window(start, end)
    positions = np.concatenate(
        [
            index.out_txn[index.out_ptr[me] : index.out_ptr[me + 1]],
            index.in_txn[index.in_ptr[me] : index.in_ptr[me + 1]],
        ]
    )
    positions = np.unique(positions[(positions >= lo) & (positions < hi)])  # a self-payment once
    if positions.size == 0 or limit <= 0:
        return []
    pairs = (
        pl.DataFrame(
            {
                "src": index.src[positions],
                "dst": index.dst[positions],
                "usd": index.amount_usd[positions],
                "ts": index.ts[positions],
            }
        )
        .group_by("src", "dst")
        .agg(
            pl.len().alias("count"),
            pl.col("usd").sum(),
            pl.col("ts").min().alias("first"),
            pl.col("ts").max().alias("last"),
        )
        .sort(["usd", "src", "dst"], descending=[True, False, False])
        .head(limit)
    )
    return [
        PairFlow(
            src=index.name(src),
            dst=index.name(dst),
            count=int(count),
            amount_usd=float(amount),
            first_ts=from_micros(first),
            last_ts=from_micros(last),
        )
        for src, dst, count, amount, first, last in pairs.iter_rows()
    ]
