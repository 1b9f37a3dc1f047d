"""Phase 1 of a trace: which accounts time-respecting paths from the seeds reach, and when.

The kernels walk a *view* of the store: for a forward trace the payer is the tail of an edge
and time runs forward; for a backward trace the payee is the tail and time runs backward.
Both are the same walk over a key: ``key(p) = p`` forward, ``n - 1 - p`` backward, where
``p`` is the transaction's position in the time-sorted store (:mod:`.index`), and the
adjacency lists of the view's tails are sorted by ascending key (the index keeps payments
received latest first for exactly this reason). One kernel serves both directions.

:func:`earliest_arrivals` is a breadth-first search by hop count over time-respecting
paths: money that arrives at account ``b`` with key ``k`` can leave on ``b``'s edges with a
key ``> k`` (found by binary search), one hop further. An arrival at hop ``h`` is worth
expanding only if it is earlier than every arrival at a smaller hop count (an earlier
arrival with more hops left dominates it). When an account is expanded again (an earlier
arrival at a larger hop count) only its edges between the new and the previous arrival are
scanned: the later ones were already followed with fewer hops. So every edge is scanned at
most once per trace.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from counterflow.trace._jit import kernel

I8 = npt.NDArray[np.int8]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
B = npt.NDArray[np.bool_]

NEVER = np.int64(2**62)


@kernel
def earliest_arrivals(
    ptr: I64,
    adj: I64,
    far: I32,
    far_usd: F64,
    far_bank: I32,
    far_cash: B,
    n: int,
    reverse: bool,
    klo: int,
    khi: int,
    min_amount: float,
    stop_acct: B,
    stop_bank: B,
    seeds: I64,
    hops: int,
) -> tuple[I64, I8]:
    """Per account: the earliest key at which traced money that may still travel on is
    there (``NEVER`` if none; -1 for seeds), and the fewest hops it took (0: not reached).

    ``far*``: each edge's head, amount, head's bank and cash flag, aligned with ``adj``.
    Only edges with ``klo <= key < khi`` and ``amount >= min_amount`` exist. Money stops
    (is neither counted as reaching the head nor expanded) at a stop account or bank, or
    on a cash edge.
    """
    n_acc = ptr.size - 1
    best = np.full(n_acc, NEVER, dtype=np.int64)
    scanned = np.full(n_acc, NEVER, dtype=np.int64)  # edges after this key were followed
    first = np.zeros(n_acc, dtype=np.int8)
    arrival = np.full(n_acc, NEVER, dtype=np.int64)
    frontier = np.empty(n_acc, dtype=np.int64)
    touched = np.empty(n_acc, dtype=np.int64)
    n_front = 0
    for s in seeds:
        if best[s] != -1:
            best[s] = -1
            frontier[n_front] = s
            n_front += 1
    for level in range(1, hops + 1):
        n_touched = 0
        for i in range(n_front):
            b = frontier[i]
            after = max(best[b], klo - 1)
            lo = ptr[b]
            hi = ptr[b + 1]
            while lo < hi:  # first edge with key > after
                mid = (lo + hi) // 2
                p = adj[mid]
                key = n - 1 - p if reverse else p
                if key <= after:
                    lo = mid + 1
                else:
                    hi = mid
            until = min(khi - 1, scanned[b])
            scanned[b] = after
            for j in range(lo, ptr[b + 1]):
                p = adj[j]
                key = n - 1 - p if reverse else p
                if key > until:
                    break
                c = far[j]
                if far_usd[j] < min_amount or stop_acct[c] or stop_bank[far_bank[j]] or far_cash[j]:
                    continue
                if first[c] == 0:
                    first[c] = level
                if level < hops and key < arrival[c]:
                    if arrival[c] == NEVER:
                        touched[n_touched] = c
                        n_touched += 1
                    arrival[c] = key
        n_front = 0
        for i in range(n_touched):
            c = touched[i]
            if arrival[c] < best[c]:
                best[c] = arrival[c]
                frontier[n_front] = c
                n_front += 1
            arrival[c] = NEVER
    return best, first


@kernel
def mark_events(
    ptr_tail: I64,
    adj_tail: I64,
    tail_usd: F64,
    ptr_head: I64,
    adj_head: I64,
    head_usd: F64,
    best: I64,
    is_seed: B,
    lo: int,
    hi: int,
    min_amount: float,
    mark: B,
) -> None:
    """Mark (``mark[p - lo]``) every window transaction phase 2 must replay: all edges of
    the accounts money can travel on from (their untraced flows set the balance that dilutes
    the traced money), and the seeds' own payments."""
    for b in range(best.size):
        if best[b] == NEVER:
            continue
        for j in range(ptr_tail[b], ptr_tail[b + 1]):
            p = adj_tail[j]
            if lo <= p < hi and tail_usd[j] >= min_amount:
                mark[p - lo] = True
        if is_seed[b]:
            continue
        for j in range(ptr_head[b], ptr_head[b + 1]):
            p = adj_head[j]
            if lo <= p < hi and head_usd[j] >= min_amount:
                mark[p - lo] = True
