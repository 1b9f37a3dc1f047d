"""Per-instance flow statistics of an account's legs: what came in, what went out, when.

Gather-scatter, pass-through and funnel reason about what one account receives and what it
pays in the same window. They slide windows over both kinds of legs of the account
(:mod:`counterflow.monitor.typologies._index`) and summarise each instance here.
"""

from __future__ import annotations

import polars as pl

_IN = pl.col("inflow")
_OUT = ~pl.col("inflow")

#: Per-instance flow statistics over member legs (columns of ``Legs.members``).
FLOW_AGGS: tuple[pl.Expr, ...] = (
    pl.col("acct").first().alias("acct_acct"),
    pl.col("cp").filter(_IN).n_unique().alias("n_src"),
    pl.col("cp").filter(_OUT).n_unique().alias("n_dst"),
    _IN.sum().alias("n_in"),
    _OUT.sum().alias("n_out"),
    pl.col("usd").filter(_IN).sum().alias("in_usd"),
    pl.col("usd").filter(_OUT).sum().alias("out_usd"),
    # amount-weighted mean times of receipts and payments: their gap is the holding time
    ((pl.col("_t") * pl.col("usd")).filter(_IN).sum() / pl.col("usd").filter(_IN).sum()).alias(
        "t_in"
    ),
    ((pl.col("_t") * pl.col("usd")).filter(_OUT).sum() / pl.col("usd").filter(_OUT).sum()).alias(
        "t_out"
    ),
    pl.col("_t").min().alias("t0"),
    pl.col("_t").max().alias("t1"),
    pl.len().alias("n_legs"),
)


def instance_flows(rows: pl.DataFrame, *extra: pl.Expr) -> pl.DataFrame:
    """:data:`FLOW_AGGS` (+ ``extra``) per instance, with ``ratio`` (out/in) and ``holding``."""
    return (
        rows.group_by("inst")
        .agg(*FLOW_AGGS, *extra)
        .with_columns(
            ratio=pl.col("out_usd") / pl.col("in_usd"),
            holding=pl.col("t_out") - pl.col("t_in"),
        )
    )
