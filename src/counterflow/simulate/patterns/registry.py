"""The explicit table of plantable typologies (no discovery magic).

Each row names a :class:`~counterflow.model.typology.Typology`, the function that plants one
instance of it, and the range of transactions one instance produces (documentation for
readers and a sanity bound for tests). Add a typology by writing its module and one row here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from counterflow.model.typology import Typology
from counterflow.simulate.ledger import Batch
from counterflow.simulate.patterns.base import Planter
from counterflow.simulate.patterns.bipartite import bipartite, stack
from counterflow.simulate.patterns.chain import cycle, random_walk
from counterflow.simulate.patterns.fan import fan_in, fan_out
from counterflow.simulate.patterns.gather import gather_scatter, scatter_gather
from counterflow.simulate.patterns.rapid import funnel, pass_through
from counterflow.simulate.patterns.structuring import structuring
from counterflow.simulate.patterns.trafficking import no_payroll, third_party_cash, wage_sweep


@dataclass(frozen=True, slots=True)
class PatternSpec:
    """One plantable typology."""

    typology: Typology
    plant: Callable[[Planter], Batch]
    min_txns: int
    max_txns: int


REGISTRY: tuple[PatternSpec, ...] = (
    PatternSpec(Typology.FAN_OUT, fan_out, 3, 16),
    PatternSpec(Typology.FAN_IN, fan_in, 3, 16),
    PatternSpec(Typology.GATHER_SCATTER, gather_scatter, 6, 20),
    PatternSpec(Typology.SCATTER_GATHER, scatter_gather, 6, 24),
    PatternSpec(Typology.CYCLE, cycle, 3, 10),
    PatternSpec(Typology.RANDOM, random_walk, 3, 10),
    PatternSpec(Typology.BIPARTITE, bipartite, 3, 36),
    PatternSpec(Typology.STACK, stack, 6, 50),
    PatternSpec(Typology.STRUCTURING, structuring, 3, 11),
    PatternSpec(Typology.PASS_THROUGH, pass_through, 2, 7),
    PatternSpec(Typology.FUNNEL, funnel, 4, 22),
    PatternSpec(Typology.WAGE_SWEEP, wage_sweep, 10, 60),
    PatternSpec(Typology.THIRD_PARTY_CASH, third_party_cash, 6, 26),
    PatternSpec(Typology.NO_PAYROLL, no_payroll, 11, 44),
)

BY_TYPOLOGY: dict[Typology, PatternSpec] = {spec.typology: spec for spec in REGISTRY}
