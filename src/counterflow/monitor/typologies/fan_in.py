"""Fan-in: many accounts pay one account in a short burst.

AMLworld (Altman et al., NeurIPS 2023, figure of the eight laundering patterns) lists fan-in
as the collection step of layering: many accounts (often mules, or victims of a scam) pay
into one collecting account. FATF (2018) "Professional Money Laundering" describes
collection accounts fed by money mules; FinCEN FIN-2023-Alert005 describes scam-compound
proceeds gathered from many victims into a few accounts; FATF-APG (2018) "Financial Flows
from Human Trafficking" notes many small payments from clients collected into one account.

A payment processor or a busy shop also receives from many payers every day; it is told
apart by its steady rate (hub) and because one day's payers are a small part of its
business (see :mod:`counterflow.monitor.typologies._fan`).
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
class FanIn(Detector[FanParams]):
    """One payee, at least 5 distinct payers within 24 h (default thresholds)."""

    typology: ClassVar[Typology] = Typology.FAN_IN
    params: FanParams = field(default_factory=FanParams)

    def find(self, frame: Frame) -> Instances:
        """Fan-in bursts anchored on the receiving account."""
        return find_fans(frame, self.params, "in")

    def explain(self, row: Mapping[str, Any]) -> str:
        """``fan-in: 9 transfers from 9 distinct accounts to B within 6h, ...``."""
        p = self.params
        return (
            f"fan-in: {count(row['n_txns'], 'transfer')} from {row['n_cp']} distinct accounts "
            f"to {row['anchor_acct']} within {duration(row['span_us'])}, total "
            f"{usd(row['total_usd'])}; {row['one_off']:.0%} of payers paid only in this burst "
            f"(thresholds: >= {p.min_counterparties} counterparties within "
            f"{hours_text(p.window_hours)}, >= {p.min_one_off_share:.0%} one-off payers, "
            f">= {p.min_concentration:.0%} of the payee's receipts in the "
            f"{p.baseline_days:g} days around it, >= {usd(p.min_total_usd)} in all)"
        )
