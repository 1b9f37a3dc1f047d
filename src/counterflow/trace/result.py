"""What a trace answers: the flow subgraph, the amount that reached each account, and
where the money ended up, in figures and in one plain sentence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from counterflow.trace.query import TraceQuery


class EndpointKind(StrEnum):
    """Where traced money stops being followable in the bank data (DOMAIN.md red flags)."""

    CASH_OUT = "cash_out"  # withdrawn as cash: the paper trail ends
    CROSS_BORDER = "cross_border"  # paid to a bank in another country
    EXCHANGE = "exchange"  # paid to an exchange, OTC desk or virtual-asset provider
    OTHER_CASE = "other_case"  # an account already named in a case
    RETAINED = "retained"  # still in an account when the trace stopped (hops or window)


@dataclass(frozen=True, slots=True)
class FlowEdge:
    """One transaction on a traced path and the traced part of it (``traced_usd``)."""

    txn_id: str
    ts: datetime
    src: str
    dst: str
    hop: int  # 1 for payments out of (forward) or into (backward) the seeds
    amount_usd: float
    traced_usd: float
    amount: float
    currency: str
    channel: str
    src_bank: str
    dst_bank: str


@dataclass(frozen=True, slots=True)
class Reached:
    """An account the traced money reached: how much came in and went on, and when."""

    account: str
    bank: str
    hop: int  # fewest hops from a seed
    received_usd: float
    passed_on_usd: float
    first_ts: datetime
    last_ts: datetime

    @property
    def retained_usd(self) -> float:
        return max(self.received_usd - self.passed_on_usd, 0.0)


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Traced money that ended at ``account`` in one way; ``cases`` names the cases (for
    ``OTHER_CASE``) as the caller labelled them."""

    account: str
    kind: EndpointKind
    traced_usd: float
    bank: str = ""
    country: str = ""
    cases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TraceResult:
    """The answer to a :class:`TraceQuery`.

    ``seed_usd``: the traced money (payments out of the seeds in the window, forward; into
    them, backward). ``paths``: time-respecting paths followed. ``truncated``: edges beyond
    ``max_edges`` (or reached accounts and retained endpoints beyond ``max_accounts``) were
    left out of ``edges``/``accounts``/``endpoints``, never out of the figures.
    ``returned_usd``: traced money that came back to a seed (a cycle), not followed again.
    ``totals``: USD per endpoint kind over every endpoint, kept or not; with
    ``returned_usd`` the terminal kinds and ``retained`` add up to ``seed_usd``
    (``other_case`` is a flag on money that went on, so it is not part of that sum).
    ``n_reached``: how many accounts received traced money (``accounts`` may keep fewer).
    """

    query: TraceQuery
    seed_usd: float
    edges: tuple[FlowEdge, ...]
    accounts: tuple[Reached, ...]
    endpoints: tuple[Endpoint, ...]
    paths: int
    truncated: bool
    summary: str
    returned_usd: float = 0.0
    totals: Mapping[EndpointKind, float] = field(default_factory=dict)
    n_reached: int = 0
