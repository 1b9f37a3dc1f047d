"""Gather-scatter: an account collects from many payers, then pays out to many payees.

AMLworld (Altman et al., NeurIPS 2023, figure of the eight laundering patterns) includes
gather-scatter: a fan-in into a central account followed by a fan-out from it. The central
account is a collection-and-dispersal point of a laundering network (FATF 2018, Professional
Money Laundering: "collection accounts" that pool funds from many mules and redistribute
them); in scam-compound finance victims' payments are gathered and then spread over further
mule accounts (FinCEN FIN-2023-Alert005).

An instance is an account that, within ``window_hours``, receives from at least
``min_sources`` distinct payers and pays at least ``min_destinations`` distinct payees, pays
out after it received (amount-weighted), and passes on between ``min_out_in_ratio`` and
``max_out_in_ratio`` of what came in, at least ``min_inflow_usd``. As for fan-in/out, hubs
are skipped and the burst must be at least ``min_concentration`` of the account's activity
in the ``baseline_days`` around it and last at most ``max_span_hours``: shops and
processors collect and pay all month long.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import polars as pl

from counterflow.model import Typology
from counterflow.monitor.typologies._flows import instance_flows
from counterflow.monitor.typologies._frame import Frame, hours
from counterflow.monitor.typologies._index import legs
from counterflow.monitor.typologies._score import margin, score
from counterflow.monitor.typologies._sliding import concentration, instances, prune, sliding
from counterflow.monitor.typologies._text import duration, hours_text, usd
from counterflow.monitor.typologies.base import Detector, Instances, Params


@dataclass(frozen=True, kw_only=True)
class GatherScatterParams(Params):
    """Thresholds of a gather-scatter."""

    min_sources: int = 3
    """Distinct payers of the central account within the window."""
    min_destinations: int = 3
    """Distinct payees of the central account within the window."""
    window_hours: float = 72.0
    """Length of the window."""
    max_span_hours: float = 144.0
    """Longest instance once overlapping windows are merged."""
    min_inflow_usd: float = 3_000.0
    """Materiality: the account gathers at least this much."""
    min_out_in_ratio: float = 0.5
    """Paid out at least this share of what came in ..."""
    max_out_in_ratio: float = 1.1
    """... and at most this share."""
    min_concentration: float = 0.25
    """Share of the account's transactions in the baseline period around the instance that
    belong to it (laundering accounts carry ordinary activity too, so the share is modest)."""
    baseline_days: float = 30.0
    """The period, centred on the instance's start, that it is compared with."""
    hub_txns_per_day: float = 50.0
    """Accounts above this average daily activity are hubs and are skipped."""


@dataclass(frozen=True)
class GatherScatter(Detector[GatherScatterParams]):
    """>= 3 payers in, then >= 3 payees out, 50-110 % passed on, within 72 h (defaults)."""

    typology: ClassVar[Typology] = Typology.GATHER_SCATTER
    params: GatherScatterParams = field(default_factory=GatherScatterParams)

    def find(self, frame: Frame) -> Instances:
        """Central accounts that gather then scatter within the window."""
        p = self.params
        eligible = (
            (frame.in_count >= p.min_sources)
            & (frame.out_count >= p.min_destinations)
            & ~frame.hubs(p.hub_txns_per_day)
        )
        if not eligible.any():
            return Instances.none()
        every = legs(frame)
        sub = every.take(eligible[every.acct])
        window = hours(p.window_hours)
        payers = np.where(sub.inflow, sub.cp, -1)
        payees = np.where(sub.inflow, -1, sub.cp)
        win = sliding(sub.acct, sub.t, window, [payers, payees])
        ok = (win.distinct[:, 0] >= p.min_sources) & (win.distinct[:, 1] >= p.min_destinations)
        baseline = hours(24 * p.baseline_days)
        inst = prune(
            instances(sub.acct, sub.t, win, ok, window),
            sub.acct,
            sub.t,
            min_share=p.min_concentration,
            baseline=baseline,
            max_span=hours(p.max_span_hours),
        )
        rows = sub.members(inst)
        if rows.height == 0:
            return Instances.none()
        stats = instance_flows(rows)
        ids, share = concentration(inst, sub.acct, sub.t, baseline)
        stats = (
            stats.join(pl.DataFrame({"inst": ids, "concentration": share}), on="inst")
            .filter(
                pl.col("ratio").is_between(p.min_out_in_ratio, p.max_out_in_ratio)
                & (pl.col("holding") > 0)
                & (pl.col("in_usd") >= p.min_inflow_usd)
            )
            .with_columns(
                score(
                    margin(pl.col("n_src"), p.min_sources),
                    margin(pl.col("n_dst"), p.min_destinations),
                    margin(pl.col("concentration"), p.min_concentration),
                    margin(
                        (pl.col("t1") - pl.col("t0")).clip(lower_bound=hours(0.25)),
                        hours(p.window_hours),
                        upper=True,
                    ),
                )
            )
        )
        return Instances(rows.join(stats.select("inst"), on="inst", how="semi"), stats)

    def explain(self, row: Mapping[str, Any]) -> str:
        """``gather-scatter: M received USD x from 5 payers and paid USD y to 4 payees ...``."""
        p = self.params
        return (
            f"gather-scatter: {row['acct_acct']} received {usd(row['in_usd'])} from "
            f"{row['n_src']} payers and paid {usd(row['out_usd'])} ({row['ratio']:.0%}) to "
            f"{row['n_dst']} payees within {duration(row['span_us'])} (thresholds: >= "
            f"{p.min_sources} payers and >= {p.min_destinations} payees within "
            f"{hours_text(p.window_hours)}, {p.min_out_in_ratio:.0%}-{p.max_out_in_ratio:.0%} "
            f"passed on)"
        )
