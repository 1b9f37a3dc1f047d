"""Wage sweep: workers' pay is moved on within hours to one controlling account.

FATF-APG (2018) "Financial Flows from Human Trafficking" lists as a red flag of forced labour
that the wages of many workers are paid into accounts that are emptied shortly afterwards
to one third party (the trafficker, recruiter or "manager"), who often holds the workers'
cards or is signatory on their accounts; FinCEN FIN-2023-Alert005 describes the same
control of scam-compound workers' accounts. DOMAIN.md: "many workers' wages credited to
accounts that are emptied within hours to one third party".

An instance is a controller account into which at least ``min_workers`` distinct accounts
each moved ``min_sweep_share`` or more of a credit within ``max_sweep_delay_hours`` of
receiving it, where the credit came from an *employer-like* payer: one that paid at least
``min_batch_payees`` distinct accounts within ``batch_window_hours`` (a payroll batch).
Workers and controller must not be hubs: the bank's cash desk (where many employees
withdraw their pay after payday) is not a controller. Instances gather every sweep into the
controller over the batch: control recurs every payday.
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
from counterflow.monitor.typologies._index import payments
from counterflow.monitor.typologies._score import margin, score
from counterflow.monitor.typologies._sliding import instances, sliding
from counterflow.monitor.typologies._text import duration, hours_text, usd
from counterflow.monitor.typologies.base import Detector, Instances, Params


@dataclass(frozen=True, kw_only=True)
class WageSweepParams(Params):
    """Thresholds of a wage sweep."""

    min_batch_payees: int = 5
    """An employer-like payer credits at least this many distinct accounts ..."""
    batch_window_hours: float = 24.0
    """... within this window (a payroll batch)."""
    max_sweep_delay_hours: float = 12.0
    """The worker's account moves the money on within this delay."""
    min_sweep_share: float = 0.5
    """... at least this share of the credit (most of it)."""
    max_sweep_share: float = 1.05
    """... and at most this share (a single debit of that credit)."""
    min_workers: int = 3
    """Distinct workers' accounts swept into the same controller."""
    min_controller_share: float = 0.25
    """Sweeps make at least this share of the controller's receipts in the batch (a busy
    shop is paid by some customers just after their payday; a controller lives on sweeps)."""
    hub_txns_per_day: float = 50.0
    """Hubs (average activity above this) are neither workers nor controllers."""
    successors: int = 3
    """Outgoing transfers considered after each credit."""


@dataclass(frozen=True)
class WageSweep(Detector[WageSweepParams]):
    """At least 3 workers' pay moved on (>= 50 %) within 12 h to one account (defaults)."""

    typology: ClassVar[Typology] = Typology.WAGE_SWEEP
    params: WageSweepParams = field(default_factory=WageSweepParams)

    def find(self, frame: Frame) -> Instances:
        """Controllers receiving swept wages from enough workers."""
        p = self.params
        pay = payments(frame)
        batch = hours(p.batch_window_hours)
        win = sliding(pay.acct, pay.t, batch, [pay.cp])
        inst = instances(pay.acct, pay.t, win, win.distinct[:, 0] >= p.min_batch_payees, batch)
        if not (inst >= 0).any():
            return Instances.none()
        credits = np.zeros(frame.n_rows, dtype=np.bool_)
        credits[pay.pos[inst >= 0]] = True
        hops = forward_hops(
            frame,
            max_delay_us=hours(p.max_sweep_delay_hours),
            min_ratio=p.min_sweep_share,
            max_ratio=p.max_sweep_share,
            hub_txns_per_day=p.hub_txns_per_day,
            successors=p.successors,
            incoming=credits,
        )
        hubs = frame.hubs(p.hub_txns_per_day)
        a = hops.get_column("a").to_numpy()
        c = hops.get_column("c").to_numpy()
        hops = hops.filter(pl.Series((a != c) & ~hubs[c]))
        counts = hops.group_by("c").agg(_n=pl.col("b").n_unique(), _k=pl.col("out_row").n_unique())
        credited_to_c = frame.in_count[counts.get_column("c").to_numpy()]
        counts = counts.filter(
            (pl.col("_n") >= p.min_workers)
            & (pl.col("_k") >= p.min_controller_share * pl.Series(credited_to_c))
        )
        hops = hops.join(counts.select("c"), on="c", how="semi").with_columns(
            inst=pl.col("c").cast(pl.Int64)
        )
        if hops.height == 0:
            return Instances.none()
        credited = (
            hops.unique(["inst", "in_row"])
            .group_by("inst")
            .agg(
                ctrl_acct=pl.col("c").first(),
                n_workers=pl.col("b").n_unique(),
                n_employers=pl.col("a").n_unique(),
                credited=pl.col("amt_in").sum(),
                delay=(pl.col("t_out") - pl.col("t_in")).median(),
            )
        )
        swept = hops.unique(["inst", "out_row"]).group_by("inst").agg(swept=pl.col("amt_out").sum())
        stats = (
            credited.join(swept, on="inst")
            .with_columns(share=pl.col("swept") / pl.col("credited"))
            .with_columns(
                score(
                    margin(pl.col("n_workers"), p.min_workers),
                    margin(pl.col("share"), p.min_sweep_share),
                    margin(
                        pl.col("delay").clip(lower_bound=hours(0.25)),
                        hours(p.max_sweep_delay_hours),
                        upper=True,
                    ),
                )
            )
        )
        members = pl.concat(
            [hops.select("inst", _row="in_row"), hops.select("inst", _row="out_row")]
        ).unique()
        return Instances(members, stats)

    def explain(self, row: Mapping[str, Any]) -> str:
        """``wage sweep: pay of 6 workers from 1 employer-like payer moved on to C ...``."""
        p = self.params
        return (
            f"wage sweep: pay credited to {row['n_workers']} workers' accounts by "
            f"{row['n_employers']} employer-like payer(s), {usd(row['credited'])} in all, was "
            f"moved on to {row['ctrl_acct']} ({usd(row['swept'])}, {row['share']:.0%}; median "
            f"delay {duration(row['delay'])}) (thresholds: >= {p.min_workers} workers each "
            f"sweeping >= {p.min_sweep_share:.0%} within {hours_text(p.max_sweep_delay_hours)}; "
            f"payer credits >= {p.min_batch_payees} accounts within "
            f"{hours_text(p.batch_window_hours)})"
        )
