"""What the network slice takes in and gives out (Pydantic)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from counterflow.network.codes import MergeVerdict


class DecisionIn(BaseModel):
    """An investigator's decision on a duplicate candidate; the reason is required."""

    model_config = ConfigDict(extra="forbid")

    decision: MergeVerdict
    reason: str = Field(min_length=3, max_length=2000)


class WeightView(BaseModel):
    """One comparison's share of a match weight (bits; positive = evidence for)."""

    comparison: str
    level: str
    weight: float


class DecisionView(BaseModel):
    id: int
    decision: MergeVerdict
    reason: str
    username: str
    decided_at: datetime


class DuplicateView(BaseModel):
    """A candidate seen from one record: the other record as the viewer may see it."""

    id: int
    other_key: str
    """Node id of the other record (``hidden_case:<agency>`` if the viewer may not see it)."""
    other_label: str
    other_source: str
    """``case_person``, ``holder`` or ``hidden``."""
    match_weight: float
    match_probability: float
    weights: list[WeightView]
    estimated: bool
    decision: DecisionView | None
    """The decision in force (the latest); ``history`` has all, oldest first."""
    history: list[DecisionView]
