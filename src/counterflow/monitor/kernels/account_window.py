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

import numpy as np
from numba import prange
from numpy.typing import NDArray

from counterflow.monitor.kernels._jit import kernel, parallel_kernel

OUT, IN = 0, 1
ST_COUNT, ST_FAN, ST_SUM, ST_MEAN, ST_STD, ST_MIN, ST_MAX, ST_BELOW, ST_RATIO, ST_Z = range(10)
N_STATS = 10
RS_SECS_PREV, RS_SECS_CREDIT = 0, 1
N_ROLE_STATS = 2


@kernel
def incidence(
    src: NDArray[np.int32], dst: NDArray[np.int32], n_accounts: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Each account's incident entries ``2*e + direction``, ascending (CSR)."""
    ptr = np.zeros(n_accounts + 1, dtype=np.int64)
    for e in range(src.size):
        ptr[src[e] + 1] += 1
        ptr[dst[e] + 1] += 1
    for a in range(n_accounts):
        ptr[a + 1] += ptr[a]
    fill = ptr[:-1].copy()
    ent = np.empty(2 * src.size, dtype=np.int64)
    for e in range(src.size):
        ent[fill[src[e]]] = 2 * e + OUT
        fill[src[e]] += 1
        ent[fill[dst[e]]] = 2 * e + IN
        fill[dst[e]] += 1
    return ptr, ent


@kernel
def _emit(
    row: int,
    role: int,
    a: float,
    shift: float,
    cnt: NDArray[np.int64],
    fan: NDArray[np.int64],
    s1: NDArray[np.float64],
    s2: NDArray[np.float64],
    nbelow: NDArray[np.int64],
    dq_val: NDArray[np.float64],
    dq_head: NDArray[np.int64],
    dq_tail: NDArray[np.int64],
    minmax: NDArray[np.bool_],
    colmap: NDArray[np.int64],
    out: NDArray[np.float32],
) -> None:
    nan = np.nan
    for w in range(colmap.shape[1]):
        for d in range(2):
            c = cnt[w, d]
            mean = nan
            std = nan
            if c > 0:
                m1 = s1[w, d] / c
                mean = shift + m1
                std = np.sqrt(max(s2[w, d] / c - m1 * m1, 0.0))
            cols = colmap[role, w, d]
            if cols[ST_COUNT] >= 0:
                out[row, cols[ST_COUNT]] = c
            if cols[ST_FAN] >= 0:
                out[row, cols[ST_FAN]] = fan[w, d]
            if cols[ST_SUM] >= 0:
                out[row, cols[ST_SUM]] = s1[w, d] + c * shift if c > 0 else 0.0
            if cols[ST_MEAN] >= 0:
                out[row, cols[ST_MEAN]] = mean
            if cols[ST_STD] >= 0:
                out[row, cols[ST_STD]] = std
            if cols[ST_BELOW] >= 0:
                out[row, cols[ST_BELOW]] = nbelow[w, d]
            if minmax[w]:
                lo_v = nan
                hi_v = nan
                if c > 0:
                    lo_v = dq_val[w, d, 0, dq_head[w, d, 0]]
                    hi_v = dq_val[w, d, 1, dq_head[w, d, 1]]
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
                    m1p = (s1[w, d] - x) / cp
                    mean_p = shift + m1p
                    if mean_p > 0.0:
                        ratio = a / mean_p
                    if cp > 1:
                        sd_p = np.sqrt(max((s2[w, d] - x * x) / cp - m1p * m1p, 0.0))
                        if sd_p > 1e-6 * max(abs(mean_p), 1.0):
                            z = (a - mean_p) / sd_p
                if cols[ST_RATIO] >= 0:
                    out[row, cols[ST_RATIO]] = ratio
                if cols[ST_Z] >= 0:
                    out[row, cols[ST_Z]] = z


@kernel
def walk_account(
    k0: int,
    k1: int,
    ent: NDArray[np.int64],
    ts: NDArray[np.int64],
    amount: NDArray[np.float64],
    below: NDArray[np.uint8],
    pair_prev: NDArray[np.int32],
    pair_next: NDArray[np.int32],
    windows: NDArray[np.int64],
    minmax: NDArray[np.bool_],
    colmap: NDArray[np.int64],
    colrole: NDArray[np.int64],
    horizon: int,
    emit_from: int,
    out: NDArray[np.float32],
    cnt: NDArray[np.int64],
    fan: NDArray[np.int64],
    s1: NDArray[np.float64],
    s2: NDArray[np.float64],
    nbelow: NDArray[np.int64],
    lo: NDArray[np.int64],
    dq_pos: NDArray[np.int64],
    dq_val: NDArray[np.float64],
    dq_head: NDArray[np.int64],
    dq_tail: NDArray[np.int64],
) -> None:
    """Walk one account's entries ``ent[k0:k1]`` and emit its side of each edge's features."""
    nw = windows.size
    cnt[:] = 0
    fan[:] = 0
    s1[:] = 0.0
    s2[:] = 0.0
    nbelow[:] = 0
    lo[:] = k0
    dq_head[:] = 0
    dq_tail[:] = 0
    # Sums are kept relative to the account's first amount to limit cancellation in the
    # variance of accounts whose amounts are large and alike.
    shift = amount[ent[k0] >> 1]
    last_t = np.int64(0)
    last_in_t = np.int64(0)
    seen = False
    seen_in = False
    k = k0
    while k < k1:
        e = ent[k] >> 1
        t = ts[e]
        for w in range(nw):
            cut = t - windows[w]
            j = lo[w]
            while j < k and ts[ent[j] >> 1] <= cut:
                f = ent[j] >> 1
                d = ent[j] & 1
                x = amount[f] - shift
                cnt[w, d] -= 1
                s1[w, d] -= x
                s2[w, d] -= x * x
                if cnt[w, d] == 0:
                    # An empty window sums to exactly zero, not to rounding residue.
                    s1[w, d] = 0.0
                    s2[w, d] = 0.0
                nbelow[w, d] -= below[f]
                if pair_next[f] >= e:
                    fan[w, d] -= 1
                if minmax[w]:
                    for kind in range(2):
                        h = dq_head[w, d, kind]
                        if h < dq_tail[w, d, kind] and dq_pos[w, d, kind, h] == j:
                            dq_head[w, d, kind] = h + 1
                j += 1
            lo[w] = j
        a = amount[e]
        x = a - shift
        p = pair_prev[e]
        k2 = k
        while k2 < k1 and (ent[k2] >> 1) == e:
            d = ent[k2] & 1
            for w in range(nw):
                cnt[w, d] += 1
                s1[w, d] += x
                s2[w, d] += x * x
                nbelow[w, d] += below[e]
                if p < 0 or ts[p] <= t - windows[w]:
                    fan[w, d] += 1
                if minmax[w]:
                    tl = dq_tail[w, d, 0]
                    while tl > dq_head[w, d, 0] and dq_val[w, d, 0, tl - 1] >= a:
                        tl -= 1
                    dq_pos[w, d, 0, tl] = k2
                    dq_val[w, d, 0, tl] = a
                    dq_tail[w, d, 0] = tl + 1
                    tl = dq_tail[w, d, 1]
                    while tl > dq_head[w, d, 1] and dq_val[w, d, 1, tl - 1] <= a:
                        tl -= 1
                    dq_pos[w, d, 1, tl] = k2
                    dq_val[w, d, 1, tl] = a
                    dq_tail[w, d, 1] = tl + 1
            k2 += 1
        if e >= emit_from:
            row = e - emit_from
            for kk in range(k, k2):
                role = ent[kk] & 1
                _emit(
                    row,
                    role,
                    a,
                    shift,
                    cnt,
                    fan,
                    s1,
                    s2,
                    nbelow,
                    dq_val,
                    dq_head,
                    dq_tail,
                    minmax,
                    colmap,
                    out,
                )
                c = colrole[role, RS_SECS_PREV]
                if c >= 0:
                    out[row, c] = t - last_t if seen and t - last_t < horizon else np.nan
                c = colrole[role, RS_SECS_CREDIT]
                if c >= 0:
                    out[row, c] = t - last_in_t if seen_in and t - last_in_t < horizon else np.nan
        seen = True
        last_t = t
        if (ent[k2 - 1] & 1) == IN:
            seen_in = True
            last_in_t = t
        k = k2


@parallel_kernel
def account_windows(
    inc_ptr: NDArray[np.int64],
    inc_ent: NDArray[np.int64],
    ts: NDArray[np.int64],
    amount: NDArray[np.float64],
    below: NDArray[np.uint8],
    pair_prev: NDArray[np.int32],
    pair_next: NDArray[np.int32],
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
    nw = windows.size
    for gi in prange(groups.size - 1):
        a0 = groups[gi]
        a1 = groups[gi + 1]
        cap = 1
        for acct in range(a0, a1):
            cap = max(cap, inc_ptr[acct + 1] - inc_ptr[acct])
        if not minmax.any():
            cap = 1
        cnt = np.zeros((nw, 2), dtype=np.int64)
        fan = np.zeros((nw, 2), dtype=np.int64)
        s1 = np.zeros((nw, 2), dtype=np.float64)
        s2 = np.zeros((nw, 2), dtype=np.float64)
        nbelow = np.zeros((nw, 2), dtype=np.int64)
        lo = np.zeros(nw, dtype=np.int64)
        dq_pos = np.empty((nw, 2, 2, cap), dtype=np.int64)
        dq_val = np.empty((nw, 2, 2, cap), dtype=np.float64)
        dq_head = np.zeros((nw, 2, 2), dtype=np.int64)
        dq_tail = np.zeros((nw, 2, 2), dtype=np.int64)
        for acct in range(a0, a1):
            k0 = inc_ptr[acct]
            k1 = inc_ptr[acct + 1]
            if k1 > k0:
                walk_account(
                    k0,
                    k1,
                    inc_ent,
                    ts,
                    amount,
                    below,
                    pair_prev,
                    pair_next,
                    windows,
                    minmax,
                    colmap,
                    colrole,
                    horizon,
                    emit_from,
                    out,
                    cnt,
                    fan,
                    s1,
                    s2,
                    nbelow,
                    lo,
                    dq_pos,
                    dq_val,
                    dq_head,
                    dq_tail,
                )
