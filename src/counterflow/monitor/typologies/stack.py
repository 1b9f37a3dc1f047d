"""Stack: two bipartite layers on top of each other, senders -> middle layer -> receivers.

AMLworld (Altman et al., NeurIPS 2023, figure of the eight laundering patterns) includes the
stack pattern: a bipartite transfer from a first group of accounts to a second, which in turn
pays a third group, i.e. layering through two tiers of mule accounts (FATF 2018,
Professional Money Laundering, on multi-tier money-mule networks).

An instance is a connected (2, 2)-core of transfers within ``window_hours`` (see ``_cores``)
with at least ``min_middle`` accounts that both receive from and pay into the core, which on
average receive before they pay; at least ``min_senders`` pure senders and
``min_receivers`` pure receivers; at most ``max_accounts`` accounts; transfers of at least
``min_amount_usd`` and of similar size (coefficient of variation at most ``max_amount_cv``).
Hubs take no part.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import polars as pl

from counterflow.model import Typology
from counterflow.monitor.typologies._cores import core_instances
from counterflow.monitor.typologies._frame import Frame, hours
from counterflow.monitor.typologies._score import margin, score
from counterflow.monitor.typologies._text import duration, hours_text, usd
from counterflow.monitor.typologies.base import Detector, Instances, Params


@dataclass(frozen=True, kw_only=True)
class StackParams(Params):
    """Thresholds of a stack pattern."""

    window_hours: float = 72.0
    """The transfers fall within this window."""
    min_senders: int = 2
    """Fewest accounts of the first layer."""
    min_middle: int = 2
    """Fewest accounts of the middle layer (receive, then pay)."""
    min_receivers: int = 2
    """Fewest accounts of the last layer."""
    max_accounts: int = 60
    """Larger components are everyday commerce, not a structure."""
    min_amount_usd: float = 1_000.0
    """Materiality: transfers of at least this much."""
    max_amount_cv: float = 0.5
    """Amounts are similar: standard deviation / mean at most this."""
    hub_txns_per_day: float = 50.0
    """Accounts above this average daily activity are hubs and take no part."""


@dataclass(frozen=True)
class Stack(Detector[StackParams]):
    """>= 2 senders -> >= 2 middle -> >= 2 receivers, similar amounts, 72 h (defaults)."""

    typology: ClassVar[Typology] = Typology.STACK
    params: StackParams = field(default_factory=StackParams)

    def find(self, frame: Frame) -> Instances:
        """Many-to-many cores with a middle layer that receives before it pays."""
        p = self.params
        members, stats = core_instances(
            frame,
            window_us=hours(p.window_hours),
            hub_txns_per_day=p.hub_txns_per_day,
            min_amount_usd=p.min_amount_usd,
            max_accounts=p.max_accounts,
        )
        if members.height == 0:
            return Instances.none()
        stats = stats.filter(
            (pl.col("n_middle") >= p.min_middle)
            & (pl.col("n_sources") >= p.min_senders)
            & (pl.col("n_sinks") >= p.min_receivers)
            & pl.col("layered")
            & (pl.col("amount_cv") <= p.max_amount_cv)
        ).with_columns(
            score(
                margin(pl.col("n_sources"), p.min_senders),
                margin(pl.col("n_middle"), p.min_middle),
                margin(pl.col("n_sinks"), p.min_receivers),
                margin(pl.col("amount_cv").clip(lower_bound=0.05), p.max_amount_cv, upper=True),
            )
        )
        return Instances(members.join(stats.select("inst"), on="inst", how="semi"), stats)

    def explain(self, row: Mapping[str, Any]) -> str:
        """``stack: 3 senders -> 3 middle accounts -> 2 receivers ...``."""
        p = self.params
        return (
            f"stack: {row['n_sources']} senders -> {row['n_middle']} middle accounts -> "
            f"{row['n_sinks']} receivers in {row['n_txns']} transfers (total "
            f"{usd(row['total_usd'])}, amount variation {row['amount_cv']:.0%}) within "
            f"{duration(row['span_us'])} (thresholds: layers of >= {p.min_senders}, "
            f">= {p.min_middle}, >= {p.min_receivers} accounts each linked twice within "
            f"{hours_text(p.window_hours)}, transfers >= {usd(p.min_amount_usd)}, variation "
            f"<= {p.max_amount_cv:.0%})"
        )
