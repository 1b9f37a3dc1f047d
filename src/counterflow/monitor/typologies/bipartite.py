"""Bipartite: a set of senders each paying several of a set of receivers.

AMLworld (Altman et al., NeurIPS 2023, figure of the eight laundering patterns) includes the
bipartite pattern: many-to-many transfers between two groups of accounts, a way of mixing
funds across mules so that no single sender-receiver link tells the story (FATF 2018,
Professional Money Laundering, on networks of mule and front accounts moving funds among
themselves).

An instance is a connected (2, 2)-core of transfers within ``window_hours`` (every sender
pays at least two of the receivers, every receiver is paid by at least two senders; see
``_cores``) with no account both receiving and paying, at least ``min_senders`` and
``min_receivers`` accounts, at most ``max_accounts`` accounts, transfers of at least
``min_amount_usd`` and of similar size (coefficient of variation at most
``max_amount_cv``: the split of one sum). Hubs take no part: two people paying the same two
supermarkets form such a core every day.
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
class BipartiteParams(Params):
    """Thresholds of a bipartite pattern."""

    window_hours: float = 72.0
    """The transfers fall within this window."""
    min_senders: int = 2
    """Fewest senders (each paying >= 2 of the receivers)."""
    min_receivers: int = 2
    """Fewest receivers (each paid by >= 2 of the senders)."""
    max_accounts: int = 50
    """Larger components are everyday commerce, not a structure."""
    min_amount_usd: float = 1_000.0
    """Materiality: transfers of at least this much."""
    max_amount_cv: float = 0.5
    """Amounts are similar: standard deviation / mean at most this."""
    hub_txns_per_day: float = 50.0
    """Accounts above this average daily activity are hubs and take no part."""


@dataclass(frozen=True)
class Bipartite(Detector[BipartiteParams]):
    """>= 2 senders x >= 2 receivers, similar amounts >= USD 1,000, within 72 h (defaults)."""

    typology: ClassVar[Typology] = Typology.BIPARTITE
    params: BipartiteParams = field(default_factory=BipartiteParams)

    def find(self, frame: Frame) -> Instances:
        """Many-to-many cores without a middle layer."""
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
            (pl.col("n_middle") == 0)
            & (pl.col("n_sources") >= p.min_senders)
            & (pl.col("n_sinks") >= p.min_receivers)
            & (pl.col("amount_cv") <= p.max_amount_cv)
        ).with_columns(
            score(
                margin(pl.col("n_sources"), p.min_senders),
                margin(pl.col("n_sinks"), p.min_receivers),
                margin(pl.col("n_edges"), p.min_senders * p.min_receivers),
                margin(pl.col("amount_cv").clip(lower_bound=0.05), p.max_amount_cv, upper=True),
            )
        )
        return Instances(members.join(stats.select("inst"), on="inst", how="semi"), stats)

    def explain(self, row: Mapping[str, Any]) -> str:
        """``bipartite: 3 senders paid 4 receivers in 10 transfers ...``."""
        p = self.params
        return (
            f"bipartite: {row['n_sources']} senders paid {row['n_sinks']} receivers over "
            f"{row['n_edges']} sender-receiver links ({row['n_txns']} transfers, total "
            f"{usd(row['total_usd'])}, amount variation {row['amount_cv']:.0%}) within "
            f"{duration(row['span_us'])} (thresholds: >= {p.min_senders} senders x >= "
            f"{p.min_receivers} receivers each linked twice within "
            f"{hours_text(p.window_hours)}, transfers >= {usd(p.min_amount_usd)}, variation "
            f"<= {p.max_amount_cv:.0%})"
        )
