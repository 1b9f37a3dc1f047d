"""Cycle: money that travels through a ring of accounts back to where it started.

AMLworld (Altman et al., NeurIPS 2023, figure of the eight laundering patterns) includes the
simple cycle: ``A -> B -> C -> ... -> A``. Round-tripping returns laundered funds to their
owner with a legitimate-looking history (FATF 2018, Professional Money Laundering, on loan-
back and round-tripping schemes through front companies).

An instance is a closed path of forwarding hops (:mod:`counterflow.monitor.typologies._hops`)
of at least ``min_length`` transfers: each account forwards between ``min_forward_ratio``
and ``max_forward_ratio`` of what it received within ``max_hop_delay_hours``, the ring
closes within ``max_span_hours`` and no account of the ring is a hub (a shop that pays a
supplier whose staff then buy at the shop closes a "ring" every day). Two-account round trips
(``A -> B -> A``) are excluded by default: refunds and loan repayments make them every day.
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
class CycleParams(Params):
    """Thresholds of a cycle."""

    min_length: int = 3
    """Fewest transfers (= accounts) in the ring."""
    max_length: int = 8
    """Most transfers searched."""
    max_hop_delay_hours: float = 48.0
    """Each account forwards within this delay."""
    min_forward_ratio: float = 0.7
    """Each forwarded amount is at least this share of the amount received."""
    max_forward_ratio: float = 1.05
    """... and at most this share (small top-ups from exchange rounding)."""
    max_span_hours: float = 336.0
    """The whole ring closes within this time (14 days)."""
    min_amount_usd: float = 0.0
    """Materiality: hops start from receipts of at least this much (none by default: a ring of
    similar amounts through low-activity accounts is rare by chance whatever the sum)."""
    hub_txns_per_day: float = 50.0
    """Hubs (average activity above this) take no part in a ring."""
    successors: int = 3
    """Outgoing transfers considered after each receipt."""
    max_paths: int = 2_000_000
    """Cap on the frontier of growing paths."""


@dataclass(frozen=True)
class Cycle(Detector[CycleParams]):
    """A ring of at least 3 accounts, each forwarding 70-105 % within 48 h (defaults)."""

    typology: ClassVar[Typology] = Typology.CYCLE
    params: CycleParams = field(default_factory=CycleParams)

    def find(self, frame: Frame) -> Instances:
        """Closed paths of forwarding hops, merged into rings."""
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
        closed, _ = grow(
            hops,
            max_txns=p.max_length,
            max_span_us=hours(p.max_span_hours),
            max_paths=p.max_paths,
        )
        rings = [c for c in closed if c.height and int(c.get_column("k")[0]) >= p.min_length]
        rings = without_hub_ends(rings, frame.hubs(p.hub_txns_per_day))
        members = path_instances(rings, min_txns=p.min_length)
        if members.height == 0:
            return Instances.none()
        stats = describe(frame.df, members, rings).with_columns(
            score(
                margin(pl.col("k"), p.min_length),
                margin(pl.col("amt_min") / pl.col("amt_max"), p.min_forward_ratio),
                margin(
                    (pl.col("t1") - pl.col("t0")).clip(lower_bound=hours(1)),
                    hours(p.max_span_hours),
                    upper=True,
                ),
            )
        )
        return Instances(members, stats)

    def explain(self, row: Mapping[str, Any]) -> str:
        """``cycle: 4 transfers around A -> B -> C -> D -> A within 3.1 days, ...``."""
        p = self.params
        route = " -> ".join(row["route_accts"])
        return (
            f"cycle: {row['n_txns']} transfers around {route} within "
            f"{duration(row['span_us'])}, amounts {usd(row['amt_min'])} to "
            f"{usd(row['amt_max'])}, total {usd(row['total_usd'])} (thresholds: ring of >= "
            f"{p.min_length} accounts, each forwarding {p.min_forward_ratio:.0%}-"
            f"{p.max_forward_ratio:.0%} within {hours_text(p.max_hop_delay_hours)}, closed "
            f"within {hours_text(p.max_span_hours)})"
        )
