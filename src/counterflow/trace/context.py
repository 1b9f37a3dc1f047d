"""What the tracer needs to know beyond the transactions: banks, home, exchanges, cases."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from counterflow.trace.banks import BankDirectory


@dataclass(frozen=True, slots=True)
class TraceContext:
    """Facts about the accounts that decide where traced money ends.

    ``banks``: each bank's country and kind (:mod:`counterflow.trace.banks`).
    ``home_country``: payments to banks elsewhere are cross-border (ISO 3166-1 alpha-2).
    ``exchanges``: accounts known to be exchanges, OTC desks or virtual-asset providers.
    ``case_accounts``: account -> labels of the cases naming it, already filtered by the
    caller to what the user may see (need-to-know is the platform's job, not the tracer's).
    """

    banks: BankDirectory = field(default_factory=BankDirectory)
    home_country: str = "KH"
    exchanges: frozenset[str] = frozenset()
    case_accounts: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
