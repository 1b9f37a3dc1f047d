"""The default backend: every partition in this process, one after the other.

Parallelism on one machine comes from inside the work (Numba ``prange`` kernels, LightGBM
threads), so one partition is the fastest choice; more partitions bound memory on very large
inputs and exercise exactly the warm-up logic a cluster backend relies on.
"""

from __future__ import annotations

import itertools

import numpy as np
import polars as pl

from counterflow.monitor.backends.base import Backend, PartitionWork


def partition_bounds(ts_seconds: np.ndarray, partitions: int) -> list[tuple[int, int]]:
    """Cut time-sorted rows into about equal row ranges ``[lo, hi)`` at timestamp changes."""
    n = int(ts_seconds.size)
    if partitions <= 1 or n == 0:
        return [(0, n)]
    cuts = [0]
    for k in range(1, partitions):
        i = round(n * k / partitions)
        # Never split rows that share a timestamp: the kernels treat ties as one instant.
        i = int(np.searchsorted(ts_seconds, ts_seconds[min(i, n - 1)], side="left"))
        if i > cuts[-1]:
            cuts.append(i)
    cuts.append(n)
    return list(itertools.pairwise(cuts))


class LocalBackend(Backend):
    """Run partitions sequentially in this process."""

    name = "local"

    def __init__(self, partitions: int = 1) -> None:
        if partitions < 1:
            raise ValueError(f"partitions must be >= 1, got {partitions}")
        self.partitions = partitions

    def map_time_partitions(
        self, txns: pl.DataFrame, work: PartitionWork, *, overlap_seconds: int
    ) -> pl.DataFrame:
        ts = txns.get_column("ts").dt.epoch("s").to_numpy()
        outputs: list[pl.DataFrame] = []
        for lo, hi in partition_bounds(ts, self.partitions):
            start = int(np.searchsorted(ts, ts[lo] - overlap_seconds, side="left")) if lo else 0
            out = work(txns.slice(start, hi - start), lo - start)
            if out.height != hi - lo:
                raise RuntimeError(f"partition work returned {out.height} rows, expected {hi - lo}")
            outputs.append(out)
        return pl.concat(outputs, how="vertical") if outputs else pl.DataFrame()
