"""The static temporal graph every search kernel reads: adjacency by account and by pair.

Edges are numbered ``0..n-1`` in time order (ties keep their input order), so "before edge
``i``" is simply "edge id < ``i``" and a time window ``(t_i - W, t_i]`` is an id range
``[lo_i, i]`` with ``lo_i`` found once per edge by binary search on the sorted timestamps.
That turns every causal question into id comparisons on *static* arrays: no state is
carried from one edge to the next, so the search kernels run edges in parallel, and a
partition that starts with a warm-up prefix sees exactly the arrays the full run saw.

Layout (all id lists ascending; rows of one edge packed together because the searches are
bound by memory latency, one cache miss per row instead of one per column):

- ``out_ptr/out_adj``: each account's outgoing edges (CSR), rows ``[edge, dst, pair_next]``;
- ``in_ptr/in_adj``: each account's incoming edges (CSR), rows ``[edge, src, pair_next]``;
- ``pair_prev/pair_next``: the previous / next edge of the same ``(src, dst)`` pair
  (``-1`` / ``n`` when there is none). An edge ``f`` is the *latest* edge of its pair below
  a bound ``b`` iff ``f < b <= pair_next[f]``, which lets scans count each counterparty
  once with no scratch memory;
- ``pair_table/pair_ptr/pair_edge``: an open-addressing hash table from the pair key
  ``src * n_accounts + dst`` to rows ``[key, first edge | pair id << 32]``; the pair's edge
  ids are ``pair_edge[pair_ptr[id]:pair_ptr[id + 1]]``. It is the "does ``a -> b`` exist in
  this id range" oracle, one cache miss for the common pair that occurs once.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import prange
from numpy.typing import NDArray

from counterflow.monitor.kernels._jit import inline_kernel, kernel, parallel_kernel

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
EMPTY = -1


OUT, IN = 0, 1  # direction of an incidence entry: the account pays / is paid
ADJ_EDGE, ADJ_OTHER, ADJ_PNEXT = 0, 1, 2
# Further columns of ``in_adj`` rows: where the payer's own lists are, so a backward search
# steps from an account to its payer without looking up offsets or binary-searching.
PAYER_IN_START, PAYER_IN_BEFORE, PAYER_IN_END = 3, 4, 5  # BEFORE: first in-edge >= this edge
PAYER_OUT_START, PAYER_OUT_AT, PAYER_OUT_END = 6, 7, 8  # AT: this edge among its out-edges
PT_KEY, PT_PACKED = 0, 1  # PACKED: first edge id | pair id << 32
_LOW32 = (1 << 32) - 1
# Columns of ``edge_pos``: for each edge, where things are in the CSR lists.
EP_SRC_IN_START = 0  # the payer's in-edges start here
EP_SRC_IN_BEFORE = 1  # ... and the first of them with id >= the edge is here
EP_DST_IN_START = 2  # the payee's in-edges start here
EP_DST_IN_AT = 3  # ... and the edge itself is here among them
EP_DST_OUT_START = 4  # the payee's out-edges start here
EP_DST_OUT_BEFORE = 5  # ... and the first of them with id >= the edge is here
EP_SRC_OUT_AT = 6  # the edge among its payer's out-edges


class TemporalGraph(NamedTuple):
    """Read-only adjacency of one edge list; build it with :func:`build_graph`."""

    n_accounts: int
    src: NDArray[np.int32]
    dst: NDArray[np.int32]
    out_ptr: NDArray[np.int64]
    out_adj: NDArray[np.int32]
    in_ptr: NDArray[np.int64]
    in_adj: NDArray[np.int32]
    inc_ptr: NDArray[np.int64]  # each account's incident entries 2 * edge + direction
    inc_ent: NDArray[np.int64]
    edge_pos: NDArray[np.int32]  # (n, 7) per edge: list positions, columns EP_*
    pair_prev: NDArray[np.int32]
    pair_next: NDArray[np.int32]
    pair_table: NDArray[np.int64]
    pair_ptr: NDArray[np.int64]
    pair_edge: NDArray[np.int32]


@kernel
def group_by(keys: NDArray[np.int32], n_keys: int) -> tuple[NDArray[np.int64], NDArray[np.int32]]:
    """Stable counting sort: ``order[ptr[k]:ptr[k+1]]`` are the ids with key ``k``, ascending."""
    ptr = np.zeros(n_keys + 1, dtype=np.int64)
    for i in range(keys.size):
        ptr[keys[i] + 1] += 1
    for k in range(n_keys):
        ptr[k + 1] += ptr[k]
    fill = ptr[:-1].copy()
    order = np.empty(keys.size, dtype=np.int32)
    for i in range(keys.size):
        k = keys[i]
        order[fill[k]] = i
        fill[k] += 1
    return ptr, order


@kernel
def adjacency(
    order: NDArray[np.int32], other: NDArray[np.int32], pair_next: NDArray[np.int32]
) -> NDArray[np.int32]:
    """Rows ``[edge, other endpoint, pair_next]`` in CSR order."""
    adj = np.empty((order.size, 3), dtype=np.int32)
    for q in range(order.size):
        e = order[q]
        adj[q, ADJ_EDGE] = e
        adj[q, ADJ_OTHER] = other[e]
        adj[q, ADJ_PNEXT] = pair_next[e]
    return adj


@inline_kernel
def _slot(key: int, mask: int) -> int:
    h = np.uint64(key) * _GOLDEN
    return int(np.int64(h >> np.uint64(32))) & mask


@kernel
def pair_chains(
    src: NDArray[np.int32], dst: NDArray[np.int32], n_accounts: int
) -> tuple[NDArray[np.int32], NDArray[np.int32], NDArray[np.int32], NDArray[np.int64], int]:
    """Link the edges of each ``(src, dst)`` pair and give every pair a dense id.

    Returns ``pair_prev, pair_next, pair_id, table, n_pairs``.
    """
    n = src.size
    cap = 16
    while 2 * cap < 3 * n:  # load factor <= 2/3
        cap *= 2
    mask = cap - 1
    table = np.full((cap, 2), EMPTY, dtype=np.int64)
    last = np.empty(n, dtype=np.int32)
    pair_prev = np.full(n, -1, dtype=np.int32)
    pair_next = np.full(n, n, dtype=np.int32)
    pair_id = np.empty(n, dtype=np.int32)
    n_pairs = 0
    for i in range(n):
        key = int(src[i]) * n_accounts + int(dst[i])
        h = _slot(key, mask)
        while table[h, PT_KEY] != key and table[h, PT_KEY] != EMPTY:
            h = (h + 1) & mask
        if table[h, PT_KEY] == EMPTY:
            table[h, PT_KEY] = key
            table[h, PT_PACKED] = i | (n_pairs << 32)
            last[n_pairs] = i
            pair_id[i] = n_pairs
            n_pairs += 1
        else:
            p = table[h, PT_PACKED] >> 32
            j = last[p]
            pair_prev[i] = j
            pair_next[j] = i
            last[p] = i
            pair_id[i] = p
    return pair_prev, pair_next, pair_id, table, n_pairs


@inline_kernel
def search_ids(ids: NDArray[np.int32], lo: int, hi: int, x: int) -> int:
    """First position ``p`` in ``[lo, hi)`` with ``ids[p] >= x`` (``hi`` if none)."""
    while lo < hi:
        mid = (lo + hi) >> 1
        if ids[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


@inline_kernel
def search_adj(adj: NDArray[np.int32], lo: int, hi: int, x: int) -> int:
    """First CSR position ``p`` in ``[lo, hi)`` whose edge id is ``>= x`` (``hi`` if none)."""
    while lo < hi:
        mid = (lo + hi) >> 1
        if adj[mid, ADJ_EDGE] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


@inline_kernel
def pair_edge_at_or_after(g: TemporalGraph, a: int, b: int, x: int) -> int:
    """The smallest id ``>= x`` of an edge ``a -> b``, or ``n`` (the edge count) if none."""
    n = g.src.size
    key = a * g.n_accounts + b
    mask = g.pair_table.shape[0] - 1
    h = _slot(key, mask)
    while g.pair_table[h, PT_KEY] != key:
        if g.pair_table[h, PT_KEY] == EMPTY:
            return n
        h = (h + 1) & mask
    packed = int(g.pair_table[h, PT_PACKED])
    first = packed & _LOW32
    if first >= x:
        return first
    p = packed >> 32
    hi = g.pair_ptr[p + 1]
    q = search_ids(g.pair_edge, g.pair_ptr[p] + 1, hi, x)
    return int(g.pair_edge[q]) if q < hi else n


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
def _positions(
    src: NDArray[np.int32],
    out_ptr: NDArray[np.int64],
    out_order: NDArray[np.int32],
    in_ptr: NDArray[np.int64],
    in_order: NDArray[np.int32],
    inc_ptr: NDArray[np.int64],
    inc_ent: NDArray[np.int64],
) -> NDArray[np.int32]:
    """``edge_pos`` (columns ``EP_*``) in one pass over the incidences."""
    n = src.size
    pos = np.empty((n, 7), dtype=np.int32)
    for q in range(out_order.size):
        pos[out_order[q], EP_SRC_OUT_AT] = q
    for q in range(in_order.size):
        pos[in_order[q], EP_DST_IN_AT] = q
    for a in range(inc_ptr.size - 1):
        n_in = 0  # entries before the current one, by direction
        n_out = 0
        for k in range(inc_ptr[a], inc_ptr[a + 1]):
            e = inc_ent[k] >> 1
            if (inc_ent[k] & 1) == OUT:
                pos[e, EP_SRC_IN_START] = in_ptr[a]
                pos[e, EP_SRC_IN_BEFORE] = in_ptr[a] + n_in
                n_out += 1
            else:
                pos[e, EP_DST_IN_START] = in_ptr[a]
                pos[e, EP_DST_OUT_START] = out_ptr[a]
                # A self-loop's out entry comes first; it is not "before" its own edge.
                pos[e, EP_DST_OUT_BEFORE] = out_ptr[a] + n_out - (1 if src[e] == a else 0)
                n_in += 1
    return pos


@parallel_kernel
def _payer_rows(
    in_adj: NDArray[np.int32],
    in_ptr: NDArray[np.int64],
    out_ptr: NDArray[np.int64],
    pos: NDArray[np.int32],
) -> NDArray[np.int32]:
    """``in_adj`` extended with the payer's list positions (``PAYER_*`` columns)."""
    m = in_adj.shape[0]
    rows = np.empty((m, 9), dtype=np.int32)
    for q in prange(m):
        e = in_adj[q, ADJ_EDGE]
        y = in_adj[q, ADJ_OTHER]
        rows[q, ADJ_EDGE] = e
        rows[q, ADJ_OTHER] = y
        rows[q, ADJ_PNEXT] = in_adj[q, ADJ_PNEXT]
        rows[q, PAYER_IN_START] = in_ptr[y]
        rows[q, PAYER_IN_BEFORE] = pos[e, EP_SRC_IN_BEFORE]
        rows[q, PAYER_IN_END] = in_ptr[y + 1]
        rows[q, PAYER_OUT_START] = out_ptr[y]
        rows[q, PAYER_OUT_AT] = pos[e, EP_SRC_OUT_AT]
        rows[q, PAYER_OUT_END] = out_ptr[y + 1]
    return rows


