"""Legitimate activity: the haystack in which laundering hides.

The background is generated to an exact budget of ``accounts x days x txns_per_account_day``
transactions. Scheduled flows come first because their volume follows from the population:
salaries (:mod:`.payroll`), bills (:mod:`.bills`) and processor settlements
(:mod:`.retail`). The rest of the budget is shared among free-running flows (shopping,
transfers, cash, wallets) in fixed proportions. If scheduled flows alone would exceed their
cap (very low activity settings), a random subset of them is kept.
"""

from __future__ import annotations

import numpy as np

from counterflow.simulate.bills import bills
from counterflow.simulate.cash import cash
from counterflow.simulate.ledger import Batch
from counterflow.simulate.payroll import salaries
from counterflow.simulate.retail import purchases, settlements, wallet_flows
from counterflow.simulate.scene import Scene
from counterflow.simulate.transfers import b2b, p2p

#: Free-running flows and their share of the budget left after scheduled flows.
FREE_FLOWS = (
    (purchases, 0.34),
    (p2p, 0.30),
    (cash, 0.16),
    (b2b, 0.12),
    (wallet_flows, 0.08),
)
SCHEDULED_CAP = 0.4  # at most this share of the budget is salaries, bills and settlements


def background(rng: np.random.Generator, scene: Scene, n: int) -> Batch:
    """Exactly ``n`` legitimate transactions."""
    streams = rng.spawn(3 + len(FREE_FLOWS))
    scheduled = Batch.concat(
        [salaries(streams[0], scene), bills(streams[1], scene), settlements(streams[2], scene)]
    )
    cap = int(SCHEDULED_CAP * n)
    if len(scheduled) > cap:
        keep = np.sort(streams[2].choice(len(scheduled), size=cap, replace=False))
        scheduled = scheduled.take(keep)
    rest = n - len(scheduled)
    shares = np.array([share for _, share in FREE_FLOWS])
    counts = np.floor(rest * shares / shares.sum()).astype(np.int64)
    counts[0] += rest - int(counts.sum())
    free = [
        flow(stream, scene, int(count))
        for (flow, _), stream, count in zip(FREE_FLOWS, streams[3:], counts, strict=True)
    ]
    return Batch.concat([scheduled, *free])
