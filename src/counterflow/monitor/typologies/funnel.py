"""Funnel account: deposits from many people in many places, drained to a few accounts.

A funnel account receives cash or transfers from many depositors, often at branches or banks
far apart, and the funds are quickly withdrawn or wired on to one or two beneficiaries
(FinCEN FIN-2014-A005 on funnel accounts; FATF 2018, Professional Money Laundering, on
collection accounts). In trafficking finance it is how payments from many clients or
victims reach the organiser (FATF-APG 2018, Financial Flows from Human Trafficking;
FinCEN FIN-2023-Alert005 on scam-compound collection accounts).

An instance is an account that, within ``window_hours``, receives from at least
``min_sources`` distinct payers through at least ``min_source_banks`` distinct banks (or
cash desks), and pays out between ``min_out_in_ratio`` and ``max_out_in_ratio`` of it to at
most ``max_destinations`` payees, after the money came in, at least ``min_inflow_usd`` in
all. A shop also receives from many
customers, but keeps its takings or pays many suppliers; processors and banks' cash
pseudo-accounts are hubs and are skipped. The instance must be at least
``min_concentration`` of the account's activity in the ``baseline_days`` around it.
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
from counterflow.monitor.typologies._index import bank_codes, legs
from counterflow.monitor.typologies._score import margin, score
from counterflow.monitor.typologies._sliding import concentration, instances, prune, sliding
from counterflow.monitor.typologies._text import duration, hours_text, usd
from counterflow.monitor.typologies.base import Detector, Instances, Params


@dataclass(frozen=True, kw_only=True)
class FunnelParams(Params):
    """Thresholds of a funnel account."""

    window_hours: float = 72.0
    """Deposits and drain fall within this window."""
    min_sources: int = 5
    """Distinct payers (depositors) in the window."""
    min_source_banks: int = 2
    """Distinct banks / cash desks the money came through (dispersed deposits)."""
    max_destinations: int = 2
    """The money leaves to at most this many payees."""
    min_inflow_usd: float = 3_000.0
    """Materiality: the deposits total at least this much."""
    min_out_in_ratio: float = 0.8
    """Paid out at least this share of what came in ..."""
    max_out_in_ratio: float = 1.1
    """... and at most this share."""
    min_concentration: float = 0.25
    """Share of the account's transactions in the baseline period around the instance that
    belong to it: a conduit, not an account that happens to balance out one day."""
    baseline_days: float = 30.0
    """The period, centred on the instance's start, that it is compared with."""
    hub_txns_per_day: float = 50.0
    """Accounts above this average daily activity are hubs and are skipped."""


@dataclass(frozen=True)
class Funnel(Detector[FunnelParams]):
    """>= 5 payers via >= 2 banks, >= 80 % out to <= 2 payees within 72 h (defaults)."""

    typology: ClassVar[Typology] = Typology.FUNNEL
    params: FunnelParams = field(default_factory=FunnelParams)

    def find(self, frame: Frame) -> Instances:
        """Accounts fed by many dispersed payers and drained to few."""
        p = self.params
        eligible = (
            (frame.in_count >= p.min_sources)
            & (frame.out_count >= 1)
            & ~frame.hubs(p.hub_txns_per_day)
        )
        if not eligible.any():
            return Instances.none()
        every = legs(frame)
        sub = every.take(eligible[every.acct])
        bank = np.where(sub.inflow, bank_codes(frame, sub), -1)
        window = hours(p.window_hours)
        payers = np.where(sub.inflow, sub.cp, -1)
        win = sliding(sub.acct, sub.t, window, [payers, bank])
        ok = (win.distinct[:, 0] >= p.min_sources) & (win.distinct[:, 1] >= p.min_source_banks)
        baseline = hours(24 * p.baseline_days)
        inst = instances(sub.acct, sub.t, win, ok, window)
        inst = prune(inst, sub.acct, sub.t, min_share=p.min_concentration, baseline=baseline)
        rows = sub.members(inst, bank=bank)
        if rows.height == 0:
            return Instances.none()
        stats = instance_flows(
            rows, pl.col("bank").filter(pl.col("inflow")).n_unique().alias("n_src_banks")
        )
        ids, share = concentration(inst, sub.acct, sub.t, baseline)
        stats = (
            stats.join(pl.DataFrame({"inst": ids, "concentration": share}), on="inst")
            .filter(
                pl.col("n_dst").is_between(1, p.max_destinations)
                & pl.col("ratio").is_between(p.min_out_in_ratio, p.max_out_in_ratio)
                & (pl.col("holding") > 0)
                & (pl.col("in_usd") >= p.min_inflow_usd)
            )
            .with_columns(
                score(
                    margin(pl.col("n_src"), p.min_sources),
                    margin(pl.col("n_src_banks"), p.min_source_banks),
                    margin(pl.col("n_dst"), p.max_destinations, upper=True),
                    margin(pl.col("concentration"), p.min_concentration),
                    margin(
                        (pl.col("t1") - pl.col("t0")).clip(lower_bound=hours(1)),
                        hours(p.window_hours),
                        upper=True,
                    ),
                )
            )
        )
        return Instances(rows.join(stats.select("inst"), on="inst", how="semi"), stats)

    def explain(self, row: Mapping[str, Any]) -> str:
        """``funnel: F received USD x from 8 payers via 4 banks, USD y (96%) out to 1 ...``."""
        p = self.params
        return (
            f"funnel: {row['acct_acct']} received {usd(row['in_usd'])} from {row['n_src']} "
            f"payers via {row['n_src_banks']} banks/cash desks and sent {usd(row['out_usd'])} "
            f"({row['ratio']:.0%}) on to {row['n_dst']} payee(s) within "
            f"{duration(row['span_us'])} (thresholds: >= {p.min_sources} payers via >= "
            f"{p.min_source_banks} banks within {hours_text(p.window_hours)}, >= "
            f"{p.min_out_in_ratio:.0%} out to <= {p.max_destinations} payees)"
        )
