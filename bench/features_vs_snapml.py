"""Feature mining speed: counterflow's Numba miner against snapml's GraphFeaturePreprocessor.

Both get the identical edge list (``bench/_synthetic_graph.py``) and the same thread count,
with the same pattern families and windows: fan and degree (snapml: one window, the longest
of ours; we compute two), scatter-gather, temporal cycles, length-constrained simple cycles
and vertex statistics of the amount. snapml runs in a child process so a ``--snapml-timeout``
can stop it on graphs where it does not finish.

    .venv/bin/python bench/features_vs_snapml.py --edges 1000000 --accounts 100000
    .venv/bin/python bench/features_vs_snapml.py --edges 1000000 --accounts 100000 \\
        --hub-share 0.5
    .venv/bin/python bench/features_vs_snapml.py --edges 5000000 --accounts 500000 --no-snapml

Prints one table and the command that reproduces it.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import shlex
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _synthetic_graph import Edges, make_edges
from counterflow.monitor.features import FeatureConfig, mine_features


def snapml_params(config: FeatureConfig, threads: int) -> dict[str, Any]:
    """snapml parameters equivalent to ``config`` (same families and windows)."""
    bins = list(range(2, 31))
    return {
        "num_threads": threads,
        "time_window": -1,  # the longest pattern window
        "vertex_stats": True,
        "vertex_stats_tw": config.stats_window,
        "vertex_stats_cols": [4],  # the amount column of [id, src, dst, ts, amount]
        # fan, degree, fan/degree ratio, mean, sum, min, max, variance
        "vertex_stats_feats": [0, 1, 2, 3, 4, 5, 6, 8],
        "fan": True,
        "fan_tw": max(config.windows),
        "fan_bins": bins,
        "degree": True,
        "degree_tw": max(config.windows),
        "degree_bins": bins,
        "scatter-gather": True,
        "scatter-gather_tw": config.scatter_gather_window,
        "scatter-gather_bins": bins,
        "temp-cycle": True,
        "temp-cycle_tw": config.temporal_cycle_window,
        "temp-cycle_bins": bins,
        "lc-cycle": True,
        "lc-cycle_tw": config.simple_cycle_window,
        "lc-cycle_len": config.max_simple_cycle_len,
        "lc-cycle_bins": list(range(2, config.max_simple_cycle_len + 1)),
    }


def _snapml_child(x: np.ndarray, params: dict[str, Any], out: Any) -> None:
    import snapml

    gfp = snapml.GraphFeaturePreprocessor()
    gfp.set_params(params)
    t0 = time.perf_counter()
    c0 = time.process_time()
    result = gfp.fit_transform(x)
    out.put((time.perf_counter() - t0, time.process_time() - c0, result.shape[1] - x.shape[1]))


def run_snapml(
    edges: Edges, config: FeatureConfig, threads: int, timeout: float | None
) -> tuple[float | None, float | None, int]:
    """(wall seconds, CPU seconds, number of features) of snapml; seconds are None on
    timeout."""
    x = np.column_stack(
        [np.arange(edges.src.size), edges.src, edges.dst, edges.ts, edges.amount]
    ).astype(np.float64)
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_snapml_child, args=(x, snapml_params(config, threads), queue))
    child.start()
    try:
        seconds, cpu, n_features = queue.get(timeout=timeout)
    except Exception:  # queue.Empty on timeout
        child.kill()
        child.join()
        return None, None, 0
    child.join()
    return seconds, cpu, n_features


def run_ours(
    edges: Edges, config: FeatureConfig, threads: int, repeat: int
) -> tuple[float, float, int]:
    """(best wall seconds, its CPU seconds, number of features) of :func:`mine_features`
    over ``repeat`` runs.

    A small call first compiles the kernels (or loads them from Numba's cache).
    """
    small = make_edges(2_000, 200, hub_share=0.3, seed=0)
    mine_features(
        small.src,
        small.dst,
        small.ts,
        small.amount,
        n_accounts=200,
        config=config,
        threads=threads,
    )
    best = float("inf")
    best_cpu = 0.0
    k = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        c0 = time.process_time()
        fm = mine_features(
            edges.src,
            edges.dst,
            edges.ts,
            edges.amount,
            n_accounts=edges.n_accounts,
            config=config,
            threads=threads,
        )
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        if wall < best:
            best, best_cpu = wall, cpu
        k = fm.values.shape[1]
        del fm
    return best, best_cpu, k


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--accounts", type=int, default=100_000)
    ap.add_argument("--hub-share", type=float, default=0.0)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--snapml-timeout", type=float, default=None, help="seconds")
    ap.add_argument("--no-snapml", action="store_true", help="time counterflow only")
    ap.add_argument("--repeat", type=int, default=3, help="runs of ours; the best is shown")
    args = ap.parse_args()

    config = FeatureConfig()
    edges = make_edges(
        args.edges, args.accounts, hub_share=args.hub_share, seed=args.seed, days=args.days
    )
    top_in = int(np.bincount(edges.dst).max())
    snap_s: float | None = None
    snap_cpu: float | None = None
    snap_k = 0
    if not args.no_snapml:
        snap_s, snap_cpu, snap_k = run_snapml(edges, config, args.threads, args.snapml_timeout)
    ours_s, ours_cpu, ours_k = run_ours(edges, config, args.threads, args.repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    n = args.edges
    print()
    print(
        f"{'edges':>10} {'accounts':>9} {'top in-deg':>10} {'cores':>5} "
        f"{'snapml s':>9} {'(cpu s)':>8} {'snapml tx/s':>12} {'ours s':>7} {'(cpu s)':>8} "
        f"{'ours tx/s':>10} {'speed-up':>9} {'features':>10} {'peak MB':>8}"
    )
    if args.no_snapml:
        snap_cols = f"{'-':>9} {'-':>8} {'-':>12}"
        speedup = "-"
    elif snap_s is None or snap_cpu is None:
        snap_cols = f"{'>' + str(int(args.snapml_timeout or 0)):>9} {'-':>8} {'-':>12}"
        speedup = f">{(args.snapml_timeout or 0) / ours_s:.1f}x"
    else:
        snap_cols = f"{snap_s:>9.2f} {snap_cpu:>8.2f} {n / snap_s:>12,.0f}"
        speedup = f"{snap_s / ours_s:.1f}x"
    print(
        f"{n:>10,} {args.accounts:>9,} {top_in:>10,} {args.threads:>5} {snap_cols} "
        f"{ours_s:>7.2f} {ours_cpu:>8.2f} {n / ours_s:>10,.0f} {speedup:>9} "
        f"{f'{snap_k} / {ours_k}':>10} {peak_mb:>8,.0f}"
    )
    print(
        f"\ncores on this machine: {os.cpu_count()}; snapml: one run in a child process; "
        f"ours: best of {args.repeat}; peak MB: this process (ours + input)"
    )
    print("reproduce: .venv/bin/python bench/features_vs_snapml.py " + shlex.join(sys.argv[1:]))


if __name__ == "__main__":
    main()
