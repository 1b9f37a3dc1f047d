"""Third-party cash: many small, round cash deposits by different people into one account.

FATF-APG (2018) "Financial Flows from Human Trafficking" lists, for sexual exploitation,
frequent small cash deposits in round amounts by third parties, at different branches or
places, into one account, often at night or at weekends (the hours of the business), with
payments for online adverts, hotels and transport; FinCEN FIN-2023-Alert005 notes cash
collected from victims deposited by several people. DOMAIN.md: "many small round cash
deposits by third parties at different places; night and weekend activity".

An instance is a receiving account that, within ``window_hours``, gets at least
``min_deposits`` cash credits of at most ``max_deposit_usd`` each, in round amounts
(multiples of ``round_unit_usd`` in USD and other currencies' own units, of
``round_unit_khr`` in riel), from at least ``min_depositors`` distinct depositors or
branches (a bank's cash pseudo-account stands for its branch). The share of deposits made
at night (``night_start_hour``-``night_end_hour`` local time) or at weekends, with local
time at ``utc_offset_hours`` (Phnom Penh, UTC+7), weighs on the score but is not required.
A shopkeeper depositing the day's takings is one depositor at one branch. Hubs are skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import polars as pl

from counterflow.model import Typology
from counterflow.monitor.typologies._frame import US_PER_DAY, US_PER_HOUR, Frame, hours
from counterflow.monitor.typologies._index import bank_codes, by_position, receipts
from counterflow.monitor.typologies._score import margin, score
from counterflow.monitor.typologies._sliding import instances, sliding
from counterflow.monitor.typologies._text import duration, hours_text, usd
from counterflow.monitor.typologies.base import Detector, Instances, Params


@dataclass(frozen=True, kw_only=True)
class ThirdPartyCashParams(Params):
    """Thresholds of third-party cash deposits."""

    min_deposits: int = 5
    """Fewest qualifying cash deposits within the window."""
    min_depositors: int = 3
    """Distinct depositors, or distinct branches if the depositor is not recorded."""
    max_deposit_usd: float = 2_000.0
    """"Small": each deposit at most this much."""
    round_unit_usd: float = 50.0
    """"Round": a multiple of this, in USD (and other currencies' own units)."""
    round_unit_khr: float = 100_000.0
    """... and of this in riel (about USD 25)."""
    window_hours: float = 168.0
    """Length of the window (7 days)."""
    utc_offset_hours: float = 7.0
    """Local time for the night/weekend weight (Cambodia, UTC+7)."""
    night_start_hour: int = 22
    """Night starts at this local hour ..."""
    night_end_hour: int = 6
    """... and ends at this one."""
    night_weekend_share: float = 0.25
    """The score rises with the night/weekend share of deposits above this."""
    hub_txns_per_day: float = 50.0
    """Accounts above this average daily activity are hubs and are skipped."""


@dataclass(frozen=True)
class ThirdPartyCash(Detector[ThirdPartyCashParams]):
    """>= 5 round cash deposits <= USD 2,000 from >= 3 depositors within 7 days."""

    typology: ClassVar[Typology] = Typology.THIRD_PARTY_CASH
    params: ThirdPartyCashParams = field(default_factory=ThirdPartyCashParams)

    def find(self, frame: Frame) -> Instances:
        """Receiving accounts fed by many small round cash deposits."""
        p = self.params
        eligible = (frame.in_count >= p.min_deposits) & ~frame.hubs(p.hub_txns_per_day)
        if not eligible.any():
            return Instances.none()
        unit = (
            pl.when(pl.col("currency") == "KHR").then(p.round_unit_khr).otherwise(p.round_unit_usd)
        )
        rounded = ((pl.col("amount") / unit).round() * unit - pl.col("amount")).abs() < 1e-6 * unit
        deposit = (
            (pl.col("channel").str.to_lowercase() == "cash")
            & (pl.col("amount_usd") <= p.max_deposit_usd)
            & (pl.col("amount") > 0)
            & rounded
        )
        local = pl.col("_t") + hours(p.utc_offset_hours)
        hour = (local // US_PER_HOUR) % 24
        weekday = (local // US_PER_DAY + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
        night = (
            (hour >= p.night_start_hour) | (hour < p.night_end_hour)
            if p.night_start_hour > p.night_end_hour
            else hour.is_between(p.night_start_hour, p.night_end_hour, "left")
        )
        rec = receipts(frame)
        sub = rec.take(eligible[rec.acct] & by_position(frame, deposit)[rec.pos])
        branch = bank_codes(frame, sub)
        window = hours(p.window_hours)
        win = sliding(sub.acct, sub.t, window, [sub.cp, branch])
        ok = (win.count >= p.min_deposits) & (win.distinct.max(axis=1) >= p.min_depositors)
        odd = by_position(frame, night | (weekday >= 5))[sub.pos]
        inst = instances(sub.acct, sub.t, win, ok, window)
        rows = sub.members(inst, branch=branch, odd=odd)
        if rows.height == 0:
            return Instances.none()
        people = pl.max_horizontal(pl.col("cp").n_unique(), pl.col("branch").n_unique())
        stats = (
            rows.group_by("inst")
            .agg(
                acct_acct=pl.col("acct").first(),
                n_dep=pl.len(),
                n_people=people,
                odd_share=pl.col("odd").mean(),
            )
            .with_columns(
                score(
                    margin(pl.col("n_dep"), p.min_deposits),
                    margin(pl.col("n_people"), p.min_depositors),
                    margin(pl.col("odd_share"), p.night_weekend_share),
                )
            )
        )
        return Instances(rows, stats)

    def explain(self, row: Mapping[str, Any]) -> str:
        """``third-party cash: 9 small round cash deposits into A by 5 depositors ...``."""
        p = self.params
        return (
            f"third-party cash: {row['n_dep']} small round cash deposits into "
            f"{row['acct_acct']} by {row['n_people']} distinct depositors or branches "
            f"within {duration(row['span_us'])}, total "
            f"{usd(row['total_usd'])}, {row['odd_share']:.0%} at night or at weekends "
            f"(thresholds: >= {p.min_deposits} cash deposits <= {usd(p.max_deposit_usd)} in "
            f"multiples of {p.round_unit_usd:g} (KHR {p.round_unit_khr:,.0f}) from >= "
            f"{p.min_depositors} depositors within {hours_text(p.window_hours)})"
        )
