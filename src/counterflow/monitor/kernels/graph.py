"""The static temporal graph every search kernel reads: adjacency by account and by pair.

Edges are numbered ``0..n-1`` in time order (ties keep their input order), so "before edge
``i``" is simply "edge id < ``i``" and a time window ``(t_i - W, t_i]`` is an id range
``[lo_i, i]`` with ``lo_i`` found once per edge by binary search on the sorted timestamps.
That turns every causal question into id comparisons on *static* arrays: no state is
carried from one edge to the next, so the search kernels run edges in parallel, and a
partition that starts with a warm-up prefix sees exactly the arrays the full run saw.

Layout (all id lists ascending):

- ``out_ptr/out_edge/out_dst/out_pnext``: each account's outgoing edges (CSR);
- ``in_ptr/in_edge/in_src/in_pnext``: each account's incoming edges (CSR);
- ``pair_prev/pair_next``: the previous / next edge of the same ``(src, dst)`` pair
  (``-1`` / ``n`` when there is none). ``pnext`` is the CSR copy of ``pair_next``: an edge
  ``f`` is the *latest* edge of its pair below a bound ``b`` iff ``f < b <= pair_next[f]``,
  which lets scans count each counterparty once with no scratch memory;
- ``pair_keys/pair_ids/pair_ptr/pair_edge``: an open-addressing hash table from the pair
  key ``src * n_accounts + dst`` to the pair's edge ids, the "does ``a -> b`` exist in this
  id range" oracle.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from counterflow.monitor.kernels._jit import kernel

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
EMPTY = -1


class TemporalGraph(NamedTuple):
    """Read-only adjacency of one edge list; build it with :func:`build_graph`."""

    n_accounts: int
    src: NDArray[np.int32]
    dst: NDArray[np.int32]
    out_ptr: NDArray[np.int64]
    out_edge: NDArray[np.int32]
    out_dst: NDArray[np.int32]
    out_pnext: NDArray[np.int32]
    in_ptr: NDArray[np.int64]
    in_edge: NDArray[np.int32]
    in_src: NDArray[np.int32]
    in_pnext: NDArray[np.int32]
    pair_prev: NDArray[np.int32]
    pair_next: NDArray[np.int32]
    pair_keys: NDArray[np.int64]
    pair_ids: NDArray[np.int32]
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
def _slot(key: int, mask: int) -> int:
    h = np.uint64(key) * _GOLDEN
    return int(np.int64(h >> np.uint64(32))) & mask


@kernel
def pair_chains(
    src: NDArray[np.int32], dst: NDArray[np.int32], n_accounts: int
) -> tuple[
    NDArray[np.int32],
    NDArray[np.int32],
    NDArray[np.int32],
    NDArray[np.int64],
    NDArray[np.int32],
    int,
]:
    """Link the edges of each ``(src, dst)`` pair and give every pair a dense id.

    Returns ``pair_prev, pair_next, pair_id, table_keys, table_ids, n_pairs``.
    """
    n = src.size
    cap = 16
    while cap < 2 * n:
        cap *= 2
    mask = cap - 1
    table_keys = np.full(cap, EMPTY, dtype=np.int64)
    table_ids = np.full(cap, EMPTY, dtype=np.int32)
    last = np.empty(n, dtype=np.int32)
    pair_prev = np.full(n, -1, dtype=np.int32)
    pair_next = np.full(n, n, dtype=np.int32)
    pair_id = np.empty(n, dtype=np.int32)
    n_pairs = 0
    for i in range(n):
        key = int(src[i]) * n_accounts + int(dst[i])
        h = _slot(key, mask)
        while table_keys[h] != key and table_keys[h] != EMPTY:
            h = (h + 1) & mask
        if table_keys[h] == EMPTY:
            table_keys[h] = key
            table_ids[h] = n_pairs
            last[n_pairs] = i
            pair_id[i] = n_pairs
            n_pairs += 1
        else:
            p = table_ids[h]
            j = last[p]
            pair_prev[i] = j
            pair_next[j] = i
            last[p] = i
            pair_id[i] = p
    return pair_prev, pair_next, pair_id, table_keys, table_ids, n_pairs


@kernel
def first_at_or_after(sorted_ids: NDArray[np.int32], lo: int, hi: int, x: int) -> int:
    """First position ``p`` in ``[lo, hi)`` with ``sorted_ids[p] >= x`` (``hi`` if none)."""
    while lo < hi:
        mid = (lo + hi) >> 1
        if sorted_ids[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


@kernel
def pair_edge_at_or_after(g: TemporalGraph, a: int, b: int, x: int) -> int:
    """The smallest id ``>= x`` of an edge ``a -> b``, or ``n`` (the edge count) if none."""
    n = g.src.size
    key = a * g.n_accounts + b
    mask = int(g.pair_keys.size - 1)
    h = _slot(key, mask)
    while g.pair_keys[h] != key:
        if g.pair_keys[h] == EMPTY:
            return int(n)
        h = (h + 1) & mask
    p = g.pair_ids[h]
    lo = g.pair_ptr[p]
    hi = g.pair_ptr[p + 1]
    q = first_at_or_after(g.pair_edge, lo, hi, x)
    return int(g.pair_edge[q]) if q < hi else int(n)


def build_graph(src: NDArray[np.int32], dst: NDArray[np.int32], n_accounts: int) -> TemporalGraph:
    """Build the adjacency of a time-sorted edge list (ids already validated)."""
    pair_prev, pair_next, pair_id, keys, ids, n_pairs = pair_chains(src, dst, n_accounts)
    out_ptr, out_edge = group_by(src, n_accounts)
    in_ptr, in_edge = group_by(dst, n_accounts)
    pair_ptr, pair_edge = group_by(pair_id, n_pairs)
    return TemporalGraph(
        n_accounts=n_accounts,
        src=src,
        dst=dst,
        out_ptr=out_ptr,
        out_edge=out_edge,
        out_dst=dst[out_edge],
        out_pnext=pair_next[out_edge],
        in_ptr=in_ptr,
        in_edge=in_edge,
        in_src=src[in_edge],
        in_pnext=pair_next[in_edge],
        pair_prev=pair_prev,
        pair_next=pair_next,
        pair_keys=keys,
        pair_ids=ids,
        pair_ptr=pair_ptr,
        pair_edge=pair_edge,
    )
