"""Pass-through: an account that receives money and sends it all out again within hours.

A pass-through (or "rapid movement of funds") account keeps no balance: credits are followed
within hours by debits of about the same total, so the balance returns near zero. FATF
(2018) Professional Money Laundering describes mule and shell accounts used this way for
layering; FinCEN FIN-2023-Alert005 lists "funds moved out of the account shortly after
being deposited" among the red flags of scam-compound money mules; FATF-APG (2018) notes
accounts of trafficking victims used as pass-through accounts.

An instance is an account that, within ``window_hours``, receives at least ``min_credits``
credits totalling at least ``min_inflow_usd``, pays out between ``min_out_in_ratio`` and
``max_out_in_ratio`` of it, and holds the money on average (amount-weighted) for at most
``max_holding_hours`` and never negatively (debits follow credits). Payment processors and
clearing accounts pass money through all day by design: hubs are skipped. The instance must
also be at least ``min_concentration`` of the account's activity in the ``baseline_days``
around it: a busy account that balances out on one day by chance is not a conduit.
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
from counterflow.monitor.typologies._text import count, duration, hours_text, usd
from counterflow.monitor.typologies.base import Detector, Instances, Params


@dataclass(frozen=True, kw_only=True)
class PassThroughParams(Params):
    """Thresholds of a pass-through."""

    window_hours: float = 24.0
    """Credits and debits fall within this window."""
    min_credits: int = 2
    """Fewest credits in the window."""
    min_inflow_usd: float = 3_000.0
    """Materiality: credits total at least this much."""
    min_out_in_ratio: float = 0.9
    """Debits are at least this share of credits (balance back near zero) ..."""
    max_out_in_ratio: float = 1.1
    """... and at most this share (not paying out of an older balance)."""
    max_holding_hours: float = 24.0
    """Amount-weighted mean time from credit to debit."""
    min_concentration: float = 0.25
    """Share of the account's transactions in the baseline period around the instance that
    belong to it: a conduit, not an account that happens to balance out one day."""
    baseline_days: float = 30.0
    """The period, centred on the instance's start, that it is compared with."""
    hub_txns_per_day: float = 50.0
    """Accounts above this average daily activity are hubs and are skipped."""


@dataclass(frozen=True)
class PassThrough(Detector[PassThroughParams]):
    """>= 2 credits of >= USD 3,000 in all, 90-110 % out again within 24 h (defaults)."""

    typology: ClassVar[Typology] = Typology.PASS_THROUGH
    params: PassThroughParams = field(default_factory=PassThroughParams)

    def find(self, frame: Frame) -> Instances:
        """Accounts whose credits leave again within hours."""
        p = self.params
        eligible = (
            (frame.in_count >= p.min_credits)
            & (frame.out_count >= 1)
            & ~frame.hubs(p.hub_txns_per_day)
        )
        if not eligible.any():
            return Instances.none()
        every = legs(frame)
        sub = every.take(eligible[every.acct])
        window = hours(p.window_hours)
        received = np.where(sub.inflow, sub.usd, 0.0)
        win = sliding(sub.acct, sub.t, window, weights=[sub.inflow, received, sub.usd - received])
        n_in, got, paid = win.sums[:, 0], win.sums[:, 1], win.sums[:, 2]
        ok = (n_in >= p.min_credits) & (got >= p.min_inflow_usd)
        ok &= (paid >= p.min_out_in_ratio * got) & (paid <= p.max_out_in_ratio * got)
        baseline = hours(24 * p.baseline_days)
        inst = instances(sub.acct, sub.t, win, ok, window)
        inst = prune(inst, sub.acct, sub.t, min_share=p.min_concentration, baseline=baseline)
        rows = sub.members(inst)
        if rows.height == 0:
            return Instances.none()
        stats = instance_flows(rows)
        ids, share = concentration(inst, sub.acct, sub.t, baseline)
        stats = (
            stats.join(pl.DataFrame({"inst": ids, "concentration": share}), on="inst")
            .filter(
                pl.col("ratio").is_between(p.min_out_in_ratio, p.max_out_in_ratio)
                & pl.col("holding").is_between(0, hours(p.max_holding_hours))
            )
            .with_columns(
                score(
                    margin(pl.col("n_in"), p.min_credits),
                    margin(pl.col("in_usd"), p.min_inflow_usd),
                    margin(pl.col("concentration"), p.min_concentration),
                    margin(
                        pl.col("holding").clip(lower_bound=hours(0.25)),
                        hours(p.max_holding_hours),
                        upper=True,
                    ),
                )
            )
        )
        return Instances(rows.join(stats.select("inst"), on="inst", how="semi"), stats)

    def explain(self, row: Mapping[str, Any]) -> str:
        """``pass-through: A received USD x in 4 credits and paid out USD y (98%) ...``."""
        p = self.params
        return (
            f"pass-through: {row['acct_acct']} received {usd(row['in_usd'])} in "
            f"{count(row['n_in'], 'credit')} from {row['n_src']} payers and paid out "
            f"{usd(row['out_usd'])} ({row['ratio']:.0%}) in {count(row['n_out'], 'debit')} "
            f"within {duration(row['span_us'])}, mean holding time "
            f"{duration(row['holding'])} (thresholds: >= {p.min_credits} credits totalling "
            f">= {usd(p.min_inflow_usd)} within {hours_text(p.window_hours)}, "
            f"{p.min_out_in_ratio:.0%}-{p.max_out_in_ratio:.0%} paid out, holding <= "
            f"{hours_text(p.max_holding_hours)})"
        )
