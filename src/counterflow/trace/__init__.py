"""Follow the money: time-respecting flow tracing over the transaction store.

Build a :class:`FlowIndex` once per store, then ask any number of :class:`TraceQuery`:

    >>> from counterflow.trace import TraceQuery, load_index, trace  # doctest: +SKIP
    >>> index = load_index(Path("var/demo/transactions.parquet"))  # doctest: +SKIP
    >>> result = trace(index, TraceQuery(accounts=("80A3F1C2E",), hops=4))  # doctest: +SKIP
    >>> result.summary  # doctest: +SKIP
    'USD 182,400 of 240,000 reached 3 accounts at B003 within 36 hours; 61 % left the country.'

The rules (time order, attribution, hop levels, where money stops) are in
:mod:`counterflow.trace.tracer`; the bank directory format in :mod:`counterflow.trace.banks`.
"""

from counterflow.trace.banks import BankDirectory, read_bank_directory
from counterflow.trace.context import TraceContext
from counterflow.trace.counterparties import PairFlow, counterparties
from counterflow.trace.index import FlowIndex, build_index, load_index
from counterflow.trace.query import MAX_HOPS, Attribution, Direction, TraceQuery
from counterflow.trace.result import Endpoint, EndpointKind, FlowEdge, Reached, TraceResult
from counterflow.trace.tracer import trace

__all__ = [
    "MAX_HOPS",
    "Attribution",
    "BankDirectory",
    "Direction",
    "Endpoint",
    "EndpointKind",
    "FlowEdge",
    "FlowIndex",
    "PairFlow",
    "Reached",
    "TraceContext",
    "TraceQuery",
    "TraceResult",
    "build_index",
    "counterparties",
    "load_index",
    "read_bank_directory",
    "trace",
]
