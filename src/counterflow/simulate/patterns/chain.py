"""Cycles and random walks: money hopping from account to account.

A *cycle* (AMLworld; "round-tripping" in FATF terms) moves funds through a ring of accounts
back to where they started, making them look like fresh income. A *random* pattern is an
AMLworld random walk: a chain of transfers through distinct accounts that never returns.
Each hop follows the previous one by minutes to hours and passes on slightly less (fees,
cuts), so amounts along the chain are alike but not equal.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from counterflow.simulate.ledger import Batch
from counterflow.simulate.patterns.base import Planter


def _hops(p: Planter, nodes: npt.NDArray[np.int32], closed: bool) -> Batch:
    src = nodes
    dst = np.roll(nodes, -1) if closed else nodes[1:]
    src = src if closed else nodes[:-1]
    k = len(src)
    usd = p.base_usd() * np.cumprod(p.rng.uniform(0.95, 1.0, k)).astype(np.float64)
    t = p.chain(k, median_h=6.0)
    return p.batch(t, src, dst, usd, p.channels(k))


def cycle(p: Planter) -> Batch:
    """A -> B -> ... -> A through 3 to 10 distinct accounts."""
    return _hops(p, p.pick(p.size(3, 10)), closed=True)


def random_walk(p: Planter) -> Batch:
    """A -> B -> C -> ... through 3 to 10 hops between distinct accounts, never returning."""
    return _hops(p, p.pick(1 + p.size(3, 10)), closed=False)
