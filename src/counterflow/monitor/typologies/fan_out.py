"""Fan-out: one account pays many accounts in a short burst.

AMLworld (Altman et al., "Realistic Synthetic Financial Transactions for Anti-Money
Laundering Models", NeurIPS 2023, figure of the eight laundering patterns) lists fan-out as
the dispersal step of layering: one account splits funds over many recipients so that no
single transfer stands out. FATF (2018) "Professional Money Laundering" describes the same
dispersal through networks of money-mule accounts, and FinCEN FIN-2023-Alert005 reports scam
compounds spreading victims' payments over many mule accounts.

A monthly payroll also pays many accounts in one batch; it is told apart because the same
employees are paid every month (see :mod:`counterflow.monitor.typologies._fan` for the three
discriminators: hub rate, burst concentration, throw-away counterparties).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from counterflow.model import Typology
from counterflow.monitor.typologies._fan import FanParams, find_fans
from counterflow.monitor.typologies._frame import Frame
from counterflow.monitor.typologies._text import count, duration, hours_text, usd
from counterflow.monitor.typologies.base import Detector, Instances


@dataclass(frozen=True)
class FanOut(Detector[FanParams]):
    """One payer, at least 5 distinct payees within 24 h (default thresholds)."""

    typology: ClassVar[Typology] = Typology.FAN_OUT
    params: FanParams = field(default_factory=FanParams)

    def find(self, frame: Frame) -> Instances:
        """Fan-out bursts anchored on the paying account."""
        return find_fans(frame, self.params, "out")

    def explain(self, row: Mapping[str, Any]) -> str:
        """``fan-out: 12 transfers from A to 12 distinct accounts within 18h, ...``."""
        p = self.params
        return (
            f"fan-out: {count(row['n_txns'], 'transfer')} from {row['anchor_acct']} to "
            f"{row['n_cp']} distinct accounts within {duration(row['span_us'])}, total "
            f"{usd(row['total_usd'])}; {row['one_off']:.0%} of payees paid only in this burst "
            f"(thresholds: >= {p.min_counterparties} counterparties within "
            f"{hours_text(p.window_hours)}, >= {p.min_one_off_share:.0%} one-off payees, "
            f">= {p.min_concentration:.0%} of the payer's transfers in the "
            f"{p.baseline_days:g} days around it, >= {usd(p.min_total_usd)} in all)"
        )
