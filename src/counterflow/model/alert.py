"""An alert: a suspicion that always says why.

Alerts are written to Parquet with the columns ``alert_id, typology, score, accounts,
txn_ids, window_start, window_end, explanation`` (DESIGN.md section 5). The explanation is
a short human sentence plus the thresholds that fired, so an analyst can check it by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class AlertWindow:
    """The time span covered by an alert's transactions (UTC)."""

    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert: which pattern, on which accounts and transactions, in which window, why."""

    alert_id: str
    typology: str
    score: float
    accounts: tuple[str, ...]
    txn_ids: tuple[str, ...]
    window: AlertWindow
    explanation: str
    thresholds: dict[str, float] = field(default_factory=dict)
