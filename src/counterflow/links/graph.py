"""The network of records: who holds which account, who may operate it, which phone,
document, e-mail or address sits on whose file.

Persons and companies are nodes keyed by their record key; accounts, identifiers and
signatories become nodes of their own, so two records sharing a phone meet at the phone's
node and twenty workers' accounts operated by one signatory meet at the signatory.
"""

from __future__ import annotations

from collections.abc import Iterable

from counterflow.links.identifiers import NODE_KINDS, SharedKind, normalise, values_of
from counterflow.links.records import LinkRecord
from counterflow.model.network import (
    Edge,
    EdgeKind,
    Graph,
    Node,
    NodeKind,
    Scalar,
    graph_of,
    node_id,
)


def account_node(account: str, **data: Scalar) -> Node:
    return Node(node_id(NodeKind.ACCOUNT, account), NodeKind.ACCOUNT, account, data)


def identifier_node(kind: SharedKind, raw: str) -> Node | None:
    """The node of an identifier (``None`` for a signatory or an empty value)."""
    value = normalise(kind, raw)
    node_kind = NODE_KINDS.get(kind)
    if not value or node_kind is None:
        return None
    return Node(node_id(node_kind, value), node_kind, raw.strip(), {"value": value})


def signatory_node(name: str) -> Node:
    """A person known only as someone who may operate accounts (their name as the bank wrote
    it); the same folded name on several accounts is one node."""
    key = normalise(SharedKind.SIGNATORY, name)
    return Node(
        node_id(NodeKind.PERSON, f"signatory:{key}"),
        NodeKind.PERSON,
        name.strip(),
        {"signatory": True},
    )


def record_node(record: LinkRecord) -> Node:
    kind = NodeKind.COMPANY if record.company else NodeKind.PERSON
    data: dict[str, Scalar] = {"source": record.source.value}
    for name, value in (
        ("name_khmer", record.name_khmer),
        ("date_of_birth", record.date_of_birth),
        ("nationality", record.nationality),
    ):
        if value:
            data[name] = value
    if record.case_id is not None:
        data["case_id"] = record.case_id
    return Node(record.key, kind, record.label, data)


def _edge(kind: EdgeKind, source: str, target: str, **data: Scalar) -> Edge:
    return Edge(f"{kind.value}:{source}->{target}", source, target, kind, data)


def record_graph(records: Iterable[LinkRecord]) -> Graph:
    """Nodes and edges of ``records`` (module docstring)."""
    nodes: list[Node] = []
    edges: list[Edge] = []
    for record in records:
        me = record_node(record)
        nodes.append(me)
        for account in record.accounts:
            acc = account_node(account)
            nodes.append(acc)
            edges.append(_edge(EdgeKind.HOLDS, me.id, acc.id))
            for name in record.signatories:
                sig = signatory_node(name)
                nodes.append(sig)
                edges.append(_edge(EdgeKind.SIGNATORY, sig.id, acc.id))
        for kind in NODE_KINDS:
            for raw in values_of(record, kind):
                ident = identifier_node(kind, raw)
                if ident is not None:
                    nodes.append(ident)
                    edges.append(_edge(EdgeKind.HAS, me.id, ident.id))
    return graph_of(nodes, edges)


def edge(kind: EdgeKind, source: str, target: str, **data: Scalar) -> Edge:
    """An edge with the id convention of this module (``kind:source->target``)."""
    return _edge(kind, source, target, **data)
