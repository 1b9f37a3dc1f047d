"""Account context of a score: what the model thinks of an account's other transactions.

Laundering is rarely one transaction: a mule account receives several structured
deposits, a controller collects many workers' wages, a layering account forwards what it
received. A per-transaction model judges each of these rows on its own, so a weak row of
a strong account is missed. Giving every transaction the first-stage scores of its
accounts' *other* transactions (the "neighbourhood" or "account-level" signal) is the
classic remedy, known as stacking with relational features or collective classification
(Neville & Jensen, "Iterative classification in relational data", AAAI 2000 workshop;
Lu & Getoor, "Link-based classification", ICML 2003). In AML it is how analysts work: the
account is the unit of suspicion (FATF, *Money laundering using trade-based and
professional networks*, 2018; Weber et al., "Anti-money laundering in bitcoin", 2019, use
neighbour aggregates the same way).

For a transaction at time ``t`` from ``s`` to ``d`` the context has, for each of the four
sides ``src_out`` (``s``'s other payments), ``src_in`` (what ``s`` received), ``dst_in``
(what else ``d`` received) and ``dst_out`` (what ``d`` paid), over the window
``[t - back, t + ahead]``: the number of transactions, their mean and maximum score, and
how many reach ``level`` (the first stage's threshold). ``ahead = 0`` keeps the context
causal (only what happened up to ``t``); a positive ``ahead`` is the batch view a bank or
FIU has when it monitors a day or a month at once (the typology detectors see the whole
batch too), where a laundering account's later transactions shed light on its earlier
ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl
from numpy.typing import NDArray

from counterflow.monitor.features.config import DAY
from counterflow.monitor.kernels import context as kx
from counterflow.monitor.kernels.graph import IN, OUT

SIDES: tuple[tuple[str, int, int], ...] = (
    ("src_out", 0, OUT),
    ("src_in", 0, IN),
    ("dst_in", 1, IN),
    ("dst_out", 1, OUT),
)
"""``(name, endpoint, direction)``: endpoint 0 is the payer, 1 the payee."""

STATS = ("count", "mean", "max", "above")


@dataclass(frozen=True, slots=True)
class ContextConfig:
    """The context window (seconds before and after a transaction) and the max-scan cap.

    The default, 30 days either side, is the best of the windows tried on the validation
    part of the bench world (``bench/quality_vs_snapml.py``, 50,000 accounts, 30 days,
    seed 3; laundering-class F1 of the two-stage model on validation: 3 days either side
    0.756, 7 days 0.822, 14 days 0.858, 30 days 0.890; 14 days before only 0.769). The
    longer the window, the more of an account's history informs each of its transactions:
    suspicion is a property of the account more than of the day.
    """

    back: int = 30 * DAY
    ahead: int = 30 * DAY
    cap: int = 64

    def __post_init__(self) -> None:
        if self.back < 0 or self.ahead < 0 or self.back + self.ahead <= 0:
            raise ValueError("ContextConfig needs back, ahead >= 0 and a non-empty window")
        if self.cap < 2:
            raise ValueError("ContextConfig.cap must be >= 2")


@dataclass(frozen=True, slots=True)
class Edges:
    """What the context needs of a batch: payer and payee ids and epoch seconds per row."""

    src: NDArray[np.int64]
    dst: NDArray[np.int64]
    ts: NDArray[np.int64]

    @classmethod
    def of(cls, txns: pl.DataFrame) -> Edges:
        """The edges of canonical transactions (dense ``src_id``/``dst_id``, ``ts``)."""
        return cls(
            txns.get_column("src_id").to_numpy().astype(np.int64),
            txns.get_column("dst_id").to_numpy().astype(np.int64),
            txns.get_column("ts").dt.epoch("s").to_numpy().astype(np.int64),
        )


def context_names() -> tuple[str, ...]:
    """Column names of :func:`context_features`, ``ctx_<side>_<stat>``."""
    return tuple(f"ctx_{side}_{stat}" for side, _, _ in SIDES for stat in STATS)


def context_features(
    edges: Edges, scores: NDArray[np.float64], level: float, config: ContextConfig
) -> NDArray[np.float32]:
    """The ``(n, 16)`` context matrix of every row (columns as :func:`context_names`)."""
    n = edges.src.size
    if scores.shape != (n,):
        raise ValueError(f"scores has shape {scores.shape}, expected ({n},)")
    out = np.empty((n, len(SIDES) * len(STATS)), dtype=np.float32)
    if n == 0:
        return out
    n_accounts = 1 + int(max(edges.src.max(), edges.dst.max()))
    # Entry e < n is row e seen from its payer (direction OUT); entry n + e from its payee.
    keys = np.concatenate([2 * edges.src + OUT, 2 * edges.dst + IN])
    times = np.concatenate([edges.ts, edges.ts])
    order = np.lexsort((times, keys))
    where = np.empty(2 * n, dtype=np.int64)
    where[order] = np.arange(2 * n, dtype=np.int64)
    ptr = np.zeros(2 * n_accounts + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=2 * n_accounts), out=ptr[1:])
    s = np.concatenate([scores, scores])[order]
    pre_sum = np.zeros(2 * n + 1, dtype=np.float64)
    np.cumsum(s, out=pre_sum[1:])
    pre_above = np.zeros(2 * n + 1, dtype=np.int64)
    np.cumsum(s >= level, out=pre_above[1:])
    rows = np.arange(n, dtype=np.int64)
    res = np.empty((n, kx.N_CONTEXT), dtype=np.float64)
    for j, (_, endpoint, direction) in enumerate(SIDES):
        account = edges.src if endpoint == 0 else edges.dst
        own_direction = OUT if endpoint == 0 else IN
        own = where[rows + endpoint * n] if direction == own_direction else np.full(n, -1)
        kx.window_context(
            ptr,
            times[order],
            s,
            pre_sum,
            pre_above,
            2 * account + direction,
            edges.ts,
            own.astype(np.int64),
            config.back,
            config.ahead,
            level,
            config.cap,
            res,
        )
        count = res[:, kx.CX_COUNT]
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(count > 0, res[:, kx.CX_SUM] / np.maximum(count, 1), np.nan)
        base = j * len(STATS)
        out[:, base] = count
        out[:, base + 1] = mean
        out[:, base + 2] = res[:, kx.CX_MAX]
        out[:, base + 3] = res[:, kx.CX_ABOVE]
    return out
