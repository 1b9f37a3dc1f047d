"""Small neighbour sets of one account, scanned once per edge into local arrays.

Most accounts have a handful of edges in a window; checking "does ``a -> b`` exist in this
id range" against a local array of those few neighbours costs no cache miss, where the pair
hash table costs one or two. Accounts with more than ``LOCAL`` edges in the window (hubs)
are left to the hash table: the answer is the same either way.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from counterflow.monitor.kernels._jit import inline_kernel
from counterflow.monitor.kernels.graph import ADJ_EDGE, ADJ_OTHER

LOCAL = 64  # at most this many edges are scanned into a local neighbour list
RING_SOURCES = 16  # the two-hop ring is built from at most this many neighbours ...
RING = 128  # ... having at most this many out-edges in all


@inline_kernel
def collect(
    adj: NDArray[np.int32],
    start: int,
    stop: int,
    lo: int,
    latest: bool,
    who: NDArray[np.int64],
    edge: NDArray[np.int64],
) -> int:
    """Distinct neighbours through the list rows ``[start, stop)`` with edge ids ``>= lo``.

    Fills ``who[:k]`` and ``edge[:k]`` with each neighbour and its latest (``latest``) or
    earliest edge id and returns ``k``; returns ``-1`` when more than ``LOCAL`` edges are in
    the range. Scans backwards from ``stop``, so it reads at most ``LOCAL + 1`` rows.
    """
    k = 0
    r = stop - 1
    while r >= start and adj[r, ADJ_EDGE] >= lo:
        if stop - r > LOCAL:
            return -1
        x = adj[r, ADJ_OTHER]
        j = 0
        while j < k and who[j] != x:
            j += 1
        if j == k:
            who[k] = x
            edge[k] = adj[r, ADJ_EDGE]
            k += 1
        elif not latest:
            edge[j] = adj[r, ADJ_EDGE]
        r -= 1
    return k


@inline_kernel
def lookup(who: NDArray[np.int64], edge: NDArray[np.int64], k: int, x: int) -> int:
    """The edge id stored for neighbour ``x`` among ``who[:k]``, or ``-1``."""
    for j in range(k):
        if who[j] == x:
            return int(edge[j])
    return -1