def build_graph(src: NDArray[np.int32], dst: NDArray[np.int32], n_accounts: int) -> TemporalGraph:
    """Build the adjacency of a time-sorted edge list (ids already validated)."""
    pair_prev, pair_next, pair_id, table, n_pairs = pair_chains(src, dst, n_accounts)
    pair_ptr, pair_edge = group_by(pair_id, n_pairs)
    out_ptr, out_order = group_by(src, n_accounts)
    in_ptr, in_order = group_by(dst, n_accounts)
    out_adj = adjacency(out_order, dst, pair_next)
    in_adj = adjacency(in_order, src, pair_next)
    inc_ptr, inc_ent = incidence(src, dst, n_accounts)
    pos = _positions(src, out_ptr, out_order, in_ptr, in_order, inc_ptr, inc_ent)
    return TemporalGraph(
        n_accounts=n_accounts,
        src=src,
        dst=dst,
        out_ptr=out_ptr,
        out_adj=out_adj,
        in_ptr=in_ptr,
        in_adj=_payer_rows(in_adj, in_ptr, out_ptr, pos),
        inc_ptr=inc_ptr,
        inc_ent=inc_ent,
        edge_pos=pos,
        pair_prev=pair_prev,
        pair_next=pair_next,
        pair_table=table,
        pair_ptr=pair_ptr,
        pair_edge=pair_edge,
    )
