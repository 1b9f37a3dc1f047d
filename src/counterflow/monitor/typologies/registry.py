"""The registry of typology detectors: an explicit table, in the order they run.

To add a detector, write its module and add one line here (no discovery magic; habit 4 of
DESIGN.md). Names are the typologies' codes (:class:`counterflow.model.Typology`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from counterflow.monitor.typologies.base import Detector
from counterflow.monitor.typologies.bipartite import Bipartite
from counterflow.monitor.typologies.cycle import Cycle
from counterflow.monitor.typologies.fan_in import FanIn
from counterflow.monitor.typologies.fan_out import FanOut
from counterflow.monitor.typologies.funnel import Funnel
from counterflow.monitor.typologies.gather_scatter import GatherScatter
from counterflow.monitor.typologies.no_payroll import NoPayroll
from counterflow.monitor.typologies.pass_through import PassThrough
from counterflow.monitor.typologies.random_walk import RandomWalk
from counterflow.monitor.typologies.scatter_gather import ScatterGather
from counterflow.monitor.typologies.stack import Stack
from counterflow.monitor.typologies.structuring import Structuring
from counterflow.monitor.typologies.third_party_cash import ThirdPartyCash
from counterflow.monitor.typologies.wage_sweep import WageSweep

_TABLE: tuple[Detector[Any], ...] = (
    # AMLworld graph patterns (Altman et al., NeurIPS 2023)
    FanOut(),
    FanIn(),
    GatherScatter(),
    ScatterGather(),
    Cycle(),
    RandomWalk(),
    Bipartite(),
    Stack(),
    # behavioural red flags (FATF 2018; Cambodia's reporting threshold)
    Structuring(),
    PassThrough(),
    Funnel(),
    # trafficking-linked red flags (FATF-APG 2018; FinCEN FIN-2023-Alert005)
    WageSweep(),
    ThirdPartyCash(),
    NoPayroll(),
)

#: Every detector with its default thresholds, by name (``"fan_out"``, ...).
DETECTORS: Mapping[str, Detector[Any]] = MappingProxyType({d.name: d for d in _TABLE})
