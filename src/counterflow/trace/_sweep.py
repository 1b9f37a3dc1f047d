"""Phase 2 of a trace: replay the relevant transactions in (view) time order, attributing.

Every transaction phase 1 marked is replayed once, in view order (:mod:`._reach`), with the
state of each reached account:

* its *balance* seen in the window (inflows minus outflows, never below zero: a payment
  larger than the balance seen was paid partly from an opening balance the window does not
  show, which is untraced);
* its traced money **per hop level** ``1..hops`` (money that has travelled that many hops),
  so the hop limit is exact: money at level ``hops`` is never passed on;
* for ``fifo``, its *lots*: one per payment received, oldest first, each with its traced
  part per level;
* the number of time-respecting paths of each length that arrived so far (for the path
  count: a path of length ``k + 1`` ends on edge ``e`` out of ``b`` for each path of length
  ``k`` that reached ``b`` before ``e``, so the count is a running sum, not an enumeration).

A payment ``x`` out of a reached account takes traced money from the account:

* ``proportional``: each level gives ``T_k * x / max(balance, x)``;
* ``fifo`` (Clayton's Case): lots are consumed oldest first, each in proportion to its own
  traced parts; whatever the lots seen cannot cover came from the unseen opening balance.

A payment out of a seed carries its whole amount (hop 1); payments between seeds are
internal and carry nothing. The traced money a payment takes at level ``k < hops`` arrives
at the payee at level ``k + 1`` unless the payment stops there (:mod:`.stops`);
money taken at level ``hops`` leaves the trace where it is (retained by the payer).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from counterflow.trace._jit import inline_kernel, kernel

I8 = npt.NDArray[np.int8]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
F2 = npt.NDArray[np.float64]
B = npt.NDArray[np.bool_]

# Rounding residue of the attribution (far below a cent); not money for labelling a hop.
NOISE = 1e-8


@inline_kernel
def take_proportional(state: F2, a: int, x: float, carry: F64, hops: int) -> None:
    """Payment ``x`` out of local account ``a``: each level's share of the balance."""
    if x >= state[a, 0]:
        for k in range(1, hops + 1):
            carry[k] = state[a, k]
            state[a, k] = 0.0
        state[a, 0] = 0.0
        return
    share = x / state[a, 0]
    for k in range(1, hops + 1):
        c = state[a, k] * share
        carry[k] = c
        state[a, k] -= c
    state[a, 0] -= x


@inline_kernel
def take_fifo(
    lot_amount: F64, lot_traced: F2, lot_next: I64, head: I64, a: int, x: float, carry: F64
) -> None:
    """Payment ``x`` out of local account ``a``: consume its lots oldest first."""
    left = x
    while left > 0.0 and head[a] >= 0:
        lot = head[a]
        if lot_amount[lot] <= left:
            for k in range(1, lot_traced.shape[1]):
                carry[k] += lot_traced[lot, k]
            left -= lot_amount[lot]
            head[a] = lot_next[lot]
        else:
            share = left / lot_amount[lot]
            for k in range(1, lot_traced.shape[1]):
                c = lot_traced[lot, k] * share
                carry[k] += c
                lot_traced[lot, k] -= c
            lot_amount[lot] -= left
            left = 0.0


SEED = -2  # ``local`` code of a seed account; -1: an account the trace never reached


