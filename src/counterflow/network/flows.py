"""The production :class:`~counterflow.network.ports.FlowSource`: the trace package's flow
index and the deployment's trace context (banks, home country, exchanges)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import MappingProxyType

from counterflow.trace import (
    FlowIndex,
    PairFlow,
    TraceContext,
    TraceQuery,
    TraceResult,
    counterparties,
    trace,
)


@dataclass(frozen=True)
class IndexFlows:
    """Flows from a :class:`~counterflow.trace.FlowIndex` (``load_index(path)``)."""

    index: FlowIndex
    context: TraceContext = field(default_factory=TraceContext)

    def has(self, account: str) -> bool:
        return self.index.has(account)

    def counterparties(
        self,
        account: str,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int = 25,
    ) -> list[PairFlow]:
        return counterparties(self.index, account, start=start, end=end, limit=limit)

    def trace(
        self, query: TraceQuery, *, case_accounts: Mapping[str, tuple[str, ...]]
    ) -> TraceResult:
        context = replace(self.context, case_accounts=MappingProxyType(dict(case_accounts)))
        return trace(self.index, query, context)
