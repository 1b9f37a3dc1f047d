"""Scatter-gather: the payment ``u -> v`` completing ``s -> {m_1..m_k} -> v``.

AMLworld's scatter-gather (Altman et al., NeurIPS 2023) splits money from one source ``s``
over intermediates ``m_j`` that all forward it to one destination ``v`` (FATF's "layering"
through mules). snapml's GraphFeaturePreprocessor counts the intermediate paths
``s -> m -> v`` in a window; this kernel does the same, causally, for the edge
``i = u -> v`` seen as the gather leg of intermediate ``u``:

for each distinct earlier payer ``s`` of ``u`` (``s -> u`` in the window, before ``i``), the
*width* is the number of distinct intermediates ``m`` whose latest payment ``s -> m``
before ``i`` was followed, up to and including ``i``, by a payment ``m -> v``; ``u`` itself
always counts. The kernel returns the largest width, the number of payers ``s`` with width
``>= 2`` (a real scatter-gather) and whether a cap cut the search short.

Work is bounded per edge: ``budget`` scanned edges in all, and at most ``fanout_cap``
out-edges per payer ``s`` (latest first), so a payroll account paying 10,000 people costs
``fanout_cap`` steps, not 10,000.
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
def scatter_gather_edge(
    g: TemporalGraph, i: int, lo: int, budget: int, fanout_cap: int
) -> tuple[int, int, int]:
    """``(max_width, n_sources, capped)`` for edge ``i``; the window is ids ``[lo, i]``.

    Every scanned edge costs one unit of ``budget``; ``capped`` is 1 when the budget or a
    payer's ``fanout_cap`` stopped a scan while edges in the window remained.
    """
    u = int(g.src[i])
    v = int(g.dst[i])
    best = 0
    n_sources = 0
    capped = 0
    if u == v:
        return best, n_sources, capped
    used = 0
    q0 = g.in_ptr[u]
    q = first_at_or_after(g.in_edge, q0, g.in_ptr[u + 1], i) - 1
    while q >= q0 and g.in_edge[q] >= lo:
        if used >= budget:
            return best, n_sources, 1
        used += 1
        s = int(g.in_src[q])
        latest = g.in_pnext[q] >= i
        q -= 1
        if not latest or s in (u, v):
            continue
        width = 0
        r0 = g.out_ptr[s]
        r = first_at_or_after(g.out_edge, r0, g.out_ptr[s + 1], i) - 1
        scanned = 0
        while r >= r0 and g.out_edge[r] >= lo:
            if scanned >= fanout_cap or used >= budget:
                capped = 1
                break
            used += 1
            scanned += 1
            f = int(g.out_edge[r])
            m = int(g.out_dst[r])
            latest_m = g.out_pnext[r] >= i
            r -= 1
            if latest_m and m != s and m != v and pair_edge_at_or_after(g, m, v, f + 1) <= i:
                width += 1
        best = max(best, width)
        if width >= 2:
            n_sources += 1
    return best, n_sources, capped


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
        e1 = e0 + block if e0 + block < n else n
        for i in range(e0, e1):
            width, n_sources, capped = scatter_gather_edge(g, i, lo[i], budget, fanout_cap)
            row = i - emit_from
            out[row, cols[0]] = width
            out[row, cols[1]] = n_sources
            out[row, cols[2]] = capped
