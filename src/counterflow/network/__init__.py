"""The network view (L3): link analysis and following the money on the platform.

The services behind the interactive graph of a case, an alert or a person (persons,
accounts, identifiers, cases, alerts, flows), expanding a node, tracing money from a node,
account holders from bank KYC files, and duplicate persons found by entity resolution with
the investigators' confirm/reject decisions. Need-to-know applies to every node: cases the
viewer may not see appear as "case held by <agency> — contact <whom>".

    graph = case_graph(session, actor=actor, case_id=7, flows=flows)
    more = expand(session, actor=actor, node_id="account:0A1B2C3D4", flows=flows)
    result = trace_from(session, actor=actor, node_id="person:12", query=q, flows=flows)

``flows`` is a :class:`FlowSource`: :class:`IndexFlows` over the trace package's flow index
(``IndexFlows(load_index(path), TraceContext(banks=...))``), a fake in tests, or ``None`` to
draw no flows.
"""

from counterflow.network.codes import MergeVerdict
from counterflow.network.duplicates import (
    decide_duplicate,
    duplicate_candidates,
    resolve_duplicates,
)
from counterflow.network.flows import IndexFlows
from counterflow.network.holders import import_holders, may_import, store_holders
from counterflow.network.models import AccountHolder, DuplicateCandidate, MergeDecision
from counterflow.network.ports import FlowSource, PairFlow
from counterflow.network.schemas import DecisionIn, DecisionView, DuplicateView, WeightView
from counterflow.network.service import (
    alert_graph,
    case_account_labels,
    case_graph,
    expand,
    person_graph,
    trace_from,
)
from counterflow.network.shared import SharedView, shared_identifiers

__all__ = [
    "AccountHolder",
    "DecisionIn",
    "DecisionView",
    "DuplicateCandidate",
    "DuplicateView",
    "FlowSource",
    "IndexFlows",
    "MergeDecision",
    "MergeVerdict",
    "PairFlow",
    "SharedView",
    "WeightView",
    "alert_graph",
    "case_account_labels",
    "case_graph",
    "decide_duplicate",
    "duplicate_candidates",
    "expand",
    "import_holders",
    "may_import",
    "person_graph",
    "resolve_duplicates",
    "shared_identifiers",
    "store_holders",
    "trace_from",
]
