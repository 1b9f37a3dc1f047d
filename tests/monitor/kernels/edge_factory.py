"""Small random edge lists that stress the kernels: hubs, timestamp ties, repeated pairs,
self-loops, repeated amounts."""

from __future__ import annotations

import numpy as np


def random_edges(
    seed: int, n: int = 160, n_accounts: int = 12, hub_share: float = 0.3
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``src, dst, ts, amount`` with ``ts`` sorted and many ties (steps of 0 are common)."""
    rng = np.random.default_rng(seed)
    src = rng.integers(0, n_accounts, size=n).astype(np.int32)
    dst = rng.integers(0, n_accounts, size=n).astype(np.int32)
    hub = rng.random(n) < hub_share
    dst[hub] = 0
    src[rng.random(n) < hub_share / 3] = 1
    ts = np.cumsum(rng.choice([0, 0, 1, 2, 5, 13], size=n)).astype(np.int64) + 1_000
    amount = np.round(rng.lognormal(4.0, 1.5, size=n), 2)
    amount[rng.random(n) < 0.25] = 100.0  # repeated amounts: zero variance windows
    amount[rng.random(n) < 0.1] = rng.uniform(80.0, 99.99, size=1)[0]
    return src, dst, ts, amount
