"""``trace``: follow money forward or backward from seed accounts along time-respecting paths.

Semantics (the tests in ``tests/trace`` check each against hand-built graphs and against a
slow reference implementation):

* **What is traced.** Forward: the seeds' payments out in the window (``start <= ts <=
  end``) of at least ``min_amount_usd``, hop 1, each traced in full. Backward: the payments
  into the seeds, hop 1. Payments between two seeds are internal and not traced. Payments
  outside the window or below the minimum are invisible to the trace: they neither carry
  traced money nor count in any balance.
* **Time order.** Transactions are ordered by timestamp and, for equal timestamps, by their
  order in the store (:mod:`.index`). From an account the money reached with payment ``e``,
  a forward trace follows only the payments out that come *after* ``e`` in that order; so a
  payment with the same timestamp is followed if the store lists it later, and a payment
  never follows itself. Backward is the exact mirror: a payer's inflows that come *before*
  its payment towards the seeds. Backward runs the same kernels on the reversed view
  (:mod:`.view`), so the mirror is exact by construction.
* **How much.** The traced share of each payment is decided by the attribution rule
  (:mod:`.query`, :mod:`._sweep`): proportional (share of the running balance, the unseen
  opening balance counting as untraced) or first in, first out (Clayton's Case). Backward,
  the same rules run in reversed time: a payment towards the seeds is matched to the
  account's inflows before it, latest first under ``fifo``.
* **How far.** Traced money is kept per hop level, so money that has travelled ``hops``
  hops is never passed on: it stays with (is *retained* by) the account it reached, whether
  the account still holds it or paid it on beyond the limit.
* **Where it ends.** :mod:`.stops`: cash, exchanges, banks abroad and the seeds themselves
  (money *returned*) end the trace; accounts named in other cases are flagged and followed.
  Conservation: traced money = cash + exchanges + abroad + retained + returned.
* **Paths.** ``paths`` is the number of time-respecting paths of 1..``hops`` payments that
  start with a traced seed payment and respect the stops, counted by dynamic programming.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from counterflow.model import InputError, NotFoundError
from counterflow.trace._reach import earliest_arrivals, mark_events
from counterflow.trace._sweep import SEED, sweep
from counterflow.trace.context import TraceContext
from counterflow.trace.index import FlowIndex
from counterflow.trace.outcome import Replay, assemble
from counterflow.trace.query import MAX_HOPS, Attribution, TraceQuery
from counterflow.trace.result import TraceResult
from counterflow.trace.stops import Stops, stops_for
from counterflow.trace.view import View, view


def _check(query: TraceQuery) -> None:
    if not query.accounts:
        raise InputError("name at least one account to trace from", field="accounts")
    if not 1 <= query.hops <= MAX_HOPS:
        raise InputError(f"hops must be in 1..{MAX_HOPS}, got {query.hops}", field="hops")
    if not query.min_amount_usd >= 0:
        raise InputError("the minimum amount must be >= 0", field="min_amount_usd")
    if query.start is not None and query.end is not None and query.start > query.end:
        raise InputError("the window starts after it ends", field="start")


def seed_ids(index: FlowIndex, accounts: tuple[str, ...]) -> npt.NDArray[np.int64]:
    """Dense ids of the seed accounts; NotFoundError naming those the store lacks."""
    ids = index.ids(accounts)
    missing = [a for a, i in zip(accounts, ids, strict=True) if i < 0]
    if missing:
        raise NotFoundError(
            "no transactions of account " + ", ".join(repr(a) for a in missing) + " in the store"
        )
    return np.unique(ids)


_NO_CONTEXT = TraceContext()


def trace(index: FlowIndex, query: TraceQuery, context: TraceContext = _NO_CONTEXT) -> TraceResult:
    """Follow the money of ``query`` through ``index`` (see the module doc for the rules)."""
    walk = _Walk.start(index, query, context)
    v, stops, lo, hi = walk.view, walk.stops, walk.lo, walk.hi
    mark = np.zeros(hi - lo, dtype=np.bool_)
    mark_events(
        v.ptr_tail, v.adj_tail, v.far_usd, v.ptr_head, v.adj_head, v.near_usd, walk.best,
        stops.seed, lo, hi, walk.minimum, mark,
    )  # fmt: skip
    events = np.flatnonzero(mark).astype(np.int64) + lo
    if v.reverse:
        events = np.ascontiguousarray(events[::-1])
    reached = np.flatnonzero(walk.first > 0)
    local = np.full(index.n_accounts, -1, dtype=np.int32)
    local[reached] = np.arange(reached.size, dtype=np.int32)
    local[stops.seed] = SEED
    traced, hop, paths, tally = sweep(
        events,
        v.tail_of,
        v.head_of,
        index.amount_usd,
        local,
        int(reached.size),
        query.hops,
        query.attribution is Attribution.FIFO,
        stops.bank,
        v.head_bank,
        v.cash,
    )
    replay = Replay(
        events,
        reached,
        walk.first,
        traced,
        hop,
        paths,
        tally[:, 0],
        tally[:, 1],
        tally[:, 2].astype(np.int64),
        tally[:, 3].astype(np.int64),
    )
    return assemble(index, query, context, v, stops, replay)


def reachable(
    index: FlowIndex, query: TraceQuery, context: TraceContext = _NO_CONTEXT
) -> dict[str, int]:
    """Phase 1 alone: every account a time-respecting path of at most ``hops`` payments
    from the seeds reaches (not counting the stops), with the fewest hops it takes.

    Whether traced money actually arrives depends on attribution; this is the graph question
    (what a recursive query in a database answers; the benchmark compares the two)."""
    walk = _Walk.start(index, query, context)
    ids = np.flatnonzero(walk.first > 0)
    names = index.names.gather(ids).to_list()
    return {str(name): int(walk.first[i]) for name, i in zip(names, ids, strict=True)}


@dataclass(frozen=True, slots=True)
class _Walk:
    """Phase 1 of one trace: the view, the stops, the window and the earliest arrivals."""

    view: View
    stops: Stops
    lo: int
    hi: int
    minimum: float
    best: npt.NDArray[np.int64]
    first: npt.NDArray[np.int8]

    @classmethod
    def start(cls, index: FlowIndex, query: TraceQuery, context: TraceContext) -> _Walk:
        _check(query)
        seeds = seed_ids(index, query.accounts)
        v = view(index, query.direction)
        stops = stops_for(index, context, seeds)
        lo, hi = index.window(query.start, query.end)
        klo, khi = v.keys(lo, hi, index.n_transactions)
        minimum = float(query.min_amount_usd)
        best, first = earliest_arrivals(
            v.ptr_tail, v.adj_tail, v.far, v.far_usd, v.far_bank, v.far_cash,
            index.n_transactions, v.reverse, klo, khi, minimum, stops.account, stops.bank,
            seeds, query.hops,
        )  # fmt: skip
        return cls(v, stops, lo, hi, minimum, best, first)
