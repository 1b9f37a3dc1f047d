"""Structuring: deposits or transfers split to stay just below the reporting threshold.

In Cambodia, reporting entities file a cash transaction report for transactions of USD
10,000 or more, or KHR 40 million (Law on AML/CFT 2020 and CAFIU guidance; DOMAIN.md).
Structuring ("smurfing") splits a larger sum into several amounts just below it, by one
depositor over several days or by several depositors into one account (FATF 2018,
Professional Money Laundering; FATF-APG 2018, Financial Flows from Human Trafficking, on
proceeds broken into small deposits). The classic red flag is several amounts in the band
just below the threshold, totalling more than the threshold, within days.

An instance is a receiving account that, within ``window_hours``, gets at least
``min_deposits`` credits in the band ``[band_floor x threshold, threshold)`` (USD, or KHR
for KHR transactions), totalling at least the USD threshold, and these make up at least
``min_band_share`` of the account's *large* credits (at least the band floor, in USD) within
a window either side: a structurer's large credits cluster just below the threshold, while
a business receiving large payments of all sizes has some in the band by chance. Credits at
or above the threshold are reported anyway and are not structuring. Hubs are skipped. Cash
deposits, the classic form, score higher than transfers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import polars as pl

from counterflow.model import Typology
from counterflow.monitor.typologies._frame import Frame, hours
from counterflow.monitor.typologies._index import by_position, receipts
from counterflow.monitor.typologies._score import margin, score
from counterflow.monitor.typologies._sliding import forward, instances, sliding
from counterflow.monitor.typologies._text import count, duration, hours_text, usd
from counterflow.monitor.typologies.base import Detector, Instances, Params


@dataclass(frozen=True, kw_only=True)
class StructuringParams(Params):
    """Thresholds of structuring."""

    threshold_usd: float = 10_000.0
    """Cash transaction reporting threshold in USD (Cambodia)."""
    threshold_khr: float = 40_000_000.0
    """... and in riel, applied to KHR transactions."""
    band_floor: float = 0.8
    """"Just below" means at least this share of the threshold (USD 8,000-9,999.99)."""
    min_deposits: int = 2
    """Fewest credits in the band within the window."""
    window_hours: float = 168.0
    """Length of the window (7 days)."""
    min_band_share: float = 0.5
    """The band's credits are at least this share of the account's large credits (band and
    above) within a window either side."""
    hub_txns_per_day: float = 50.0
    """Accounts above this average daily activity are hubs and are skipped."""


@dataclass(frozen=True)
class Structuring(Detector[StructuringParams]):
    """>= 2 credits of USD 8,000-9,999 (KHR 32-40 M) into one account within 7 days."""

    typology: ClassVar[Typology] = Typology.STRUCTURING
    params: StructuringParams = field(default_factory=StructuringParams)

    def find(self, frame: Frame) -> Instances:
        """Receiving accounts with several credits just below the threshold."""
        p = self.params
        eligible = (frame.in_count >= p.min_deposits) & ~frame.hubs(p.hub_txns_per_day)
        if not eligible.any():
            return Instances.none()
        band_expr = (
            pl.when(pl.col("currency") == "KHR")
            .then(
                pl.col("amount").is_between(p.band_floor * p.threshold_khr, p.threshold_khr, "left")
            )
            .otherwise(
                pl.col("amount_usd").is_between(
                    p.band_floor * p.threshold_usd, p.threshold_usd, "left"
                )
            )
        )
        cash_expr = pl.col("channel").str.to_lowercase() == "cash"
        rec = receipts(frame)
        sub = rec.take(eligible[rec.acct])
        band = by_position(frame, band_expr)[sub.pos]
        window = hours(p.window_hours)
        band_usd = np.where(band, sub.usd, 0.0)
        large = band | (sub.usd >= p.band_floor * p.threshold_usd)
        # the window opening at each deposit, and the large credits around it
        ahead = forward(sub.acct, sub.t, window, weights=[band, band_usd, large])
        behind = sliding(sub.acct, sub.t, window, weights=[large])
        n_band, total = ahead.sums[:, 0], ahead.sums[:, 1]
        n_large = ahead.sums[:, 2] + behind.sums[:, 0] - 1
        ok = band & (n_band >= p.min_deposits) & (total >= p.threshold_usd)
        ok &= n_band >= p.min_band_share * n_large
        inst = instances(sub.acct, sub.t, ahead, ok, window)
        share = np.where(ok, n_band / np.maximum(n_large, 1), np.nan)
        rows = sub.members(
            inst, band=band, share=share, cash=by_position(frame, cash_expr)[sub.pos]
        )
        if rows.height == 0:
            return Instances.none()
        in_band = pl.col("usd").filter(pl.col("band"))
        stats = (
            rows.group_by("inst")
            .agg(
                acct_acct=pl.col("acct").first(),
                n_band=pl.col("band").sum(),
                share=pl.col("share").max(),
                n_depositors=pl.col("cp").filter(pl.col("band")).n_unique(),
                n_cash=(pl.col("band") & pl.col("cash")).sum(),
                band_usd=in_band.sum(),
                closeness=in_band.mean() / p.threshold_usd,
            )
            .with_columns(
                score(
                    margin(pl.col("n_band"), p.min_deposits),
                    margin(pl.col("band_usd"), p.threshold_usd),
                    margin(pl.col("share"), p.min_band_share),
                    margin(pl.col("closeness"), p.band_floor),
                    margin(pl.col("n_cash") / pl.col("n_band"), 0.5),
                )
            )
        )
        banded = rows.filter(pl.col("band")).select("inst", "_row")
        return Instances(banded.join(stats.select("inst"), on="inst", how="semi"), stats)

    def explain(self, row: Mapping[str, Any]) -> str:
        """``structuring: 4 credits (3 in cash) of USD 8,000-9,999 into A from 3 ...``."""
        p = self.params
        return (
            f"structuring: {count(row['n_band'], 'credit')} ({row['n_cash']} in cash) just "
            f"below the reporting threshold into {row['acct_acct']} from "
            f"{count(row['n_depositors'], 'depositor')} within {duration(row['span_us'])}, "
            f"total {usd(row['band_usd'])}, average {row['closeness']:.0%} of the threshold "
            f"(thresholds: >= {p.min_deposits} credits of {usd(p.band_floor * p.threshold_usd)}"
            f"-{usd(p.threshold_usd)} or KHR {p.band_floor * p.threshold_khr:,.0f}-"
            f"{p.threshold_khr:,.0f} within {hours_text(p.window_hours)}, total >= "
            f"{usd(p.threshold_usd)}, >= {p.min_band_share:.0%} of the account's large credits)"
        )
