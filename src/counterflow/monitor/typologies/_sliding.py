"""Sliding time windows over sorted elements, in one pass: the detectors' hot loops.

Input: elements sorted by ``(key, t)`` (an account's legs in time order, say), up to a few
integer *channels* (a counterparty id, a bank code; ``-1`` = nothing) and float *weights*
(an amount, a 0/1 flag). For every element ``i`` the window is the elements of the same key
with ``t[i] - window <= t <= t[i]``; :func:`sliding` returns where that window starts, how
many distinct values each channel has in it, and the sum of each weight over it. Every
element enters and leaves the window once, so the pass is O(n) whatever an account's
degree. :func:`forward` gives the leading windows ``[t_i, t_i + window]`` with the same
kernel.

A detector then decides which windows qualify (vectorised, over these per-element
statistics) and :func:`instances` turns the union of the qualifying windows into instances:
maximal runs of covered elements of one key, split where two consecutive elements are more
than a window apart. A transaction made within a window after a burst is drawn into it (its
window still holds the burst): instances can therefore last up to about two windows, and
detectors bound them with a maximum span. :func:`runs` summarises instances (first, last,
size) so detectors can prune them in NumPy before any group-by.

Each kernel has a slow, obviously-correct twin (``*_reference``) that the tests compare it
with on random inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import numpy as np
import numpy.typing as npt
from numba import njit

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
BOOL = npt.NDArray[np.bool_]
F = TypeVar("F", bound=Callable[..., Any])


def _kernel(fn: F) -> F:
    # numba has no stubs: keep the function's own signature for mypy
    return cast(F, njit(cache=True, nogil=True)(fn))


@_kernel
def _leave(counters: I32, distinct: I64, values: I64, sums: F64, weights: F64, j: int) -> None:
    for c in range(values.shape[1]):
        v = values[j, c]
        if v >= 0:
            counters[c, v] -= 1
            if counters[c, v] == 0:
                distinct[c] -= 1
    for c in range(weights.shape[1]):
        sums[c] -= weights[j, c]


@_kernel
def _sliding(
    key: I64, t: I64, window: int, values: I64, size: int, weights: F64
) -> tuple[I64, I32, F64]:
    n, m = values.shape
    s = weights.shape[1]
    counters = np.zeros((m, size), dtype=np.int32)
    distinct = np.zeros(m, dtype=np.int64)
    sums = np.zeros(s, dtype=np.float64)
    left = np.empty(n, dtype=np.int64)
    out_d = np.empty((n, m), dtype=np.int32)
    out_s = np.empty((n, s), dtype=np.float64)
    lo = 0
    for i in range(n):
        if i > 0 and key[i] != key[i - 1]:
            for j in range(lo, i):
                _leave(counters, distinct, values, sums, weights, j)
            sums[:] = 0.0  # a new key starts from exact zeros (no rounding carried over)
            lo = i
        for c in range(m):
            v = values[i, c]
            if v >= 0:
                counters[c, v] += 1
                if counters[c, v] == 1:
                    distinct[c] += 1
        for c in range(s):
            sums[c] += weights[i, c]
        while t[i] - t[lo] > window:
            _leave(counters, distinct, values, sums, weights, lo)
            lo += 1
        left[i] = lo
        for c in range(m):
            out_d[i, c] = distinct[c]
        for c in range(s):
            out_s[i, c] = sums[c]
    return left, out_d, out_s


@dataclass(frozen=True, slots=True)
class Windows:
    """Per element: its window ``start..end`` (indices), distinct count per channel, sums."""

    start: I64
    end: I64
    distinct: I32
    sums: F64

    @property
    def count(self) -> I64:
        """Number of elements in each window."""
        return self.end - self.start + 1


def _inputs(
    n: int, channels: Sequence[npt.ArrayLike], weights: Sequence[npt.ArrayLike]
) -> tuple[I64, int, F64]:
    values = np.full((n, max(len(channels), 1)), -1, dtype=np.int64)
    for c, ch in enumerate(channels):
        values[:, c] = np.asarray(ch)
    w = np.zeros((n, max(len(weights), 1)), dtype=np.float64)
    for c, wt in enumerate(weights):
        w[:, c] = np.asarray(wt)
    size = int(values.max()) + 1 if n else 1
    return values, max(size, 1), w


def sliding(
    key: npt.ArrayLike,
    t: npt.ArrayLike,
    window: int,
    channels: Sequence[npt.ArrayLike] = (),
    weights: Sequence[npt.ArrayLike] = (),
) -> Windows:
    """Trailing windows: element ``i`` with the elements of its key in ``[t_i - window, t_i]``."""
    k = np.ascontiguousarray(key, dtype=np.int64)
    tt = np.ascontiguousarray(t, dtype=np.int64)
    values, size, w = _inputs(k.size, channels, weights)
    left, distinct, sums = _sliding(k, tt, int(window), values, size, w)
    return Windows(left, np.arange(k.size, dtype=np.int64), distinct, sums)


def forward(
    key: npt.ArrayLike,
    t: npt.ArrayLike,
    window: int,
    channels: Sequence[npt.ArrayLike] = (),
    weights: Sequence[npt.ArrayLike] = (),
) -> Windows:
    """Leading windows: element ``i`` with the elements of its key in ``[t_i, t_i + window]``
    (the same kernel run on the reversed sequence with negated times)."""
    k = np.ascontiguousarray(np.asarray(key, dtype=np.int64)[::-1])
    tt = np.ascontiguousarray(-np.asarray(t, dtype=np.int64)[::-1])
    rev = [np.asarray(c)[::-1] for c in channels]
    values, size, w = _inputs(k.size, rev, [np.asarray(x)[::-1] for x in weights])
    left, distinct, sums = _sliding(k, tt, int(window), values, size, w)
    n = k.size
    return Windows(
        np.arange(n, dtype=np.int64),
        (n - 1 - left)[::-1].copy(),
        distinct[::-1].copy(),
        sums[::-1].copy(),
    )


def sliding_reference(
    key: Sequence[int],
    t: Sequence[int],
    window: int,
    channels: Sequence[Sequence[int]] = (),
    weights: Sequence[Sequence[float]] = (),
) -> tuple[list[int], list[list[int]], list[list[float]]]:
    """:func:`sliding` by brute force: ``(left, distinct, sums)`` as lists (for tests)."""
    left: list[int] = []
    distinct: list[list[int]] = []
    sums: list[list[float]] = []
    for i in range(len(key)):
        j = i
        while j > 0 and key[j - 1] == key[i] and t[i] - t[j - 1] <= window:
            j -= 1
        left.append(j)
        distinct.append([len({c[x] for x in range(j, i + 1) if c[x] >= 0}) for c in channels])
        sums.append([sum(w[j : i + 1]) for w in weights])
    return left, distinct, sums


@_kernel
def _instances(key: I64, t: I64, start: I64, end: I64, ok: BOOL, window: int) -> I64:
    n = key.size
    depth = np.zeros(n + 1, dtype=np.int64)
    for e in range(n):
        if ok[e]:
            depth[start[e]] += 1
            depth[end[e] + 1] -= 1
    inst = np.full(n, -1, dtype=np.int64)
    current = -1
    covered_before = False
    level = 0
    for i in range(n):
        level += depth[i]
        if level <= 0:
            covered_before = False
            continue
        if not covered_before or key[i] != key[i - 1] or t[i] - t[i - 1] > window:
            current += 1
        inst[i] = current
        covered_before = True
    return inst


def instances(key: npt.ArrayLike, t: npt.ArrayLike, windows: Windows, ok: BOOL, window: int) -> I64:
    """Instance id (from 0, in order) of each element covered by a qualifying window, else -1.

    ``ok[i]`` says whether the window of element ``i`` qualifies.
    """
    k = np.ascontiguousarray(key, dtype=np.int64)
    tt = np.ascontiguousarray(t, dtype=np.int64)
    okc = np.ascontiguousarray(ok, dtype=np.bool_)
    return _instances(k, tt, windows.start, windows.end, okc, int(window))


def instances_reference(
    key: Sequence[int],
    t: Sequence[int],
    start: Sequence[int],
    end: Sequence[int],
    ok: Sequence[bool],
    window: int,
) -> list[int]:
    """:func:`instances` by brute force (for tests)."""
    n = len(key)
    covered = [any(ok[e] and start[e] <= i <= end[e] for e in range(n)) for i in range(n)]
    out: list[int] = []
    current = -1
    for i in range(n):
        if not covered[i]:
            out.append(-1)
            continue
        if i == 0 or not covered[i - 1] or key[i] != key[i - 1] or t[i] - t[i - 1] > window:
            current += 1
        out.append(current)
    return out


@dataclass(frozen=True, slots=True)
class Runs:
    """Instances as runs of elements: first and last element index and size, per id."""

    first: I64
    last: I64
    size: I64


def runs(inst: I64) -> Runs:
    """The runs of the instance ids returned by :func:`instances` (contiguous, ascending)."""
    idx = np.flatnonzero(inst >= 0)
    ids = inst[idx]
    starts = np.ones(idx.size, dtype=np.bool_)
    starts[1:] = ids[1:] != ids[:-1]
    first = idx[starts]
    size = np.diff(np.append(np.flatnonzero(starts), idx.size))
    return Runs(first, first + size - 1, size)


def keep(inst: I64, kept: BOOL) -> I64:
    """``inst`` with the instances whose ``kept[id]`` is false set to -1."""
    out = inst.copy()
    member = out >= 0
    out[member & ~kept[np.maximum(out, 0)]] = -1
    return out


def around(acct: I64, t: I64, at: I64, half_span: int) -> I64:
    """How many elements of ``at``'s key lie within ``half_span`` of it (elements sorted by
    ``(acct, t)``), for a few elements ``at``: one ``searchsorted`` over a composite key."""
    if at.size == 0:
        return np.zeros(0, dtype=np.int64)
    sec = t // 1_000_000
    half = half_span // 1_000_000 + 1
    base = int(sec.min()) - half
    stride = int(sec.max()) - base + half + 1
    key = acct * stride + (sec - base)
    lo = np.searchsorted(key, key[at] - half, side="left")
    hi = np.searchsorted(key, key[at] + half, side="right")
    return cast(I64, hi - lo)


def concentration(inst: I64, acct: I64, t: I64, baseline: int) -> tuple[I64, F64]:
    """``(ids, share)``: each instance's share of its account's elements within
    ``baseline / 2`` either side of its start (a burst against the account's usual month)."""
    r = runs(inst)
    local = around(acct, t, r.first, baseline // 2)
    return inst[r.first], r.size / np.maximum(local, 1)


def prune(
    inst: I64,
    acct: I64,
    t: I64,
    *,
    min_share: float = 0.0,
    baseline: int = 0,
    max_span: int | None = None,
) -> I64:
    """Drop instances that are a small part of their account's usual activity, or last long.

    An instance is kept if it holds at least ``min_share`` of the account's elements within
    ``baseline / 2`` either side of its start (a burst stands out against the account's
    month, whatever the length of the batch) and spans at most ``max_span``. Done in NumPy
    so that steady, busy accounts never reach a group-by.
    """
    if not (inst >= 0).any():
        return inst
    r = runs(inst)
    ok = np.ones(r.size.size, dtype=np.bool_)
    if min_share > 0:
        ok &= concentration(inst, acct, t, baseline)[1] >= min_share
    if max_span is not None:
        ok &= t[r.last] - t[r.first] <= max_span
    kept = np.zeros(int(inst.max()) + 1, dtype=np.bool_)
    kept[inst[r.first][ok]] = True
    return keep(inst, kept)
