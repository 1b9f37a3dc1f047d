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
checked without scanning: against ``v``'s few out-neighbours in the window, gathered once
per search, or, when ``v`` is a hub, with the pair hash table. Two shortcuts never change a
count: if ``v`` paid no one in the window nothing is searched, and a vertex at the level
above the leaves is expanded only if it is two hops from ``v`` (its predecessors could then
be ``v``'s out-neighbours); both are restated in the twin because they save budget.

Work is bounded: every closing-edge check and every scanned edge costs one unit of
``budget``; the search stops when it is spent and reports ``capped = 1``.
"""

from __future__ import annotations

import numpy as np
from numba import prange
from numpy.typing import NDArray

from counterflow.monitor.kernels._jit import inline_kernel, kernel, parallel_kernel
from counterflow.monitor.kernels.graph import (
    ADJ_EDGE,
    ADJ_OTHER,
    ADJ_PNEXT,
    EP_DST_OUT_BEFORE,
    EP_DST_OUT_START,
    EP_SRC_IN_BEFORE,
    EP_SRC_IN_START,
    PAYER_IN_BEFORE,
    PAYER_IN_END,
    PAYER_IN_START,
    TemporalGraph,
    pair_edge_at_or_after,
    search_adj,
)
from counterflow.monitor.kernels.neighbours import LOCAL, RING, RING_SOURCES, collect, lookup


@inline_kernel
def _closes(
    g: TemporalGraph,
    v: int,
    x: int,
    lo: int,
    bound: int,
    k: int,
    who: NDArray[np.int64],
    first: NDArray[np.int64],
) -> bool:
    """Is there an edge ``v -> x`` with id in ``[lo, bound)``?"""
    if k < 0:
        return pair_edge_at_or_after(g, v, x, lo) < bound
    f = lookup(who, first, k, x)
    return 0 <= f < bound


@inline_kernel
def _second_ring(
    g: TemporalGraph,
    lo: int,
    hi: int,
    k: int,
    who: NDArray[np.int64],
    ring: NDArray[np.int64],
) -> int:
    """Accounts two hops from ``v`` (``v -> x -> y``, edges in ``[lo, hi)``) into ``ring``.

    Returns how many were stored, or ``-1`` (no filter) when ``v`` has more than
    ``RING_SOURCES`` out-neighbours or they have more than ``RING`` out-edges in all.
    """
    if k < 0 or k > RING_SOURCES:
        return -1
    n = 0
    for j in range(k):
        x = who[j]
        p1 = g.out_ptr[x + 1]
        a = search_adj(g.out_adj, g.out_ptr[x], p1, lo)
        b = search_adj(g.out_adj, a, p1, hi)
        if n + b - a > RING:
            return -1
        for r in range(a, b):
            ring[n] = g.out_adj[r, ADJ_OTHER]
            n += 1
    return n


@inline_kernel
def _may_close_below(y: int, ring: NDArray[np.int64], n_ring: int) -> bool:
    """Could a predecessor of ``y`` be an out-neighbour of ``v``?"""
    if n_ring < 0:
        return True
    j = 0
    while j < n_ring and ring[j] != y:
        j += 1
    return j < n_ring


@inline_kernel
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
    seg: NDArray[np.int64],
    who: NDArray[np.int64],
    first: NDArray[np.int64],
    ring: NDArray[np.int64],
) -> int:
    """Fill ``counts[L]`` (cycles of length ``L``) for edge ``i``; return ``capped``.

    ``path``, ``bound``, ``pos`` and ``seg`` are scratch arrays of length ``max_len``, ``who`` and
    ``first`` of length ``LOCAL``, ``ring`` of length ``RING``.
    """
    counts[:] = 0
    u = int(g.src[i])
    v = int(g.dst[i])
    if u == v or max_len < 2:
        return 0
    # v's out-neighbours in the window, each with its earliest edge: the closing edges.
    k = collect(
        g.out_adj,
        g.edge_pos[i, EP_DST_OUT_START],
        g.edge_pos[i, EP_DST_OUT_BEFORE],
        lo,
        False,
        who,
        first,
    )
    if k == 0:
        return 0  # v paid no one in the window: nothing can close, nothing to search
    # Vertices whose in-edges are scanned only to find closing vertices (the level above
    # the leaves) are scanned only if they are two hops from v. The ring is built on first
    # use (-2: not yet), as most searches never reach that level.
    n_ring = -2
    last_scan = max_len - 3
    used = 1  # the check of u itself
    if budget < 1:
        return 1
    if _closes(g, v, u, lo, i, k, who, first):
        counts[2] += 1
    depth = 0
    path[0] = u
    bound[0] = i
    seg[0] = g.edge_pos[i, EP_SRC_IN_START]
    pos[0] = seg[0] - 1
    if max_len > 2 and last_scan == 0:
        n_ring = _second_ring(g, lo, i, k, who, ring)
    if max_len > 2 and (last_scan > 0 or _may_close_below(u, ring, n_ring)):
        pos[0] = g.edge_pos[i, EP_SRC_IN_BEFORE] - 1
    while depth >= 0:
        q = pos[depth]
        if q < seg[depth] or g.in_adj[q, ADJ_EDGE] < lo:
            depth -= 1
            continue
        if used >= budget:
            return 1
        used += 1
        pos[depth] = q - 1
        b = bound[depth]
        if g.in_adj[q, ADJ_PNEXT] < b:
            continue  # a later edge of the same pair below the bound exists
        y = int(g.in_adj[q, ADJ_OTHER])
        if y == v:
            continue  # closing edges are checked from the other end
        on_path = False
        for d in range(depth + 1):
            if path[d] == y:
                on_path = True
                break
        if on_path:
            continue
        nb = int(g.in_adj[q, ADJ_EDGE]) if temporal else i
        # Enter y at depth + 1: check the closing edge v -> y.
        if used >= budget:
            return 1
        used += 1
        if _closes(g, v, y, lo, nb, k, who, first):
            counts[depth + 3] += 1
        if depth + 1 == last_scan and n_ring == -2:
            n_ring = _second_ring(g, lo, i, k, who, ring)
        if depth + 3 < max_len and (depth + 1 < last_scan or _may_close_below(y, ring, n_ring)):
            depth += 1
            path[depth] = y
            bound[depth] = nb
            seg[depth] = g.in_adj[q, PAYER_IN_START]
            before = g.in_adj[q, PAYER_IN_BEFORE]  # y's in-edges below this edge y -> x
            if not temporal:
                before = search_adj(g.in_adj, before, g.in_adj[q, PAYER_IN_END], i)
            pos[depth] = before - 1
    return 0


@kernel
def cycles_block(
    g: TemporalGraph,
    lo: NDArray[np.int64],
    max_len: int,
    budget: int,
    temporal: bool,
    e0: int,
    e1: int,
    row0: int,
    cols: NDArray[np.int64],
    out: NDArray[np.float32],
) -> None:
    """Edges ``e0..e1-1`` into rows ``e - row0``; see :func:`cycles` for ``cols``."""
    counts = np.zeros(max_len + 1, dtype=np.int64)
    path = np.zeros(max_len, dtype=np.int64)
    bound = np.zeros(max_len, dtype=np.int64)
    pos = np.zeros(max_len, dtype=np.int64)
    seg = np.zeros(max_len, dtype=np.int64)
    who = np.zeros(LOCAL, dtype=np.int64)
    first = np.zeros(LOCAL, dtype=np.int64)
    ring = np.zeros(RING, dtype=np.int64)
    for i in range(e0, e1):
        capped = cycles_edge(
            g, i, lo[i], max_len, budget, temporal, counts, path, bound, pos, seg, who, first, ring
        )
        row = i - row0
        total = 0
        for length in range(2, max_len + 1):
            total += counts[length]
            if cols[length] >= 0:
                out[row, cols[length]] = counts[length]
        if cols[0] >= 0:
            out[row, cols[0]] = total
        if cols[1] >= 0:
            out[row, cols[1]] = capped


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
    for blk in prange(n_blocks):
        e0 = emit_from + blk * block
        e1 = min(e0 + block, n)
        cycles_block(g, lo, max_len, budget, temporal, e0, e1, emit_from, cols, out)
