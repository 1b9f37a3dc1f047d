"""Follow the money: time-respecting flow tracing over the transaction store.

(Contract only so far; the tracer is being written.)
"""

from counterflow.trace.query import MAX_HOPS, Attribution, Direction, TraceQuery
from counterflow.trace.result import Endpoint, EndpointKind, FlowEdge, Reached, TraceResult

__all__ = [
    "MAX_HOPS",
    "Attribution",
    "Direction",
    "Endpoint",
    "EndpointKind",
    "FlowEdge",
    "Reached",
    "TraceQuery",
    "TraceResult",
]
