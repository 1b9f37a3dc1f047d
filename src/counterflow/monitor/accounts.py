"""Account-level scoring, for data labelled per account rather than per transaction.

Some sources label accounts, not transactions: IBM AMLSim's ``nodes.csv`` marks the accounts
that took part in laundering (``isFraud``). There the question an analyst asks is "which
accounts should I look at?", so each account is described by what its transactions look
like: for every transaction feature, its mean and maximum over the account's outgoing and
incoming transactions, plus activity counts. The same LightGBM scorer then learns on
accounts, split 60/20/20 in the order the accounts first became active.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from numpy.typing import NDArray

from counterflow.monitor.scoring import DesignMatrix


def account_design(txns: pl.DataFrame, design: DesignMatrix, n_accounts: int) -> DesignMatrix:
    """Aggregate a transaction design matrix into one row per account id ``0..n-1``."""
    numeric = [i for i, n in enumerate(design.names) if n not in design.categorical]
    names = [design.names[i] for i in numeric]
    frame = pl.DataFrame(design.values[:, numeric], schema=names, orient="row")
    base = pl.DataFrame({"account_id": np.arange(n_accounts, dtype=np.int32)})
    for side in ("src_id", "dst_id"):
        tag = "out" if side == "src_id" else "in"
        agg = (
            frame.with_columns(txns.get_column(side).alias("account_id"))
            .group_by("account_id")
            .agg(
                pl.len().alias(f"{tag}_count"),
                *(pl.col(c).mean().alias(f"{tag}_mean_{c}") for c in names),
                *(pl.col(c).max().alias(f"{tag}_max_{c}") for c in names),
            )
        )
        base = base.join(
            agg.with_columns(pl.col("account_id").cast(pl.Int32)), on="account_id", how="left"
        )
    base = base.drop("account_id")
    values = base.fill_null(float("nan")).to_numpy().astype(np.float32)
    return DesignMatrix(np.ascontiguousarray(values), tuple(base.columns), categorical=())


def first_seen_order(txns: pl.DataFrame, n_accounts: int) -> NDArray[np.int64]:
    """Account ids ordered by the time of their first transaction (ties by id)."""
    first = np.full(n_accounts, np.iinfo(np.int64).max, dtype=np.int64)
    ts = txns.get_column("ts").dt.epoch("s").to_numpy()
    for side in ("src_id", "dst_id"):
        ids = txns.get_column(side).to_numpy()
        np.minimum.at(first, ids, ts)
    return np.lexsort((np.arange(n_accounts), first)).astype(np.int64)
