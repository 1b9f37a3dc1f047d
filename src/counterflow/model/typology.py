"""Code list of laundering typologies: the patterns planted by the simulator and detected by
:mod:`counterflow.monitor`.

Graph patterns follow IBM AMLworld (Altman et al., "Realistic Synthetic Financial
Transactions for Anti-Money Laundering Models", NeurIPS 2023) and AMLSim; behavioural ones
follow FATF guidance; trafficking-linked flows follow FATF-APG (2018) "Financial Flows from
Human Trafficking" and FinCEN's 2023 alert on scam compounds (see DOMAIN.md).
"""

from __future__ import annotations

from enum import StrEnum


class Typology(StrEnum):
    """One laundering or trafficking-finance pattern."""

    # AMLworld graph patterns
    FAN_OUT = "fan_out"
    FAN_IN = "fan_in"
    GATHER_SCATTER = "gather_scatter"
    SCATTER_GATHER = "scatter_gather"
    CYCLE = "cycle"
    RANDOM = "random"
    BIPARTITE = "bipartite"
    STACK = "stack"
    # behavioural
    STRUCTURING = "structuring"
    PASS_THROUGH = "pass_through"  # noqa: S105 (a typology name, not a secret)
    FUNNEL = "funnel"
    # trafficking-linked (FATF-APG 2018, FinCEN 2023)
    WAGE_SWEEP = "wage_sweep"
    THIRD_PARTY_CASH = "third_party_cash"
    NO_PAYROLL = "no_payroll"
    # laundering that belongs to no pattern (AMLworld: about a third of HI-Small)
    UNPATTERNED = "unpatterned"
    # a transaction the ML model scored above threshold, outside any detector's pattern
    MODEL_SCORE = "model_score"
