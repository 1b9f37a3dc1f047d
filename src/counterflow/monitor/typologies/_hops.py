"""Forwarding hops: a transfer into an account followed soon by a similar transfer out of it.

Layering moves money through intermediaries: ``a -> b`` then ``b -> c`` shortly after, for
most of the amount (FATF 2018, Professional Money Laundering: mules forward funds within
hours or days, keeping a small fee). A *hop* pairs a receipt of ``b`` with one of the next
``successors`` payments of ``b`` that leaves within ``max_delay_us`` and carries between
``min_ratio`` and ``max_ratio`` of the amount (USD). Chains, cycles, scatter-gathers and
wage sweeps are built from hops.

Hubs are never intermediaries: a payment processor receives and pays all day, so pairing its
flows would link unrelated customers.

Vectorised over the leg index (:mod:`counterflow.monitor.typologies._index`): each receipt
finds the next payment of the same account with one array look-up, then ``successors``
shifted look-ups (a loop of 3 steps, not over transactions).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl

from counterflow.monitor.typologies._frame import Frame
from counterflow.monitor.typologies._index import legs, next_payment

HOP_SCHEMA = {
    "in_row": pl.Int64,
    "out_row": pl.Int64,
    "a": pl.Int32,
    "b": pl.Int32,
    "c": pl.Int32,
    "t_in": pl.Int64,
    "t_out": pl.Int64,
    "amt_in": pl.Float64,
    "amt_out": pl.Float64,
}


def forward_hops(
    frame: Frame,
    *,
    max_delay_us: int,
    min_ratio: float,
    max_ratio: float,
    hub_txns_per_day: float,
    min_amount_usd: float = 0.0,
    successors: int = 3,
    incoming: npt.NDArray[np.bool_] | None = None,
) -> pl.DataFrame:
    """Hops ``a -> b -> c`` as a frame (``HOP_SCHEMA``); ``in_row``/``out_row`` are ``_row``.

    Only receipts of at least ``min_amount_usd`` start a hop. ``incoming`` optionally
    restricts which transactions (by position in ``frame.df``) may start a hop.
    """
    every = legs(frame)
    look = next_payment(frame)
    n, n_pay = len(every), look.order.size
    start = every.inflow & ~frame.hubs(hub_txns_per_day)[every.acct]
    start &= (every.usd > 0) & (every.usd >= min_amount_usd)
    if incoming is not None:
        start &= incoming[every.pos]
    j = np.flatnonzero(start)
    first = look.first[j]
    has_next = first < n
    rank = look.rank[np.minimum(first, n - 1)]
    ins: list[npt.NDArray[np.int64]] = []
    outs: list[npt.NDArray[np.int64]] = []
    for k in range(successors):
        r = rank + k
        ok = has_next & (r < n_pay)
        o = look.order[np.clip(r, 0, max(n_pay - 1, 0))] if n_pay else j
        ratio = every.usd[o] / every.usd[j]
        ok &= (every.acct[o] == every.acct[j]) & (every.t[o] - every.t[j] <= max_delay_us)
        ok &= (ratio >= min_ratio) & (ratio <= max_ratio)
        ins.append(j[ok])
        outs.append(o[ok])
    i_in = np.concatenate(ins)
    i_out = np.concatenate(outs)
    return pl.DataFrame(
        {
            "in_row": every.row_of[every.pos[i_in]],
            "out_row": every.row_of[every.pos[i_out]],
            "a": every.cp[i_in],
            "b": every.acct[i_in],
            "c": every.cp[i_out],
            "t_in": every.t[i_in],
            "t_out": every.t[i_out],
            "amt_in": every.usd[i_in],
            "amt_out": every.usd[i_out],
        },
        schema=HOP_SCHEMA,
    )
