"""Planting laundering to a budget: pattern instances first, unpatterned transfers after.

The world's laundering budget is ``laundering_rate`` of all transactions. Of it,
``unpatterned_share`` is reserved for unpatterned transfers (AMLworld HI-Small: about a
third) and the rest is filled with instances of the registered typologies, drawn by
``pattern_weights``. A first pass plants each enabled typology once (in random order) so that
every typology appears whenever the budget allows; after that typologies are drawn at random.
An instance that would overshoot the patterned budget by more than a small tolerance is
discarded and another drawn, so the laundering rate stays on target even for small worlds.

Launderers are a pool of ordinary accounts (individuals, merchants, companies) that keep their
normal background business; instances draw from the pool with reuse, so some accounts take
part in several patterns, as in AMLworld.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from counterflow.model.typology import Typology
from counterflow.simulate.accounts import Accounts
from counterflow.simulate.codes import PATTERN_CODE, PATTERN_ORDER, Kind
from counterflow.simulate.ledger import Batch
from counterflow.simulate.patterns import BY_TYPOLOGY, Planter, unpatterned
from counterflow.simulate.scene import Scene

MAX_REJECTS = 40


@dataclass(frozen=True, slots=True)
class Budget:
    """How many laundering transactions to plant, split into patterned and unpatterned."""

    patterned: int
    unpatterned: int

    @classmethod
    def of(cls, total: int, unpatterned_share: float) -> Budget:
        free = round(total * unpatterned_share)
        return cls(patterned=total - free, unpatterned=free)

    @property
    def tolerance(self) -> int:
        return max(2, (self.patterned + self.unpatterned) // 10)


def launderer_pool(
    rng: np.random.Generator, acc: Accounts, patterned: int
) -> npt.NDArray[np.int32]:
    """Ordinary accounts that will take part in laundering (and keep their normal business)."""
    kinds = np.array([Kind.INDIVIDUAL, Kind.MERCHANT, Kind.COMPANY])
    candidates = np.flatnonzero(np.isin(acc.kind[: acc.n], kinds)).astype(np.int32)
    size = int(np.clip(0.6 * patterned + 64, 64, len(candidates) // 3))
    return np.sort(rng.choice(candidates, size=size, replace=False)).astype(np.int32)


def plant_laundering(
    rng: np.random.Generator,
    scene: Scene,
    total: int,
    unpatterned_share: float,
    weights: Mapping[Typology, float],
) -> Batch:
    """``total`` (about) laundering transactions with pattern codes and instance ids set."""
    if total <= 0:
        return Batch.empty()
    budget = Budget.of(total, unpatterned_share)
    enabled = [t for t in PATTERN_ORDER if float(weights.get(t, 0.0)) > 0.0]
    w = np.array([float(weights[t]) for t in enabled])
    planter = Planter(rng, scene, launderer_pool(rng, scene.accounts, budget.patterned))
    first_pass = [enabled[i] for i in rng.permutation(len(enabled))]
    batches: list[Batch] = []
    planted = rejects = 0
    while enabled and planted < budget.patterned and rejects < MAX_REJECTS:
        typology = (
            first_pass.pop() if first_pass else enabled[rng.choice(len(enabled), p=w / w.sum())]
        )
        known = len(planter.members)
        instance = BY_TYPOLOGY[typology].plant(planter)
        if len(instance) == 0 or planted + len(instance) > budget.patterned + budget.tolerance:
            del planter.members[known:]
            rejects += 1
            continue
        instance.pattern[:] = PATTERN_CODE[typology]
        instance.pattern_id[:] = len(batches)
        batches.append(instance)
        planted += len(instance)
    members = (
        np.unique(np.concatenate(planter.members)) if planter.members else planter.pool
    ).astype(np.int32)
    rest = unpatterned(rng, scene, members, budget.unpatterned)
    rest.pattern[:] = PATTERN_CODE[Typology.UNPATTERNED]
    return Batch.concat([*batches, rest])
