"""Per-account sliding windows: counts, distinct counterparties and amount statistics.

Each account's incident edges (outgoing and incoming, merged in edge order) are walked once.
For every window length ``W`` the walk keeps, per direction (out = the account pays,
in = the account is paid), the edges with ``t_edge > t_now - W``: their count (degree),
number of distinct counterparties (fan), shifted sums of amounts and of squares, the count
flagged "just below the reporting threshold", and monotone deques for the minimum and
maximum. Every edge enters and leaves a window once, so the walk is amortised O(1) per
edge and window, whatever the account's degree: a hub with a million edges costs a million
steps, not a million squared.

Distinct counterparties are exact with no hash map: an entering edge is new iff the previous
edge of the same pair (``pair_prev``) already left the window, and a leaving edge removes a
counterparty iff it was the last one of its pair seen so far (``pair_next >= current``).

Accounts are independent, so groups of accounts run in parallel (``prange``), each thread
writing disjoint rows of the output. Stats are written straight into the float32 feature
matrix through ``colmap[role, window, direction, stat]`` (``-1``: not requested), role 0
being the transaction's source and role 1 its destination.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import prange
from numpy.typing import NDArray

from counterflow.monitor.kernels._jit import inline_kernel, kernel, parallel_kernel
from counterflow.monitor.kernels.graph import IN

ST_COUNT, ST_FAN, ST_SUM, ST_MEAN, ST_STD, ST_MIN, ST_MAX, ST_BELOW, ST_RATIO, ST_Z = range(10)
N_STATS = 10
RS_SECS_PREV, RS_SECS_CREDIT = 0, 1
N_ROLE_STATS = 2


class Entries(NamedTuple):
    """Each account's incident edges in walk order, with what the walk reads of them.

    Gathered once (:func:`gather_entries`) so the walk reads memory sequentially instead of
    chasing edge ids into the big per-edge arrays.
    """

    ent: NDArray[np.int64]  # 2 * edge + direction
    ts: NDArray[np.int64]
    amount: NDArray[np.float64]
    below: NDArray[np.uint8]
    pair_next: NDArray[np.int32]  # next edge of the same pair (n if none)
    pair_prev_ts: NDArray[np.int64]  # time of the previous edge of the same pair


class WalkState(NamedTuple):
    """Scratch of one walk: per window ``w`` and direction ``d`` (0 out, 1 in)."""

    cnt: NDArray[np.int64]  # (nw, 2) edges in the window
    fan: NDArray[np.int64]  # (nw, 2) distinct counterparties
    s1: NDArray[np.float64]  # (nw, 2) sum of (amount - shift)
    s2: NDArray[np.float64]  # (nw, 2) sum of (amount - shift) ** 2
    nbelow: NDArray[np.int64]  # (nw, 2) just-below-threshold edges
    lo: NDArray[np.int64]  # (nw,) first entry still inside the window
    dq_pos: NDArray[np.int64]  # (nw, 2, 2, cap) min / max monotone deques: entry positions
    dq_val: NDArray[np.float64]  # (nw, 2, 2, cap) ... and amounts
    dq_head: NDArray[np.int64]  # (nw, 2, 2)
    dq_tail: NDArray[np.int64]  # (nw, 2, 2)


SPREAD_FLOOR = 1e-3
"""Standard deviations below this fraction of the mean (or of USD 1) count as zero: the
windowed running sums cannot resolve them reliably, and a z-score against them would be
rounding noise, different between a partitioned and a single pass."""


@inline_kernel
def _emit(
    row: int,
    role: int,
    a: float,
    shift: float,
    st: WalkState,
    minmax: NDArray[np.bool_],
    colmap: NDArray[np.int64],
    out: NDArray[np.float32],
) -> None:
    """Write the stats of both directions, every window, for one endpoint of edge ``row``."""
    nan = np.nan
    for w in range(colmap.shape[1]):
        for d in range(2):
            c = st.cnt[w, d]
            mean = nan
            std = nan
            if c > 0:
                m1 = st.s1[w, d] / c
                mean = shift + m1
                std = np.sqrt(max(st.s2[w, d] / c - m1 * m1, 0.0))
                # Running sums carry rounding drift; a spread under SPREAD_FLOOR of the mean
                # is indistinguishable from equal amounts, so it is reported as none.
                if std <= SPREAD_FLOOR * max(abs(mean), 1.0):
                    std = 0.0
            cols = colmap[role, w, d]
            if cols[ST_COUNT] >= 0:
                out[row, cols[ST_COUNT]] = c
            if cols[ST_FAN] >= 0:
                out[row, cols[ST_FAN]] = st.fan[w, d]
            if cols[ST_SUM] >= 0:
                out[row, cols[ST_SUM]] = st.s1[w, d] + c * shift if c > 0 else 0.0
            if cols[ST_MEAN] >= 0:
                out[row, cols[ST_MEAN]] = mean
            if cols[ST_STD] >= 0:
                out[row, cols[ST_STD]] = std
            if cols[ST_BELOW] >= 0:
                out[row, cols[ST_BELOW]] = st.nbelow[w, d]
            if minmax[w]:
                lo_v = nan
                hi_v = nan
                if c > 0:
                    lo_v = st.dq_val[w, d, 0, st.dq_head[w, d, 0]]
                    hi_v = st.dq_val[w, d, 1, st.dq_head[w, d, 1]]
                if cols[ST_MIN] >= 0:
                    out[row, cols[ST_MIN]] = lo_v
                if cols[ST_MAX] >= 0:
                    out[row, cols[ST_MAX]] = hi_v
            if d == role and (cols[ST_RATIO] >= 0 or cols[ST_Z] >= 0):
                # The amount against the same direction's *earlier* edges in the window.
                cp = c - 1
                ratio = nan
                z = nan
                if cp > 0:
                    x = a - shift
                    m1p = (st.s1[w, d] - x) / cp
                    mean_p = shift + m1p
                    if mean_p > 0.0:
                        ratio = a / mean_p
                    if cp > 1:
                        sd_p = np.sqrt(max((st.s2[w, d] - x * x) / cp - m1p * m1p, 0.0))
                        # Identical earlier amounts (rent, salary) leave rounding residue
                        # in the running sums, not a real spread: no z-score then.
                        if sd_p > SPREAD_FLOOR * max(abs(mean_p), 1.0):
                            z = (a - mean_p) / sd_p
                if cols[ST_RATIO] >= 0:
                    out[row, cols[ST_RATIO]] = ratio
                if cols[ST_Z] >= 0:
                    out[row, cols[ST_Z]] = z


@parallel_kernel
def gather_entries(
    ent: NDArray[np.int64],
    ts: NDArray[np.int64],
    amount: NDArray[np.float64],
    below: NDArray[np.uint8],
    pair_prev: NDArray[np.int32],
    pair_next: NDArray[np.int32],
) -> Entries:
    """Copy the per-edge values the walk needs into entry order."""
    m = ent.size
    e_ts = np.empty(m, dtype=np.int64)
    e_amount = np.empty(m, dtype=np.float64)
    e_below = np.empty(m, dtype=np.uint8)
    e_next = np.empty(m, dtype=np.int32)
    e_prev_ts = np.empty(m, dtype=np.int64)
    never = np.iinfo(np.int64).min // 2
    for k in prange(m):
        e = ent[k] >> 1
        e_ts[k] = ts[e]
        e_amount[k] = amount[e]
        e_below[k] = below[e]
        e_next[k] = pair_next[e]
        p = pair_prev[e]
        e_prev_ts[k] = ts[p] if p >= 0 else never
    return Entries(ent, e_ts, e_amount, e_below, e_next, e_prev_ts)


@inline_kernel
def new_state(nw: int, cap: int) -> WalkState:
    """Scratch for walks over accounts with at most ``cap`` entries."""
    return WalkState(
        np.zeros((nw, 2), dtype=np.int64),
        np.zeros((nw, 2), dtype=np.int64),
        np.zeros((nw, 2), dtype=np.float64),
        np.zeros((nw, 2), dtype=np.float64),
        np.zeros((nw, 2), dtype=np.int64),
        np.zeros(nw, dtype=np.int64),
        np.empty((nw, 2, 2, cap), dtype=np.int64),
        np.empty((nw, 2, 2, cap), dtype=np.float64),
        np.zeros((nw, 2, 2), dtype=np.int64),
        np.zeros((nw, 2, 2), dtype=np.int64),
    )


@inline_kernel
def _expire(st: WalkState, en: Entries, w: int, j: int, e: int, shift: float, minmax: bool) -> None:
    """Entry ``j`` leaves window ``w`` (``e``: the edge now entering)."""
    d = en.ent[j] & 1
    x = en.amount[j] - shift
    st.cnt[w, d] -= 1
    st.s1[w, d] -= x
    st.s2[w, d] -= x * x
    if st.cnt[w, d] == 0:
        # An empty window sums to exactly zero, not to rounding residue.
        st.s1[w, d] = 0.0
        st.s2[w, d] = 0.0
    st.nbelow[w, d] -= en.below[j]
    if en.pair_next[j] >= e:
        st.fan[w, d] -= 1  # the last edge of its pair seen so far: a counterparty leaves
    if minmax:
        for kind in range(2):
            h = st.dq_head[w, d, kind]
            if h < st.dq_tail[w, d, kind] and st.dq_pos[w, d, kind, h] == j:
                st.dq_head[w, d, kind] = h + 1


@inline_kernel
def _enter(
    st: WalkState, en: Entries, w: int, k: int, cut: int, shift: float, minmax: bool
) -> None:
    """Entry ``k`` enters window ``w`` (``cut``: edges at or before it have left)."""
    d = en.ent[k] & 1
    a = en.amount[k]
    x = a - shift
    st.cnt[w, d] += 1
    st.s1[w, d] += x
    st.s2[w, d] += x * x
    st.nbelow[w, d] += en.below[k]
    if en.pair_prev_ts[k] <= cut:
        st.fan[w, d] += 1  # no earlier edge of the pair in the window: a new counterparty
    if minmax:
        tl = st.dq_tail[w, d, 0]
        while tl > st.dq_head[w, d, 0] and st.dq_val[w, d, 0, tl - 1] >= a:
            tl -= 1
        st.dq_pos[w, d, 0, tl] = k
        st.dq_val[w, d, 0, tl] = a
        st.dq_tail[w, d, 0] = tl + 1
        tl = st.dq_tail[w, d, 1]
        while tl > st.dq_head[w, d, 1] and st.dq_val[w, d, 1, tl - 1] <= a:
            tl -= 1
        st.dq_pos[w, d, 1, tl] = k
        st.dq_val[w, d, 1, tl] = a
        st.dq_tail[w, d, 1] = tl + 1


@inline_kernel
def walk_account(
    k0: int,
    k1: int,
    en: Entries,
    windows: NDArray[np.int64],
    minmax: NDArray[np.bool_],
    colmap: NDArray[np.int64],
    colrole: NDArray[np.int64],
    horizon: int,
    emit_from: int,
    st: WalkState,
    out: NDArray[np.float32],
) -> None:
    """Walk one account's entries ``k0..k1-1`` and emit its side of each edge's features."""
    nw = windows.size
    st.cnt[:] = 0
    st.fan[:] = 0
    st.s1[:] = 0.0
    st.s2[:] = 0.0
    st.nbelow[:] = 0
    st.lo[:] = k0
    st.dq_head[:] = 0
    st.dq_tail[:] = 0
    # Sums are kept relative to the account's first amount to limit cancellation in the
    # variance of accounts whose amounts are large and alike.
    shift = en.amount[k0]
    last_t = 0
    last_in_t = 0
    seen = False
    seen_in = False
    k = k0
    while k < k1:
        e = en.ent[k] >> 1
        t = en.ts[k]
        k2 = k + 1
        while k2 < k1 and (en.ent[k2] >> 1) == e:
            k2 += 1  # a self-loop: its out and in entries enter together
        for w in range(nw):
            cut = t - windows[w]
            j = st.lo[w]
            while j < k and en.ts[j] <= cut:
                _expire(st, en, w, j, e, shift, minmax[w])
                j += 1
            st.lo[w] = j
            for kk in range(k, k2):
                _enter(st, en, w, kk, cut, shift, minmax[w])
        if e >= emit_from:
            row = e - emit_from
            for kk in range(k, k2):
                role = en.ent[kk] & 1
                _emit(row, role, en.amount[k], shift, st, minmax, colmap, out)
                c = colrole[role, RS_SECS_PREV]
                if c >= 0:
                    out[row, c] = t - last_t if seen and t - last_t < horizon else np.nan
                c = colrole[role, RS_SECS_CREDIT]
                if c >= 0:
                    out[row, c] = t - last_in_t if seen_in and t - last_in_t < horizon else np.nan
        seen = True
        last_t = t
        if (en.ent[k2 - 1] & 1) == IN:
            seen_in = True
            last_in_t = t
        k = k2


@kernel
def walk_group(
    a0: int,
    a1: int,
    inc_ptr: NDArray[np.int64],
    en: Entries,
    windows: NDArray[np.int64],
    minmax: NDArray[np.bool_],
    colmap: NDArray[np.int64],
    colrole: NDArray[np.int64],
    horizon: int,
    emit_from: int,
    out: NDArray[np.float32],
) -> None:
    """Walk accounts ``a0..a1-1`` with one scratch state."""
    cap = 1
    if minmax.any():
        for acct in range(a0, a1):
            cap = max(cap, inc_ptr[acct + 1] - inc_ptr[acct])
    st = new_state(windows.size, cap)
    for acct in range(a0, a1):
        k0 = inc_ptr[acct]
        k1 = inc_ptr[acct + 1]
        if k1 > k0:
            walk_account(k0, k1, en, windows, minmax, colmap, colrole, horizon, emit_from, st, out)


@parallel_kernel
def account_windows(
    inc_ptr: NDArray[np.int64],
    en: Entries,
    windows: NDArray[np.int64],
    minmax: NDArray[np.bool_],
    colmap: NDArray[np.int64],
    colrole: NDArray[np.int64],
    horizon: int,
    emit_from: int,
    out: NDArray[np.float32],
    groups: NDArray[np.int64],
) -> None:
    """Walk every account; ``groups`` cuts the accounts into ranges of similar total work."""
    for gi in prange(groups.size - 1):
        walk_group(
            groups[gi],
            groups[gi + 1],
            inc_ptr,
            en,
            windows,
            minmax,
            colmap,
            colrole,
            horizon,
            emit_from,
            out,
        )
