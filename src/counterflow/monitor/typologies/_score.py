"""Scores from margins: how far an instance is past each threshold it had to meet.

A margin is the log-ratio of the observed value to its threshold, ``ln(value/threshold)``
for a lower bound ("at least 5 counterparties") and ``ln(threshold/value)`` for an upper
bound ("within 24 hours"), clipped to ``[0, 3]``. The score is ``1 - exp(-mean margin)/2``:
exactly at every threshold it is 0.5, it rises towards 1 as the instance is further past
them, and it stays in ``[0, 1]`` (at most ``1 - e^-3/2 = 0.975``). Log-ratios make the
margins comparable across thresholds of different units (counts, dollars, hours, shares).
"""

from __future__ import annotations

import polars as pl

MAX_MARGIN = 3.0


def margin(value: pl.Expr, threshold: float, *, upper: bool = False) -> pl.Expr:
    """The clipped log-ratio of ``value`` past ``threshold`` (``upper``: value must stay below)."""
    if threshold <= 0:
        raise ValueError(f"a scored threshold must be positive, got {threshold}")
    v = value.cast(pl.Float64).clip(lower_bound=1e-9)
    ratio = (threshold / v) if upper else (v / threshold)
    return ratio.log().clip(0.0, MAX_MARGIN).fill_nan(0.0).fill_null(0.0)


def score(*margins: pl.Expr) -> pl.Expr:
    """The score column from the margins of one instance."""
    mean = pl.sum_horizontal(*margins) / len(margins)
    return (1.0 - 0.5 * (-mean).exp()).clip(0.0, 1.0).alias("score")
