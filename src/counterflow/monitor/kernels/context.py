"""Windowed statistics of per-transaction scores around an account: the context kernel.

The second scoring stage (:mod:`counterflow.monitor.scoring.context`) asks, for every
transaction and each of its two accounts, "how suspicious are this account's *other*
transactions near this time?". The driver lays the scores out as segments, one per
``(account, direction)`` key, sorted by time (a CSR: ``ptr``, ``ts``, ``score``), with
prefix sums of the scores and of the indicator ``score >= level``. A query is a key, a time
``t``, a window ``[t - back, t + ahead]`` and the query's own entry (excluded from its
context) or ``-1``:

- count, sum and count above ``level`` are exact in O(log segment) per query (two binary
  searches and prefix-sum differences), whatever the account's degree;
- the maximum is taken over at most ``cap`` entries of the window, the nearest in time
  first (``cap // 2`` before ``t``, the rest from ``t`` on), so a hub with 100,000
  transactions costs ``cap`` steps, not 100,000. When the window holds more entries the
  maximum is a lower bound.
"""

from __future__ import annotations

import numpy as np
from numba import prange
from numpy.typing import NDArray

from counterflow.monitor.kernels._jit import inline_kernel, parallel_kernel

CX_COUNT, CX_SUM, CX_MAX, CX_ABOVE = 0, 1, 2, 3
N_CONTEXT = 4


@inline_kernel
def _first_after(ts: NDArray[np.int64], lo: int, hi: int, t: int, strict: bool) -> int:
    """First position in ``[lo, hi)`` with ``ts > t`` (``strict``) or ``ts >= t``."""
    while lo < hi:
        mid = (lo + hi) // 2
        if ts[mid] > t or (not strict and ts[mid] == t):
            hi = mid
        else:
            lo = mid + 1
    return lo


@parallel_kernel
def window_context(
    ptr: NDArray[np.int64],
    ts: NDArray[np.int64],
    score: NDArray[np.float64],
    pre_sum: NDArray[np.float64],
    pre_above: NDArray[np.int64],
    q_key: NDArray[np.int64],
    q_ts: NDArray[np.int64],
    q_self: NDArray[np.int64],
    back: int,
    ahead: int,
    level: float,
    cap: int,
    out: NDArray[np.float64],
) -> None:
    """Fill ``out[q] = (count, sum, max, above)`` of the window of every query ``q``.

    ``pre_sum[p]`` / ``pre_above[p]`` hold the sums of ``score`` / ``score >= level`` over
    the sorted entries ``[0, p)``. An empty window gives ``(0, 0, NaN, 0)``.
    """
    for q in prange(q_key.size):
        k = q_key[q]
        t = q_ts[q]
        a, b = ptr[k], ptr[k + 1]
        lo = _first_after(ts, a, b, t - back, False)
        hi = _first_after(ts, lo, b, t + ahead, True)
        me = q_self[q]
        mine = lo <= me < hi
        count = hi - lo
        total = pre_sum[hi] - pre_sum[lo]
        above = pre_above[hi] - pre_above[lo]
        if mine:
            count -= 1
            total -= score[me]
            if score[me] >= level:
                above -= 1
        best = np.nan
        mid = _first_after(ts, lo, hi, t, True)
        steps = 0
        p = mid - 1
        while p >= lo and steps < cap // 2:
            if p != me and not (score[p] <= best):
                best = score[p]
            steps += 1
            p -= 1
        p = mid
        while p < hi and steps < cap:
            if p != me and not (score[p] <= best):
                best = score[p]
            steps += 1
            p += 1
        out[q, CX_COUNT] = count
        out[q, CX_SUM] = total
        out[q, CX_MAX] = best
        out[q, CX_ABOVE] = above
