"""Scatter-gather: the payment ``u -> v`` completing ``s -> {m_1..m_k} -> v``.

AMLworld's scatter-gather (Altman et al., NeurIPS 2023) splits money from one source ``s``
over intermediates ``m_j`` that all forward it to one destination ``v`` (FATF's "layering"
through mules). snapml's GraphFeaturePreprocessor counts the intermediate paths
``s -> m -> v`` in a window; this kernel does the same, causally, for the edge
``i = u -> v`` seen as the gather leg of intermediate ``u``:

for each distinct earlier payer ``s`` of ``u`` (``s -> u`` in the window, before ``i``), the
*width* is the number of distinct intermediates ``m`` whose latest payment ``s -> m``
before ``i`` was followed, up to and including ``i``, by a payment ``m -> v``; ``u`` itself
counts (unless a cap hides it). "Followed by" is checked against ``v``'s few payers in the
window, gathered once per edge, or with the pair hash table when ``v`` is a hub. The kernel
returns the largest width, the number of payers ``s`` with width
``>= 2`` (a real scatter-gather) and whether a cap cut the search short.

Work is bounded per edge: ``budget`` scanned edges in all, and at most ``fanout_cap``
out-edges per payer ``s`` (latest first), so a payroll account paying 10,000 people costs
``fanout_cap`` steps, not 10,000.
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
    EP_DST_IN_AT,
    EP_DST_IN_START,
    EP_SRC_IN_BEFORE,
    EP_SRC_IN_START,
    PAYER_OUT_AT,
    PAYER_OUT_END,
    PAYER_OUT_START,
    TemporalGraph,
    pair_edge_at_or_after,
    search_adj,
)
from counterflow.monitor.kernels.neighbours import LOCAL, collect, lookup


@inline_kernel
def scatter_gather_edge(
    g: TemporalGraph,
    i: int,
    lo: int,
    budget: int,
    fanout_cap: int,
    who: NDArray[np.int64],
    last: NDArray[np.int64],
) -> tuple[int, int, int]:
    """``(max_width, n_sources, capped)`` for edge ``i``; the window is ids ``[lo, i]``.

    Every scanned edge costs one unit of ``budget``; ``capped`` is 1 when the budget or a
    payer's ``fanout_cap`` stopped a scan while edges in the window remained. ``who`` and
    ``last`` are scratch arrays of length ``LOCAL``.
    """
    u = int(g.src[i])
    v = int(g.dst[i])
    best = 0
    n_sources = 0
    capped = 0
    if u == v:
        return best, n_sources, capped
    # v's payers in the window up to i, each with its latest payment to v.
    k = collect(
        g.in_adj,
        g.edge_pos[i, EP_DST_IN_START],
        g.edge_pos[i, EP_DST_IN_AT] + 1,
        lo,
        True,
        who,
        last,
    )
    used = 0
    q0 = g.edge_pos[i, EP_SRC_IN_START]
    q = g.edge_pos[i, EP_SRC_IN_BEFORE] - 1
    while q >= q0 and g.in_adj[q, ADJ_EDGE] >= lo:
        if used >= budget:
            return best, n_sources, 1
        used += 1
        s = int(g.in_adj[q, ADJ_OTHER])
        latest = g.in_adj[q, ADJ_PNEXT] >= i
        row = q
        q -= 1
        if not latest or s in (u, v):
            continue
        width = 0
        # s's out-edges below i: this edge s -> u is one of them, search from it.
        r0 = g.in_adj[row, PAYER_OUT_START]
        r = search_adj(g.out_adj, g.in_adj[row, PAYER_OUT_AT], g.in_adj[row, PAYER_OUT_END], i) - 1
        scanned = 0
        while r >= r0 and g.out_adj[r, ADJ_EDGE] >= lo:
            if scanned >= fanout_cap or used >= budget:
                capped = 1
                break
            used += 1
            scanned += 1
            f = int(g.out_adj[r, ADJ_EDGE])
            m = int(g.out_adj[r, ADJ_OTHER])
            latest_m = g.out_adj[r, ADJ_PNEXT] >= i
            r -= 1
            if not latest_m or m in (s, v):
                continue
            # Did m pay v after receiving from s (up to and including edge i)?
            if k >= 0:
                forwarded = lookup(who, last, k, m) > f
            else:
                forwarded = pair_edge_at_or_after(g, m, v, f + 1) <= i
            if forwarded:
                width += 1
        best = max(best, width)
        if width >= 2:
            n_sources += 1
    return best, n_sources, capped


@kernel
def scatter_gather_block(
    g: TemporalGraph,
    lo: NDArray[np.int64],
    budget: int,
    fanout_cap: int,
    e0: int,
    e1: int,
    row0: int,
    cols: NDArray[np.int64],
    out: NDArray[np.float32],
) -> None:
    """Edges ``e0..e1-1`` into rows ``e - row0``; ``cols`` = (width, sources, capped)."""
    who = np.zeros(LOCAL, dtype=np.int64)
    last = np.zeros(LOCAL, dtype=np.int64)
    for i in range(e0, e1):
        width, n_sources, capped = scatter_gather_edge(g, i, lo[i], budget, fanout_cap, who, last)
        row = i - row0
        out[row, cols[0]] = width
        out[row, cols[1]] = n_sources
        out[row, cols[2]] = capped


@parallel_kernel
def scatter_gather(
    g: TemporalGraph,
    lo: NDArray[np.int64],
    budget: int,
    fanout_cap: int,
    emit_from: int,
    block: int,
    cols: NDArray[np.int64],
    out: NDArray[np.float32],
) -> None:
    """Edges ``emit_from..n-1`` in parallel blocks; ``cols`` = (width, sources, capped)."""
    n = g.src.size
    n_blocks = (n - emit_from + block - 1) // block
    for b in prange(n_blocks):
        e0 = emit_from + b * block
        e1 = min(e0 + block, n)
        scatter_gather_block(g, lo, budget, fanout_cap, e0, e1, emit_from, cols, out)
