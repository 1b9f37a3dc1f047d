"""The seam between monitoring algorithms and the engine that runs them.

Causal graph features of a transaction at time ``t`` depend only on transactions in
``[t - max_window, t]``. So the transaction stream can be cut into time partitions, each
handed its own rows plus a *warm-up prefix* of the ``max_window`` seconds before it; the
warm-up rows update the kernels' state but produce no output. Partitions are then
independent: one process runs them in turn (:class:`LocalBackend`), a cluster runs them in
parallel (a Spark backend maps the same work function over range-partitioned data).

Algorithms ask the backend for this one primitive and never branch on which engine runs
them (the pattern of Splink's ``DatabaseAPI``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable

import polars as pl

PartitionWork = Callable[[pl.DataFrame, int], pl.DataFrame]
"""``work(rows, emit_from)``: rows are time-sorted, the first ``emit_from`` are warm-up only;
returns one output row per input row from ``emit_from`` on, in order."""


class Backend(ABC):
    """Runs per-partition work over a time-sorted transaction frame."""

    name: str = "abstract"

    @abstractmethod
    def map_time_partitions(
        self, txns: pl.DataFrame, work: PartitionWork, *, overlap_seconds: int
    ) -> pl.DataFrame:
        """Apply ``work`` to every time partition (with its warm-up prefix) and concatenate."""
