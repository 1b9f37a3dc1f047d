"""Cycles closed by a payment: money that comes back to where it started.

Round-tripping is the oldest laundering pattern (FATF; AMLworld's "cycle" typology): funds
leave an account and return to it through a chain of others. For the edge ``i = u -> v``
this kernel counts the simple cycles ``v -> x_1 -> ... -> u -> v`` that ``i`` closes, i.e.
the simple paths from ``v`` back to ``u`` through edges of the window (ids ``[lo, i)``),
bucketed by cycle length (2 to ``max_len`` edges). Two flavours, as in snapml:

- *temporal* cycles: the path's edges are in time order (increasing ids), so the money
  could really have flowed around the loop;
- *length-constrained simple* cycles: any order inside the window.

Cycles are counted by their vertex sequence (parallel payments along the same loop count
once). The search runs backwards from ``u`` over incoming edges, latest first, taking each
predecessor once through its latest edge below the current bound (the most permissive
choice for the temporal flavour). At each vertex ``x`` the closing edge ``v -> x`` is
checked in O(1) with the pair oracle instead of scanning ``x``'s in-edges for ``v``.

Work is bounded: every oracle check and every scanned edge costs one unit of ``budget``;
the search stops when it is spent and reports ``capped = 1``.
"""

from __future__ import annotations

import numpy as np
from numba import prange
from numpy.typing import NDArray

from counterflow.monitor.kernels._jit import kernel, parallel_kernel
from counterflow.monitor.kernels.graph import (
    TemporalGraph,
    first_at_or_after,
    pair_edge_at_or_after,
)


@kernel
def cycles_edge(
    g: TemporalGraph,
    i: int,
    lo: int,
    max_len: int,
    budget: int,
    temporal: bool,
    counts: NDArray[np.int64],
    path: NDArray[np.int64],
    bound: NDArray[np.int64],
    pos: NDArray[np.int64],
) -> int:
    """Fill ``counts[L]`` (cycles of length ``L``) for edge ``i``; return ``capped``.

    ``path``, ``bound`` and ``pos`` are scratch arrays of length ``max_len``.
    """
    counts[:] = 0
    u = int(g.src[i])
    v = int(g.dst[i])
    if u == v or max_len < 2:
        return 0
    used = 0
    # Enter u at depth 0.
    depth = 0
    path[0] = u
    bound[0] = i
    if used >= budget:
        return 1
    used += 1
    if pair_edge_at_or_after(g, v, u, lo) < i:
        counts[2] += 1
    if max_len > 2:
        pos[0] = first_at_or_after(g.in_edge, g.in_ptr[u], g.in_ptr[u + 1], i) - 1
    else:
        pos[0] = g.in_ptr[u] - 1
    while depth >= 0:
        x = path[depth]
        q = pos[depth]
        if q < g.in_ptr[x] or g.in_edge[q] < lo:
            depth -= 1
            continue
        if used >= budget:
            return 1
        used += 1
        pos[depth] = q - 1
        b = bound[depth]
        if g.in_pnext[q] < b:
            continue  # a later edge of the same pair below the bound exists
        y = int(g.in_src[q])
        if y == v:
            continue  # closing edges are found by the oracle
        on_path = False
        for d in range(depth + 1):
            if path[d] == y:
                on_path = True
                break
        if on_path:
            continue
        nb = int(g.in_edge[q]) if temporal else i
        # Enter y at depth + 1: check the closing edge v -> y.
        if used >= budget:
            return 1
        used += 1
        if pair_edge_at_or_after(g, v, y, lo) < nb:
            counts[depth + 3] += 1
        if depth + 3 < max_len:
            depth += 1
            path[depth] = y
            bound[depth] = nb
            pos[depth] = first_at_or_after(g.in_edge, g.in_ptr[y], g.in_ptr[y + 1], nb) - 1
    return 0


@parallel_kernel
def cycles(
    g: TemporalGraph,
    lo: NDArray[np.int64],
    max_len: int,
    budget: int,
    temporal: bool,
    emit_from: int,
    block: int,
    cols: NDArray[np.int64],
    out: NDArray[np.float32],
) -> None:
    """Edges ``emit_from..n-1`` in parallel blocks.

    ``cols[L]`` (``L`` in 2..max_len) receives the count of cycles of length ``L``,
    ``cols[0]`` the total, ``cols[1]`` whether the budget was hit; ``-1`` skips a column.
    """
    n = g.src.size
    n_blocks = (n - emit_from + block - 1) // block
    for b in prange(n_blocks):
        counts = np.zeros(max_len + 1, dtype=np.int64)
        path = np.zeros(max_len, dtype=np.int64)
        bound = np.zeros(max_len, dtype=np.int64)
        pos = np.zeros(max_len, dtype=np.int64)
        e0 = emit_from + b * block
        e1 = e0 + block if e0 + block < n else n
        for i in range(e0, e1):
            capped = cycles_edge(g, i, lo[i], max_len, budget, temporal, counts, path, bound, pos)
            row = i - emit_from
            total = 0
            for length in range(2, max_len + 1):
                total += counts[length]
                if cols[length] >= 0:
                    out[row, cols[length]] = counts[length]
            if cols[0] >= 0:
                out[row, cols[0]] = total
            if cols[1] >= 0:
                out[row, cols[1]] = capped
