"""The shared core of fan-out and fan-in: one account, many counterparties, a short burst.

An instance is a burst of transfers *from* (fan-out) or *to* (fan-in) one anchor account
with at least ``min_counterparties`` distinct counterparties within ``window_hours``.
Ordinary business makes the same shape, so three discriminators keep the anchors that look
like laundering conduits rather than businesses (reasoning from FATF 2018, Professional
Money Laundering, on money-mule and front accounts):

- *not a hub*: payment processors, merchants and payroll bureaus transact all day long;
  anchors above ``hub_txns_per_day`` on average are skipped;
- *a burst, not a routine*: the burst carries at least ``min_concentration`` of the
  anchor's transactions in that direction during the ``baseline_days`` around it, and lasts
  at most ``max_span_hours`` (a steady stream of customers is not a burst; laundering
  accounts also carry ordinary activity, so the share asked is modest);
- *throw-away counterparties*: at least ``min_one_off_share`` of the counterparties have no
  other transaction with the anchor in the batch. A monthly payroll pays the same employees
  every month and a landlord is paid by the same tenants; a dispersal or collection of
  criminal funds uses counterparties once.

Bursts must also be material (``min_total_usd`` in all): a dozen friends splitting a bill is
a fan too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import polars as pl

from counterflow.monitor.typologies._frame import Frame, hours
from counterflow.monitor.typologies._index import legs, payments, receipts
from counterflow.monitor.typologies._score import margin, score
from counterflow.monitor.typologies._sliding import concentration, instances, prune, sliding
from counterflow.monitor.typologies.base import Instances, Params


@dataclass(frozen=True, kw_only=True)
class FanParams(Params):
    """Thresholds of a fan-out or fan-in."""

    min_counterparties: int = 5
    """Distinct counterparties of the anchor within the window."""
    window_hours: float = 24.0
    """Length of the burst window."""
    max_span_hours: float = 72.0
    """Longest instance once overlapping windows are merged; longer is routine, not a burst."""
    min_concentration: float = 0.25
    """Share of the anchor's transactions (in this direction) in the baseline period around
    the burst that belong to the burst."""
    baseline_days: float = 30.0
    """The period, centred on the burst's start, that the burst is compared with."""
    min_one_off_share: float = 0.5
    """Share of the burst's counterparties that never transact with the anchor elsewhere."""
    min_total_usd: float = 3_000.0
    """Materiality: the burst moves at least this much in all."""
    hub_txns_per_day: float = 50.0
    """Anchors above this average daily activity are hubs and are skipped."""


def find_fans(frame: Frame, p: FanParams, direction: Literal["out", "in"]) -> Instances:
    """Fan-out (``"out"``: anchor = payer) or fan-in (``"in"``: anchor = payee) instances."""
    counts = frame.out_count if direction == "out" else frame.in_count
    eligible = (counts >= p.min_counterparties) & ~frame.hubs(p.hub_txns_per_day)
    if not eligible.any():
        return Instances.none()
    base = payments(frame) if direction == "out" else receipts(frame)
    sub = base.take(eligible[base.acct])
    window = hours(p.window_hours)
    win = sliding(sub.acct, sub.t, window, [sub.cp])
    inst = instances(sub.acct, sub.t, win, win.distinct[:, 0] >= p.min_counterparties, window)
    baseline = hours(24 * p.baseline_days)
    inst = prune(
        inst,
        sub.acct,
        sub.t,
        min_share=p.min_concentration,
        baseline=baseline,
        max_span=hours(p.max_span_hours),
    )
    rows = sub.members(inst)
    if rows.height == 0:
        return Instances.none()
    stats = (
        rows.group_by("inst")
        .agg(
            anchor_acct=pl.col("acct").first(),
            n_cp=pl.col("cp").n_unique(),
            n_burst=pl.len(),
            t0=pl.col("_t").min(),
            t1=pl.col("_t").max(),
            total=pl.col("usd").sum(),
        )
        .filter(pl.col("total") >= p.min_total_usd)
    )
    ids, share = concentration(inst, sub.acct, sub.t, baseline)
    stats = stats.join(pl.DataFrame({"inst": ids, "concentration": share}), on="inst")
    if stats.height == 0:
        return Instances.none()
    stats = stats.join(_one_off_share(frame, rows, stats), on="inst")
    stats = stats.filter(pl.col("one_off") >= p.min_one_off_share).with_columns(
        score(
            margin(pl.col("n_cp"), p.min_counterparties),
            margin(pl.col("total"), p.min_total_usd),
            margin(pl.col("concentration"), p.min_concentration),
            margin(pl.col("one_off"), p.min_one_off_share),
            margin(
                (pl.col("t1") - pl.col("t0")).clip(lower_bound=hours(0.25)),
                hours(p.window_hours),
                upper=True,
            ),
        )
    )
    return Instances(rows.join(stats.select("inst"), on="inst", how="semi"), stats)


def _one_off_share(frame: Frame, rows: pl.DataFrame, stats: pl.DataFrame) -> pl.DataFrame:
    """Per instance: share of counterparties whose every transaction with the anchor is in it."""
    kept = rows.join(stats.select("inst"), on="inst", how="semi")
    inside = kept.group_by("inst", "acct", "cp").agg(_in=pl.len())
    every = legs(frame)
    is_anchor = np.zeros(frame.n_accounts, dtype=np.bool_)
    is_anchor[stats.get_column("anchor_acct").to_numpy()] = True
    theirs = every.take(is_anchor[every.acct])
    # all transactions between each candidate anchor and anyone, both directions
    life = (
        pl.DataFrame({"acct": theirs.acct, "cp": theirs.cp})
        .group_by("acct", "cp")
        .agg(_life=pl.len())
    )
    return (
        inside.join(life, on=["acct", "cp"], how="left")
        .group_by("inst")
        .agg(one_off=(pl.col("_in") == pl.col("_life")).mean())
    )
