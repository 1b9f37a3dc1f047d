"""Scatter-gather: one source splits funds over several intermediaries that all pass them on
to one destination.

AMLworld (Altman et al., NeurIPS 2023, figure of the eight laundering patterns) includes
scatter-gather: ``S -> {I1..Ik} -> D``. It is the classic use of a money-mule layer between
a source and a beneficiary (FATF 2018, Professional Money Laundering): each mule receives a
part and forwards most of it, so no single transfer links S and D.

An instance is a (source, destination) pair joined by at least ``min_intermediaries``
distinct accounts, each receiving from S and forwarding ``min_forward_ratio`` to
``max_forward_ratio`` of it to D within ``max_hop_delay_hours`` (a forwarding hop, see
:mod:`counterflow.monitor.typologies._hops`), the scatter legs falling within
``window_hours``. Neither end nor any intermediary may be a hub: an employer (or payment
processor) paying many accounts whose holders then withdraw their pay at the bank's cash
desk makes the same shape as ordinary business.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import polars as pl

from counterflow.model import Typology
from counterflow.monitor.typologies._frame import Frame, hours
from counterflow.monitor.typologies._hops import forward_hops
from counterflow.monitor.typologies._score import margin, score
from counterflow.monitor.typologies._sliding import instances, sliding
from counterflow.monitor.typologies._text import duration, hours_text, usd
from counterflow.monitor.typologies.base import Detector, Instances, Params


@dataclass(frozen=True, kw_only=True)
class ScatterGatherParams(Params):
    """Thresholds of a scatter-gather."""

    min_intermediaries: int = 3
    """Distinct accounts relaying from the source to the destination."""
    window_hours: float = 72.0
    """The scatter legs fall within this window."""
    max_hop_delay_hours: float = 48.0
    """Each intermediary forwards within this delay."""
    min_forward_ratio: float = 0.7
    """Each intermediary forwards at least this share of what it received."""
    max_forward_ratio: float = 1.05
    """... and at most this share."""
    min_amount_usd: float = 500.0
    """Materiality: scatter legs of at least this much."""
    hub_txns_per_day: float = 50.0
    """Hubs (average activity above this) are neither ends nor intermediaries."""
    successors: int = 3
    """Outgoing transfers considered after each receipt."""


@dataclass(frozen=True)
class ScatterGather(Detector[ScatterGatherParams]):
    """Source -> at least 3 relays -> one destination, each relay within 48 h (defaults)."""

    typology: ClassVar[Typology] = Typology.SCATTER_GATHER
    params: ScatterGatherParams = field(default_factory=ScatterGatherParams)

    def find(self, frame: Frame) -> Instances:
        """(source, destination) pairs with enough relaying intermediaries."""
        p = self.params
        hubs = frame.hubs(p.hub_txns_per_day)
        hops = forward_hops(
            frame,
            max_delay_us=hours(p.max_hop_delay_hours),
            min_ratio=p.min_forward_ratio,
            max_ratio=p.max_forward_ratio,
            hub_txns_per_day=p.hub_txns_per_day,
            min_amount_usd=p.min_amount_usd,
            successors=p.successors,
        )
        a = hops.get_column("a").to_numpy().astype(np.int64)
        c = hops.get_column("c").to_numpy().astype(np.int64)
        hops = hops.filter(pl.Series((a != c) & ~hubs[a] & ~hubs[c]))
        key = hops.get_column("a").to_numpy().astype(np.int64) * frame.n_accounts
        key += hops.get_column("c").to_numpy()
        t_in = hops.get_column("t_in").to_numpy()
        order = np.lexsort((t_in, key))
        hops = hops[order]
        key, t_in = key[order], t_in[order]
        window = hours(p.window_hours)
        mids = hops.get_column("b").to_numpy()
        win = sliding(key, t_in, window, [mids])
        inst = instances(key, t_in, win, win.distinct[:, 0] >= p.min_intermediaries, window)
        legs = hops.with_columns(inst=pl.Series(inst)).filter(pl.col("inst") >= 0)
        if legs.height == 0:
            return Instances.none()
        scatter = (
            legs.unique(["inst", "in_row"])
            .group_by("inst")
            .agg(
                src_acct=pl.col("a").first(),
                dst_acct=pl.col("c").first(),
                n_mid=pl.col("b").n_unique(),
                scattered=pl.col("amt_in").sum(),
                delay=(pl.col("t_out") - pl.col("t_in")).median(),
            )
        )
        gather = (
            legs.unique(["inst", "out_row"]).group_by("inst").agg(gathered=pl.col("amt_out").sum())
        )
        stats = (
            scatter.join(gather, on="inst")
            .with_columns(share=pl.col("gathered") / pl.col("scattered"))
            .with_columns(
                score(
                    margin(pl.col("n_mid"), p.min_intermediaries),
                    margin(pl.col("share"), p.min_forward_ratio),
                    margin(
                        pl.col("delay").clip(lower_bound=hours(0.25)),
                        hours(p.max_hop_delay_hours),
                        upper=True,
                    ),
                )
            )
        )
        members = pl.concat(
            [legs.select("inst", _row="in_row"), legs.select("inst", _row="out_row")]
        ).unique()
        return Instances(members, stats)

    def explain(self, row: Mapping[str, Any]) -> str:
        """``scatter-gather: S paid 4 intermediaries USD 40,000 and they passed ...``."""
        p = self.params
        return (
            f"scatter-gather: {row['src_acct']} paid {row['n_mid']} intermediaries "
            f"{usd(row['scattered'])} and they passed {usd(row['gathered'])} "
            f"({row['share']:.0%}) on to {row['dst_acct']} (median delay "
            f"{duration(row['delay'])}; whole pattern within {duration(row['span_us'])}) "
            f"(thresholds: >= {p.min_intermediaries} intermediaries, each forwarding "
            f"{p.min_forward_ratio:.0%}-{p.max_forward_ratio:.0%} within "
            f"{hours_text(p.max_hop_delay_hours)}, scatter within {hours_text(p.window_hours)})"
        )