@kernel
def sweep(
    events: I64,
    tail_of: I32,
    head_of: I32,
    amount: F64,
    local: I32,
    n_local: int,
    hops: int,
    fifo: bool,
    stop_bank: B,
    head_bank: I32,
    cash: B,
) -> tuple[F64, I8, F64, F2]:
    """Replay ``events`` (positions, in view order).

    ``local``: per account id, its row (``0..n_local-1``), :data:`SEED` or -1. Accounts that
    stop money (seeds, exchanges) never have a row; payments that stop it at an ordinary
    account (cash, a bank abroad) are recognised by ``stop_bank``/``cash``.

    Returns per event the traced amount followed, its lowest hop (0: none) and the paths
    ending on it; and per local account a row whose last four columns (:data:`RECEIVED`...)
    hold the traced money received and passed on and the first and last event of a traced
    arrival (-1: none).
    """
    m = events.size
    width = hops + 1
    edge_traced = np.zeros(m, dtype=np.float64)
    edge_hop = np.zeros(m, dtype=np.int8)
    edge_paths = np.zeros(m, dtype=np.float64)
    # One row per account, so an event touches two rows and few cache lines: the balance
    # (column 0), the traced money per level (1..hops), whether any path arrived yet
    # (width), the paths arrived per level (width + k), then received, passed on, first and
    # last traced arrival.
    tally = 2 * width
    state = np.zeros((n_local, tally + 4), dtype=np.float64)
    state[:, tally + 2 :] = -1.0
    n_lots = m if fifo else 1
    lot_amount = np.zeros(n_lots, dtype=np.float64)
    lot_traced = np.zeros((n_lots, width), dtype=np.float64)
    lot_next = np.full(n_lots, -1, dtype=np.int64)
    lot_head = np.full(n_local if fifo else 1, -1, dtype=np.int64)
    lot_tail = np.full(n_local if fifo else 1, -1, dtype=np.int64)
    carry = np.zeros(width, dtype=np.float64)
    walk = np.zeros(width, dtype=np.float64)
    for e in range(m):
        p = events[e]
        lt = local[tail_of[p]]
        lh = local[head_of[p]]
        x = amount[p]
        if lt == -1 or (lt >= 0 and state[lt, width] == 0.0):
            # Nothing traced has reached the payer yet: the payment only moves balances.
            if lt >= 0:
                if fifo:
                    take_fifo(lot_amount, lot_traced, lot_next, lot_head, lt, x, carry)
                else:
                    state[lt, 0] = max(state[lt, 0] - x, 0.0)
            if lh >= 0:  # untraced money arriving: it only dilutes the balance
                if fifo:
                    lot_amount[e] = x
                    if lot_head[lh] < 0:
                        lot_head[lh] = e
                    else:
                        lot_next[lot_tail[lh]] = e
                    lot_tail[lh] = e
                else:
                    state[lh, 0] += x
            continue
        for k in range(width):
            carry[k] = 0.0
            walk[k] = 0.0
        if lt == SEED:
            if lh == SEED:
                continue  # between the seeds: internal
            carry[0] = x
            walk[0] = 1.0
        elif fifo:
            take_fifo(lot_amount, lot_traced, lot_next, lot_head, lt, x, carry)
        else:
            take_proportional(state, lt, x, carry, hops)
        if lt >= 0:
            for k in range(1, hops):
                walk[k] = state[lt, width + k]
        followed = 0.0
        for k in range(hops):
            followed += carry[k]
            edge_paths[e] += walk[k]
            if edge_hop[e] == 0 and carry[k] > NOISE:
                edge_hop[e] = k + 1
        if followed > x:  # rounding only: a payment never carries more than its amount
            for k in range(hops):
                carry[k] *= x / followed
            followed = x
        edge_traced[e] = followed
        if lt >= 0:
            state[lt, tally + 1] += followed
        if lh < 0:
            continue
        if stop_bank[head_bank[p]] or cash[p]:
            followed = 0.0
            for k in range(hops):
                carry[k] = 0.0
                walk[k] = 0.0
        if fifo:
            lot_amount[e] = x
            for k in range(hops):
                lot_traced[e, k + 1] = carry[k]
            if lot_head[lh] < 0:
                lot_head[lh] = e
            else:
                lot_next[lot_tail[lh]] = e
            lot_tail[lh] = e
        else:
            state[lh, 0] += x
            for k in range(hops):
                state[lh, k + 1] += carry[k]
        for k in range(hops):
            state[lh, width + k + 1] += walk[k]
            if walk[k] > 0.0:
                state[lh, width] = 1.0  # a path arrived: the account is live
        if followed > 0.0:
            state[lh, tally] += followed
            if state[lh, tally + 2] < 0:
                state[lh, tally + 2] = e
            state[lh, tally + 3] = e
    return edge_traced, edge_hop, edge_paths, state[:, tally:]
