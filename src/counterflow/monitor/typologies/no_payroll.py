"""No payroll: a business-sized turnover from many payers, but no salaries paid out.

FATF-APG (2018) "Financial Flows from Human Trafficking" lists among red flags of labour
exploitation a business with turnover but no (or implausibly low) payroll: workers are not
paid, or are paid in cash off the books; FinCEN FIN-2023-Alert005 describes front
businesses of scam compounds receiving victims' funds without the staff costs their
apparent activity would need. DOMAIN.md: "a business with turnover but no payroll".

An instance is an account that in one calendar month receives at least
``min_monthly_credits_usd`` from at least ``min_payers`` distinct payers, and that never in
the batch makes a *payroll-like* run: payments to at least ``min_payroll_payees`` distinct
accounts within ``payroll_window_hours``, each between ``min_salary_usd`` and
``max_salary_usd``; and in the same month it moves at least ``min_outflow_share`` of the
turnover on to at most ``max_payees`` accounts. A front's takings are neither spent on staff
nor on suppliers but passed to a few beneficiaries; an account that merely accumulates, or
that pays many suppliers, is left to other rules. Payment processors and banks' cash
pseudo-accounts have no payroll either but are hubs and are skipped. With a batch shorter
than a pay period the test is weak: an account that has not yet paid salaries looks
payroll-less.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
import polars as pl

from counterflow.model import Typology
from counterflow.monitor.typologies._frame import Frame, hours
from counterflow.monitor.typologies._index import by_position, payments, receipts
from counterflow.monitor.typologies._score import margin, score
from counterflow.monitor.typologies._sliding import instances, sliding
from counterflow.monitor.typologies._text import hours_text, usd
from counterflow.monitor.typologies.base import Detector, Instances, Params


@dataclass(frozen=True, kw_only=True)
class NoPayrollParams(Params):
    """Thresholds of turnover without payroll."""

    min_monthly_credits_usd: float = 50_000.0
    """Turnover: credits in one calendar month of at least this much ..."""
    min_payers: int = 10
    """... from at least this many distinct payers."""
    min_payroll_payees: int = 3
    """A payroll-like run pays at least this many distinct accounts ..."""
    payroll_window_hours: float = 24.0
    """... within this window ..."""
    min_salary_usd: float = 50.0
    """... each payment at least this much ..."""
    max_salary_usd: float = 5_000.0
    """... and at most this much."""
    min_outflow_share: float = 0.5
    """The month's turnover is moved on: payments out of at least this share of it ..."""
    max_payees: int = 5
    """... to at most this many accounts (a real business pays many suppliers and staff)."""
    hub_txns_per_day: float = 50.0
    """Accounts above this average daily activity are hubs and are skipped."""


@dataclass(frozen=True)
class NoPayroll(Detector[NoPayrollParams]):
    """>= USD 50,000 a month from >= 10 payers and no payroll-like run (defaults)."""

    typology: ClassVar[Typology] = Typology.NO_PAYROLL
    params: NoPayrollParams = field(default_factory=NoPayrollParams)

    def find(self, frame: Frame) -> Instances:
        """Accounts with monthly turnover from many payers that never pay salaries."""
        p = self.params
        eligible = (frame.in_count >= p.min_payers) & ~frame.hubs(p.hub_txns_per_day)
        if not eligible.any():
            return Instances.none()
        pay = payments(frame)
        salary = by_position(
            frame, pl.col("amount_usd").is_between(p.min_salary_usd, p.max_salary_usd)
        )
        runs = pay.take(eligible[pay.acct] & salary[pay.pos])
        batch = sliding(runs.acct, runs.t, hours(p.payroll_window_hours), [runs.cp])
        eligible[np.unique(runs.acct[batch.distinct[:, 0] >= p.min_payroll_payees])] = False
        rec = receipts(frame)
        sub = rec.take(eligible[rec.acct])
        month = _month(sub.t)
        key = sub.acct * 100_000 + (month - (month.min() if month.size else 0))
        whole = np.iinfo(np.int64).max // 4  # a window longer than any batch: the whole month
        win = sliding(key, sub.t, whole, [sub.cp], [sub.usd])
        last = np.ones(len(sub), dtype=np.bool_)
        last[:-1] = key[1:] != key[:-1]
        ok = last & (win.sums[:, 0] >= p.min_monthly_credits_usd)
        ok &= win.distinct[:, 0] >= p.min_payers
        rows = sub.members(instances(key, sub.t, win, ok, whole), month=month)
        if rows.height == 0:
            return Instances.none()
        stats = rows.group_by("inst").agg(
            acct_acct=pl.col("acct").first(),
            month=pl.col("month").first(),
            turnover=pl.col("usd").sum(),
            n_payers=pl.col("cp").n_unique(),
        )
        stats = (
            stats.join(_spending(frame, stats), on=["acct_acct", "month"], how="left")
            .with_columns(pl.col("paid", "n_payees").fill_null(0))
            .filter(
                (pl.col("paid") >= p.min_outflow_share * pl.col("turnover"))
                & (pl.col("n_payees") <= p.max_payees)
            )
            .with_columns(
                pl.from_epoch(pl.col("month").cast(pl.Int32), time_unit="d")
                .dt.strftime("%Y-%m")
                .alias("month_text"),
                score(
                    margin(pl.col("turnover"), p.min_monthly_credits_usd),
                    margin(pl.col("n_payers"), p.min_payers),
                    margin(pl.col("paid") / pl.col("turnover"), p.min_outflow_share),
                ),
            )
        )
        return Instances(rows.join(stats.select("inst"), on="inst", how="semi"), stats)

    def explain(self, row: Mapping[str, Any]) -> str:
        """``no payroll: A received USD 84,000 from 37 payers in 2024-03 but ...``."""
        p = self.params
        return (
            f"no payroll: {row['acct_acct']} received {usd(row['turnover'])} from "
            f"{row['n_payers']} payers in {row['month_text']} and paid {usd(row['paid'])} of it "
            f"to {row['n_payees']} account(s), with no salary-like payments in the period "
            f"(thresholds: >= {usd(p.min_monthly_credits_usd)} a month "
            f"from >= {p.min_payers} payers; payroll = >= {p.min_payroll_payees} payees of "
            f"{usd(p.min_salary_usd)}-{usd(p.max_salary_usd)} within "
            f"{hours_text(p.payroll_window_hours)}; >= {p.min_outflow_share:.0%} moved on to <= "
            f"{p.max_payees} payees)"
        )


def _month(t: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Calendar month of each timestamp, as days since 1970 of the month's first day."""
    first = t.astype("datetime64[us]").astype("datetime64[M]").astype("datetime64[D]")
    return first.astype(np.int64)


def _spending(frame: Frame, stats: pl.DataFrame) -> pl.DataFrame:
    """What each flagged account paid out in the flagged month, and to how many payees."""
    pay = payments(frame)
    flagged = np.zeros(frame.n_accounts, dtype=np.bool_)
    flagged[stats.get_column("acct_acct").to_numpy()] = True
    out = pay.take(flagged[pay.acct])
    return (
        pl.DataFrame({"acct_acct": out.acct, "month": _month(out.t), "cp": out.cp, "usd": out.usd})
        .group_by("acct_acct", "month")
        .agg(paid=pl.col("usd").sum(), n_payees=pl.col("cp").n_unique())
    )
