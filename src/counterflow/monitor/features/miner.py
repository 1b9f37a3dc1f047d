"""The driver: validate, build the graph, run the kernels, assemble the feature matrix.

Features are *causal*: row ``i`` uses only transactions at or before ``i`` in time order
(equal timestamps: input order) and inside the relevant window, so a model trained on them
never peeks into the future and a live system can compute them as transactions arrive.

Rows ``< emit_from`` are a warm-up prefix: they feed the windows but get no output row. A
time partition ``[t0, t1)`` is mined exactly by passing the edges from
``t0 - config.max_window_seconds`` on with ``emit_from`` at the first edge of ``t0``; the
rows equal those of one run over the whole history (this is tested), which is what lets a
cluster mine partitions independently.

The work, each pass parallel on Numba's thread pool:

0. the static adjacency (:mod:`~counterflow.monitor.kernels.graph`), O(n + accounts);
1. per-account sliding windows (:mod:`~counterflow.monitor.kernels.account_window`),
   accounts in parallel, amortised O(1) per edge, exact;
2. scatter-gather per edge (:mod:`~counterflow.monitor.kernels.scatter_gather`), edges in
   parallel, capped;
3. temporal and simple cycles per edge (:mod:`~counterflow.monitor.kernels.cycles`), edges
   in parallel, capped;
4. the element-wise columns in one pass over rows (:mod:`~counterflow.monitor.kernels.row_ops`,
   declared in :mod:`~counterflow.monitor.features.derived`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numba
import numpy as np
from numpy.typing import NDArray

from counterflow.monitor.features.config import FeatureConfig
from counterflow.monitor.features.derived import below_threshold, derived_ops
from counterflow.monitor.features.layout import build_layout
from counterflow.monitor.features.matrix import FeatureMatrix
from counterflow.monitor.kernels.account_window import (
    account_windows,
    gather_entries,
)
from counterflow.monitor.kernels.cycles import cycles
from counterflow.monitor.kernels.graph import build_graph
from counterflow.monitor.kernels.row_ops import row_ops
from counterflow.monitor.kernels.scatter_gather import scatter_gather

DEFAULT_CONFIG = FeatureConfig()
_BLOCK = 256  # edges per parallel work item of the search kernels
_GROUPS_PER_THREAD = 16  # account groups per thread in the window walk (load balance)


def mine_features(
    src: NDArray[np.integer],
    dst: NDArray[np.integer],
    ts: NDArray[np.integer],
    amount: NDArray[np.floating],
    *,
    n_accounts: int,
    config: FeatureConfig = DEFAULT_CONFIG,
    threads: int = 0,
    emit_from: int = 0,
) -> FeatureMatrix:
    """Causal graph features of every transaction from ``emit_from`` on.

    ``src``/``dst`` are dense account ids in ``[0, n_accounts)``, ``ts`` integer seconds
    sorted ascending, ``amount`` USD amounts (finite, >= 0). ``threads=0`` uses every core
    Numba may use. Returns ``len(src) - emit_from`` rows; see
    :mod:`~counterflow.monitor.features.layout` for the columns.
    """
    cfg = config
    s, d, t, a = _validated(src, dst, ts, amount, n_accounts, emit_from, threads)
    # Everything below is O(n + n_accounts) memory plus the output; no step is quadratic.
    layout = build_layout(cfg)
    n = s.size
    out = _new_matrix(n - emit_from, len(layout.names))
    if n == emit_from:
        return FeatureMatrix(values=out, names=layout.names)
    with _thread_count(threads):
        graph = build_graph(s, d, n_accounts)
        entries = gather_entries(
            graph.inc_ent, t, a, below_threshold(a, cfg), graph.pair_prev, graph.pair_next
        )
        groups = _account_groups(graph.inc_ptr, numba.get_num_threads() * _GROUPS_PER_THREAD)
        # The kernels below have few work items (account groups, edge blocks) of very uneven
        # cost (hubs): hand them out one at a time instead of in equal static shares.
        with numba.parallel_chunksize(1):
            account_windows(
                graph.inc_ptr,
                entries,
                layout.walk_windows,
                layout.minmax,
                layout.colmap,
                layout.colrole,
                cfg.max_window_seconds,
                emit_from,
                out,
                groups,
            )
            del entries  # the walk's memory, before the searches allocate
            scatter_gather(
                graph,
                _window_starts(t, cfg.scatter_gather_window),
                cfg.scatter_gather_budget,
                cfg.scatter_gather_fanout,
                emit_from,
                _BLOCK,
                layout.sg_cols,
                out,
            )
            for window, max_len, temporal, cols in (
                (cfg.temporal_cycle_window, cfg.max_temporal_cycle_len, True, layout.tc_cols),
                (cfg.simple_cycle_window, cfg.max_simple_cycle_len, False, layout.lc_cols),
            ):
                cycles(
                    graph,
                    _window_starts(t, window),
                    max_len,
                    cfg.cycle_budget,
                    temporal,
                    emit_from,
                    _BLOCK,
                    cols,
                    out,
                )
        row_ops(out, t[emit_from:], a[emit_from:], *derived_ops(cfg, layout.index))
    return FeatureMatrix(values=out, names=layout.names)


def _validated(
    src: NDArray[np.integer],
    dst: NDArray[np.integer],
    ts: NDArray[np.integer],
    amount: NDArray[np.floating],
    n_accounts: int,
    emit_from: int,
    threads: int,
) -> tuple[NDArray[np.int32], NDArray[np.int32], NDArray[np.int64], NDArray[np.float64]]:
    arrays = {"src": src, "dst": dst, "ts": ts, "amount": amount}
    for name, arr in arrays.items():
        if not isinstance(arr, np.ndarray) or arr.ndim != 1:
            raise ValueError(f"{name} must be a 1-D NumPy array")
    n = src.size
    lengths = {name: arr.size for name, arr in arrays.items()}
    if len(set(lengths.values())) != 1:
        raise ValueError(f"src, dst, ts and amount must have equal lengths, got {lengths}")
    if n >= np.iinfo(np.int32).max:
        raise ValueError(f"at most {np.iinfo(np.int32).max - 1} edges per call, got {n}")
    for name in ("src", "dst", "ts"):
        if not np.issubdtype(arrays[name].dtype, np.integer):
            raise ValueError(f"{name} must have an integer dtype, got {arrays[name].dtype}")
    if not np.issubdtype(amount.dtype, np.floating):
        raise ValueError(f"amount must have a floating dtype, got {amount.dtype}")
    if not 1 <= n_accounts < np.iinfo(np.int32).max:
        raise ValueError(f"n_accounts must be in [1, 2**31 - 1), got {n_accounts}")
    if not 0 <= emit_from <= n:
        raise ValueError(f"emit_from must be in [0, {n}], got {emit_from}")
    if threads < 0:
        raise ValueError(f"threads must be >= 0 (0 = all cores), got {threads}")
    for name in ("src", "dst"):
        arr = arrays[name]
        if n and (int(arr.min()) < 0 or int(arr.max()) >= n_accounts):
            bad = int(np.flatnonzero((arr < 0) | (arr >= n_accounts))[0])
            raise ValueError(
                f"{name}[{bad}] = {int(arr[bad])} is not an account id in [0, {n_accounts})"
            )
    t = np.ascontiguousarray(ts, dtype=np.int64)
    if n > 1:
        down = np.flatnonzero(t[1:] < t[:-1])
        if down.size:
            k = int(down[0])
            raise ValueError(
                f"ts must be sorted ascending: ts[{k}] = {t[k]} > ts[{k + 1}] = {t[k + 1]}"
            )
    a = np.ascontiguousarray(amount, dtype=np.float64)
    bad_amount = np.flatnonzero(~np.isfinite(a) | (a < 0))
    if bad_amount.size:
        k = int(bad_amount[0])
        raise ValueError(f"amount[{k}] = {a[k]} is not a finite amount >= 0")
    return (
        np.ascontiguousarray(src, dtype=np.int32),
        np.ascontiguousarray(dst, dtype=np.int32),
        t,
        a,
    )


def _new_matrix(rows: int, cols: int) -> NDArray[np.float32]:
    """Uninitialised output: every column is written by a kernel or by ``fill_derived``."""
    return np.empty((rows, cols), dtype=np.float32)


def _window_starts(ts: NDArray[np.int64], window: int) -> NDArray[np.int64]:
    """``lo[i]``: the first edge inside ``(ts[i] - window, ts[i]]``."""
    return np.searchsorted(ts, ts - window, side="right").astype(np.int64)


def _account_groups(inc_ptr: NDArray[np.int64], n_groups: int) -> NDArray[np.int64]:
    """Cut accounts into ranges holding about equal numbers of incident edges."""
    targets = np.linspace(0, inc_ptr[-1], n_groups + 1)
    cuts = np.searchsorted(inc_ptr, targets, side="left")
    cuts[0], cuts[-1] = 0, inc_ptr.size - 1
    return np.unique(cuts).astype(np.int64)


@contextmanager
def _thread_count(threads: int) -> Iterator[None]:
    """Run Numba's parallel loops on ``threads`` threads (0: all), then restore."""
    before = numba.get_num_threads()
    most: int = numba.config.NUMBA_NUM_THREADS  # type: ignore[attr-defined]
    numba.set_num_threads(min(threads, most) if threads else before)
    try:
        yield
    finally:
        numba.set_num_threads(before)
