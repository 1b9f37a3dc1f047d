"""The knobs of a synthetic world, frozen so a world is fully described by its config.

Defaults mirror IBM AMLworld's "HI-Small" set (Altman et al., "Realistic Synthetic Financial
Transactions for Anti-Money Laundering Models", NeurIPS 2023): about one laundering
transaction in a thousand, of which roughly a third belongs to no recognisable pattern.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType

from counterflow.model.errors import CounterflowError
from counterflow.model.typology import Typology


class SimulationError(CounterflowError, ValueError):
    """A world cannot be generated from the given configuration."""


#: Relative frequency of planted instances per typology. The eight AMLworld graph patterns
#: carry most of the weight (as in HI-Small); behavioural and trafficking-linked flows follow
#: DOMAIN.md (FATF-APG 2018, FinCEN 2023).
DEFAULT_PATTERN_WEIGHTS: Mapping[Typology, float] = MappingProxyType(
    {
        Typology.FAN_OUT: 1.0,
        Typology.FAN_IN: 1.0,
        Typology.GATHER_SCATTER: 0.8,
        Typology.SCATTER_GATHER: 0.8,
        Typology.CYCLE: 0.8,
        Typology.RANDOM: 0.8,
        Typology.BIPARTITE: 0.6,
        Typology.STACK: 0.5,
        Typology.STRUCTURING: 0.7,
        Typology.PASS_THROUGH: 0.7,
        Typology.FUNNEL: 0.5,
        Typology.WAGE_SWEEP: 0.4,
        Typology.THIRD_PARTY_CASH: 0.5,
        Typology.NO_PAYROLL: 0.3,
    }
)

DEFAULT_START = datetime(2026, 9, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class WorldConfig:
    """Everything that determines a synthetic world; the same config gives the same frame.

    ``laundering_rate`` is the fraction of all transactions that are laundering (label 1);
    ``unpatterned_share`` the fraction of those that belong to no planted pattern;
    ``khr_share`` the approximate fraction of transactions denominated in riel;
    ``pattern_weights`` the relative frequency of planted instances per typology (a typology
    with weight 0 is never planted).
    """

    accounts: int = 10_000
    days: int = 10
    seed: int = 0
    start: datetime = DEFAULT_START
    n_banks: int = 12
    laundering_rate: float = 0.001
    unpatterned_share: float = 0.33
    khr_share: float = 0.25
    txns_per_account_day: float = 1.0
    pattern_weights: Mapping[Typology, float] = field(
        default_factory=lambda: DEFAULT_PATTERN_WEIGHTS
    )

    def __post_init__(self) -> None:
        checks: tuple[tuple[bool, str], ...] = (
            (self.accounts >= 500, f"accounts must be >= 500, got {self.accounts}"),
            (1 <= self.days <= 3660, f"days must be in 1..3660, got {self.days}"),
            (1 <= self.n_banks <= 999, f"n_banks must be in 1..999, got {self.n_banks}"),
            (
                0.0 <= self.laundering_rate < 0.5,
                f"laundering_rate must be in [0, 0.5), got {self.laundering_rate}",
            ),
            (
                0.0 <= self.unpatterned_share <= 1.0,
                f"unpatterned_share must be in [0, 1], got {self.unpatterned_share}",
            ),
            (0.0 <= self.khr_share <= 1.0, f"khr_share must be in [0, 1], got {self.khr_share}"),
            (
                0.05 <= self.txns_per_account_day <= 100.0,
                f"txns_per_account_day must be in [0.05, 100], got {self.txns_per_account_day}",
            ),
            (self.seed >= 0, f"seed must be >= 0, got {self.seed}"),
            (self.start.tzinfo is not None, "start must be timezone-aware (UTC)"),
        )
        for ok, message in checks:
            if not ok:
                raise SimulationError(message)
        for key, weight in self.pattern_weights.items():
            if Typology(key) in (Typology.UNPATTERNED, Typology.MODEL_SCORE):
                raise SimulationError(f"pattern_weights: {key!r} cannot be planted")
            if weight < 0:
                raise SimulationError(f"pattern_weights[{key!r}] must be >= 0, got {weight}")

    @property
    def background_count(self) -> int:
        """Number of legitimate transactions the world will hold."""
        return max(1, round(self.accounts * self.days * self.txns_per_account_day))

    @property
    def laundering_count(self) -> int:
        """Number of laundering transactions so that they make ``laundering_rate`` of all."""
        n = self.background_count
        return round(self.laundering_rate * n / (1.0 - self.laundering_rate))
