"""What an investigator asks of the money: from which accounts, which way, how far, when.

A trace follows money along *time-respecting* paths: a hop from account ``b`` onward is
followed only if it happened no earlier than the money arrived in ``b`` (forward), or no
later than it left (backward). Without that rule a trace "finds" flows that paid out money
before it was received, the commonest error of graph tools used for tracing (FATF, "Money
Laundering and Terrorist Financing: Financial Investigations Guidance", 2012, on following
funds chronologically).

How much of a payment out of ``b`` is the traced money depends on a rule, because money is
fungible once it lands in an account that also holds other funds:

* ``proportional`` (the "haircut"): each payment out of ``b`` carries traced money in the
  share the traced money has in ``b``'s balance at that moment;
* ``fifo`` (first in, first out, the rule in *Clayton's Case*, 1816): payments out consume
  the oldest funds first, traced or not.

Neither rule knows the opening balance; both treat funds that the window does not show as
untraced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Direction(StrEnum):
    """``forward``: where did the money go? ``backward``: where did it come from?"""

    FORWARD = "forward"
    BACKWARD = "backward"


class Attribution(StrEnum):
    """How a payment out of a mixed account is attributed to the traced money."""

    PROPORTIONAL = "proportional"
    FIFO = "fifo"


MAX_HOPS = 8


@dataclass(frozen=True, slots=True)
class TraceQuery:
    """One trace request.

    ``accounts``: the seed accounts (transaction-store names). ``start``/``end``: only
    transactions in ``[start, end]`` (UTC) are considered; ``None`` is open. ``hops``: the
    longest path followed (1..:data:`MAX_HOPS`). ``min_amount_usd``: payments smaller than
    this are ignored, as if outside the window (noise such as fees: they neither carry
    traced money nor count in balances). ``max_edges``: the largest flow subgraph returned;
    the figures are computed on everything, the edges kept are the largest.
    ``max_accounts``: likewise for the reached accounts and the retained endpoints.
    """

    accounts: tuple[str, ...]
    direction: Direction = Direction.FORWARD
    hops: int = 4
    start: datetime | None = None
    end: datetime | None = None
    min_amount_usd: float = 0.0
    attribution: Attribution = Attribution.PROPORTIONAL
    max_edges: int = 5000
    max_accounts: int = 5000
