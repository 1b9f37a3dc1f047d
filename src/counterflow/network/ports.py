"""What the network slice needs from the transaction store, as a port the caller fills.

The slice never opens Parquet files: the web app or the CLI gives it a :class:`FlowSource`
(in production the trace package's flow index; in tests a fake). Banks, home country and
known exchanges are deployment facts the source holds; the slice adds only what it alone
knows, the cases naming each account, labelled as the viewer may see them.
:class:`~counterflow.network.flows.IndexFlows` is the production source.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Protocol

from counterflow.trace import PairFlow, TraceQuery, TraceResult


class FlowSource(Protocol):
    """The transactions, as far as the network view asks of them."""

    def has(self, account: str) -> bool:
        """Whether the account appears in the transactions at all."""
        ...

    def counterparties(
        self,
        account: str,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int = 25,
    ) -> list[PairFlow]:
        """The account's largest flows in and out in ``[start, end]``, largest first."""
        ...

    def trace(
        self, query: TraceQuery, *, case_accounts: Mapping[str, tuple[str, ...]]
    ) -> TraceResult:
        """Follow the money (:func:`counterflow.trace.trace`); ``case_accounts`` maps an
        account to the labels of the cases naming it, already filtered by need-to-know
        (the source puts them into its ``TraceContext``)."""
        ...


__all__ = ["FlowSource", "PairFlow"]
