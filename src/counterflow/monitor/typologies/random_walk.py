"""Random (walk): funds hopping along a chain of accounts, each passing them on quickly.

AMLworld (Altman et al., NeurIPS 2023, figure of the eight laundering patterns) calls this
pattern *random*: a random walk of the funds through several accounts without a fixed shape.
It is the plain layering chain of mule accounts described by FATF (2018), Professional Money
Laundering, and FinCEN FIN-2023-Alert005 (scam proceeds moved through successive mule
accounts within hours).

An instance is a maximal path of forwarding hops (:mod:`counterflow.monitor.typologies._hops`)
of at least ``min_hops`` transfers (``A -> B -> C -> D``) that does not close into a cycle:
each account forwards between ``min_forward_ratio`` and ``max_forward_ratio`` of the
amount within ``max_hop_delay_hours``, and no account of it is a hub (a payout from a
processor that ends in a cash withdrawal is everyday life). Similar amounts moved
on within a day through low-activity accounts rarely happen three times in a row by chance.
Path growth is capped at ``max_paths`` frontier paths (see ``_paths``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import polars as pl

from counterflow.model import Typology
from counterflow.monitor.typologies._frame import Frame, hours
from counterflow.monitor.typologies._hops import forward_hops
from counterflow.monitor.typologies._paths import (
    describe,
    grow,
    path_instances,
    without_hub_ends,
)
from counterflow.monitor.typologies._score import margin, score
from counterflow.monitor.typologies._text import duration, hours_text, usd
from counterflow.monitor.typologies.base import Detector, Instances, Params


@dataclass(frozen=True, kw_only=True)
class RandomWalkParams(Params):
    """Thresholds of a layering chain."""

    min_hops: int = 3
    """Fewest transfers in the chain."""
    max_hops: int = 8
    """Most transfers searched."""
    max_hop_delay_hours: float = 24.0
    """Each account forwards within this delay."""
    min_forward_ratio: float = 0.8
    """Each forwarded amount is at least this share of the amount received."""
    max_forward_ratio: float = 1.05
    """... and at most this share."""
    max_span_hours: float = 168.0
    """The whole chain runs within this time (7 days)."""
    min_amount_usd: float = 1_000.0
    """Materiality: hops start from receipts of at least this much (small coincidental chains
    of everyday payments are not layering)."""
    hub_txns_per_day: float = 50.0
    """Hubs (average activity above this) take no part in a chain."""
    successors: int = 3
    """Outgoing transfers considered after each receipt."""
    max_paths: int = 2_000_000
    """Cap on the frontier of growing paths."""


@dataclass(frozen=True)
class RandomWalk(Detector[RandomWalkParams]):
    """A chain of at least 3 transfers, each forwarding 80-105 % within 24 h (defaults)."""

    typology: ClassVar[Typology] = Typology.RANDOM
    params: RandomWalkParams = field(default_factory=RandomWalkParams)

    def find(self, frame: Frame) -> Instances:
        """Maximal open paths of forwarding hops, merged into chains."""
        p = self.params
        hops = forward_hops(
            frame,
            max_delay_us=hours(p.max_hop_delay_hours),
            min_ratio=p.min_forward_ratio,
            max_ratio=p.max_forward_ratio,
            hub_txns_per_day=p.hub_txns_per_day,
            min_amount_usd=p.min_amount_usd,
            successors=p.successors,
        )
        _, maximal = grow(
            hops,
            max_txns=p.max_hops,
            max_span_us=hours(p.max_span_hours),
            max_paths=p.max_paths,
        )
        chains = [m for m in maximal if m.height and int(m.get_column("k")[0]) >= p.min_hops]
        chains = without_hub_ends(chains, frame.hubs(p.hub_txns_per_day))
        members = path_instances(chains, min_txns=p.min_hops)
        if members.height == 0:
            return Instances.none()
        stats = describe(frame.df, members, chains).with_columns(
            score(
                margin(pl.col("k"), p.min_hops),
                margin(pl.col("amt_min") / pl.col("amt_max"), p.min_forward_ratio),
                margin(
                    ((pl.col("t1") - pl.col("t0")) / (pl.col("k") - 1)).clip(
                        lower_bound=hours(0.25)
                    ),
                    hours(p.max_hop_delay_hours),
                    upper=True,
                ),
            )
        )
        return Instances(members, stats)

    def explain(self, row: Mapping[str, Any]) -> str:
        """``random: 4 transfers along A -> B -> C -> D -> E within 20h, ...``."""
        p = self.params
        route = " -> ".join(row["route_accts"])
        return (
            f"random walk: {row['n_txns']} transfers along {route} within "
            f"{duration(row['span_us'])}, amounts {usd(row['amt_min'])} to "
            f"{usd(row['amt_max'])} (thresholds: >= {p.min_hops} hops, each forwarding "
            f"{p.min_forward_ratio:.0%}-{p.max_forward_ratio:.0%} within "
            f"{hours_text(p.max_hop_delay_hours)})"
        )
