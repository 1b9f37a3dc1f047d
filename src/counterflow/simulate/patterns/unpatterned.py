"""Unpatterned laundering: illicit transfers that form no recognisable shape.

In AMLworld about a third of laundering transactions in HI-Small belong to no planted
pattern: they are payments between launderers' accounts that look like ordinary business
(Altman et al., NeurIPS 2023). They are what makes detection hard, and they are generated
here from the same amount, channel and timing distributions as legitimate transfers, only
between accounts that take part in planted patterns.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from counterflow.simulate.ledger import Batch
from counterflow.simulate.scene import Scene
from counterflow.simulate.transfers import transfer_channels


def unpatterned(
    rng: np.random.Generator, scene: Scene, members: npt.NDArray[np.int32], n: int
) -> Batch:
    """``n`` transfers between distinct ``members`` (launderers' accounts)."""
    if n <= 0 or len(members) < 2:
        return Batch.empty()
    src = rng.choice(members, size=n)
    dst = rng.choice(members, size=n)
    clash = dst == src
    while clash.any():
        dst[clash] = rng.choice(members, size=int(clash.sum()))
        clash = dst == src
    business = rng.random(n) < 0.5
    usd = np.where(
        business, rng.lognormal(np.log(1_500.0), 1.3, n), rng.lognormal(np.log(150.0), 1.3, n)
    )
    t = np.where(
        business, scene.clock.sample(rng, n, "business"), scene.clock.sample(rng, n, "transfer")
    )
    cur = scene.currency(rng, src, usd)
    amount = scene.native(usd, cur, t, round_mask=rng.random(n) < 0.35)
    channel = transfer_channels(rng, n, business=0.5)
    return Batch.make(t, src, dst, amount, cur, channel)
