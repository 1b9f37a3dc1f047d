"""The network an investigator looks at: entities as nodes, relations as edges.

Link analysis (who holds which account, which phone sits on whose file, where the money went)
is a graph problem, and every part of the platform that draws, extends or exports such a
graph speaks this one vocabulary: the link-analysis core builds it, the network slice filters
it by need-to-know, the web page draws it with cytoscape.js and the exporters write it as
GraphML or FollowTheMoney (FtM) entities.

Node ids are stable, typed strings (``"person:12"``, ``"account:KH0012"``, ``"phone:+85512345678"``,
``"case:7"``, ``"alert:A-3"``), so two graphs built at different times merge by id and a
page can ask to expand a node it was given earlier. Values in ``data`` are plain JSON scalars:
the graph crosses the wire and lands in files.

FtM's schemata (Person, BankAccount, Payment, Ownership, ...) inspired the kinds below; see
https://followthemoney.tech/explorer/ for the model the exporters map onto.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

Scalar = str | int | float | bool | None


class NodeKind(StrEnum):
    """What a node stands for."""

    PERSON = "person"  # a person record in a case, or an account holder
    COMPANY = "company"  # a legal entity holding accounts (employer, front business)
    ACCOUNT = "account"  # a bank or wallet account, as named in the transaction store
    PHONE = "phone"
    ID_DOCUMENT = "id_document"
    EMAIL = "email"
    ADDRESS = "address"
    CASE = "case"  # a case the viewer may see
    HIDDEN_CASE = "hidden_case"  # a case held by another agency: its agency and contact only
    ALERT = "alert"  # a monitoring alert


class EdgeKind(StrEnum):
    """How two nodes are related; ``source -> target`` reads as the phrase in the comment."""

    IN_CASE = "in_case"  # person / account -> case: recorded in the case
    HOLDS = "holds"  # person / company -> account: account holder
    SIGNATORY = "signatory"  # person -> account: may operate an account held by someone else
    HAS = "has"  # person / company -> phone, document, e-mail or address
    FLOW = "flow"  # account -> account: money transferred (aggregated per pair)
    FLAGGED = "flagged"  # alert -> account: the alert names the account
    SAME_AS = "same_as"  # person -> person: a possible or confirmed duplicate record


@dataclass(frozen=True, slots=True)
class Node:
    """One entity. ``label`` is what the page prints; ``data`` carries the details."""

    id: str
    kind: NodeKind
    label: str
    data: Mapping[str, Scalar] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Edge:
    """One relation. For ``FLOW`` edges ``data`` holds ``amount_usd``, ``count``,
    ``first_ts`` and ``last_ts`` (ISO 8601, UTC); for ``SAME_AS`` the match ``weight`` and
    the investigator's ``decision`` when there is one."""

    id: str
    source: str
    target: str
    kind: EdgeKind
    data: Mapping[str, Scalar] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Graph:
    """Nodes and edges; every edge's ends are among the nodes."""

    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()

    def merge(self, *others: Graph) -> Graph:
        """Union by id; on a clash the first graph's node or edge wins."""
        return graph_of(
            [n for g in (self, *others) for n in g.nodes],
            [e for g in (self, *others) for e in g.edges],
        )

    def node(self, node_id: str) -> Node | None:
        """The node with that id, if present."""
        return next((n for n in self.nodes if n.id == node_id), None)


def graph_of(nodes: Iterable[Node], edges: Iterable[Edge]) -> Graph:
    """A :class:`Graph` with duplicates removed (first wins) and dangling edges dropped."""
    by_id: dict[str, Node] = {}
    for n in nodes:
        by_id.setdefault(n.id, n)
    kept: dict[str, Edge] = {}
    for e in edges:
        if e.source in by_id and e.target in by_id:
            kept.setdefault(e.id, e)
    return Graph(tuple(by_id.values()), tuple(kept.values()))


def node_id(kind: NodeKind, key: str | int) -> str:
    """The stable id of an entity: ``"<kind>:<key>"``."""
    return f"{kind.value}:{key}"
