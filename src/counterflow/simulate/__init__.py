"""A seeded synthetic financial world of Cambodia with planted laundering and ground truth.

In the spirit of IBM AMLworld (Altman et al., "Realistic Synthetic Financial Transactions for
Anti-Money Laundering Models", NeurIPS 2023): a population of individuals, merchants,
companies and payment hubs at several banks does its ordinary business (salaries, bills,
shopping, transfers, cash) in USD and KHR with day/night and weekly rhythms, while launderers
among them move money in the eight AMLworld graph patterns, in behavioural patterns
(structuring, pass-through, funnel) and in the trafficking-linked flows of FATF-APG (2018)
and FinCEN (2023), plus unpatterned laundering that looks ordinary.

    >>> from counterflow.simulate import WorldConfig, simulate_world
    >>> frame = simulate_world(WorldConfig(accounts=2_000, days=5, seed=1))
"""

from counterflow.simulate.config import DEFAULT_PATTERN_WEIGHTS, SimulationError, WorldConfig
from counterflow.simulate.world import World, build_world, simulate_world

__all__ = [
    "DEFAULT_PATTERN_WEIGHTS",
    "SimulationError",
    "World",
    "WorldConfig",
    "build_world",
    "simulate_world",
]
