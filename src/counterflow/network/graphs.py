"""The network around a case, an alert, a person, or one node to expand.

Every function here reads case data, so each call checks need-to-know and appends one
audit event (:mod:`.access`). Graphs are built from parts: a record's identifiers and
accounts, an account's holders, cases and alerts, and its largest flows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.alerts import TriageAlert
from counterflow.cases import Case, CaseAccount, Identifier, Person
from counterflow.cases.access import CaseAction, load_case
from counterflow.links import (
    SharedKind,
    account_node,
    edge,
    identifier_node,
    record_graph,
)
from counterflow.model.actor import Actor
from counterflow.model.codes import IdentifierKind, Role
from counterflow.model.errors import NotFoundError
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
from counterflow.network.access import case_or_hidden, visible_cases
from counterflow.network.holders import holder_key, holder_link_record
from counterflow.network.models import AccountHolder, DuplicateCandidate, MergeDecision
from counterflow.network.ports import FlowSource
from counterflow.network.records import person_key, person_records

FLOW_LIMIT = 10
"""Counterparties drawn per account when a graph is opened (expand asks for more)."""
EXPAND_FLOW_LIMIT = 25
_TRIAGERS = frozenset({Role.ANALYST, Role.INVESTIGATOR, Role.SUPERVISOR})
_IDENT_KINDS: dict[IdentifierKind, SharedKind] = {
    IdentifierKind.PHONE: SharedKind.PHONE,
    IdentifierKind.ID_DOCUMENT: SharedKind.ID_DOCUMENT,
    IdentifierKind.EMAIL: SharedKind.EMAIL,
    IdentifierKind.ADDRESS: SharedKind.ADDRESS,
}


@dataclass
class Parts:
    """Nodes and edges collected before :func:`graph_of` dedupes them."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def add(self, more: Graph | Parts) -> None:
        """Take ``more``'s nodes and edges (a :class:`Parts` keeps edges whose ends are
        elsewhere, such as a ``SAME_AS`` from a node this one does not hold)."""
        self.nodes.extend(more.nodes)
        self.edges.extend(more.edges)

    def graph(self) -> Graph:
        return graph_of(self.nodes, self.edges)


def person_node(p: Person) -> Node:
    data: dict[str, Scalar] = {"source": "case_person", "role": p.role.value, "case_id": p.case_id}
    for name, value in (
        ("name_khmer", p.name_khmer),
        ("date_of_birth", p.date_of_birth),
        ("nationality", p.nationality),
    ):
        if value:
            data[name] = value
    return Node(person_key(p.id), NodeKind.PERSON, p.name_latin or p.name_khmer, data)


def alert_visible(actor: Actor, alert: TriageAlert) -> bool:
    """The alert slice's rule: its agency's triagers, and auditors."""
    return actor.is_auditor or (
        actor.role in _TRIAGERS and alert.owner_agency_id == actor.agency_id
    )


def alert_node(alert: TriageAlert) -> Node:
    return Node(
        node_id(NodeKind.ALERT, alert.id),
        NodeKind.ALERT,
        f"{alert.typology} {alert.score:.2f}",
        {"typology": alert.typology, "score": alert.score, "status": alert.status.value},
    )


def holder_node_parts(rows: Iterable[AccountHolder]) -> Graph:
    return record_graph(holder_link_record(r) for r in rows)


def persons_parts(session: Session, actor: Actor, persons: list[Person]) -> Parts:
    """Persons (of cases the actor may view), their identifiers and accounts."""
    parts = Parts()
    for p, rec in zip(persons, person_records(session, persons), strict=True):
        parts.nodes.append(person_node(p))
        parts.add(record_graph([rec]))
    return parts


def account_parts(
    session: Session,
    actor: Actor,
    accounts: set[str],
    flows: FlowSource | None,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    flow_limit: int = FLOW_LIMIT,
) -> Parts:
    """For each account: its node, holders and signatories, the cases naming it (hidden
    when the actor may not see them), the actor's alerts naming it, its largest flows."""
    parts = Parts()
    if not accounts:
        return parts
    parts.nodes.extend(account_node(a) for a in sorted(accounts))
    holders = list(
        session.scalars(select(AccountHolder).where(AccountHolder.account.in_(accounts)))
    )
    parts.add(holder_node_parts(holders))
    links = list(session.scalars(select(CaseAccount).where(CaseAccount.account.in_(accounts))))
    cases = {
        c.id: c
        for c in session.scalars(select(Case).where(Case.id.in_({x.case_id for x in links})))
    }
    visible = visible_cases(session, actor, cases)
    for link in links:
        node = case_or_hidden(session, actor, cases[link.case_id], visible)
        parts.nodes.append(node)
        acc = node_id(NodeKind.ACCOUNT, link.account)
        parts.edges.append(edge(EdgeKind.IN_CASE, acc, node.id))
    alerts = select(TriageAlert)
    if not actor.is_auditor:
        alerts = alerts.where(TriageAlert.owner_agency_id == actor.agency_id)
    if actor.is_auditor or actor.role in _TRIAGERS:
        for alert in session.scalars(alerts):
            named = accounts.intersection(alert.accounts)
            if named:
                parts.nodes.append(alert_node(alert))
                for a in named:
                    parts.edges.append(
                        edge(
                            EdgeKind.FLAGGED,
                            node_id(NodeKind.ALERT, alert.id),
                            node_id(NodeKind.ACCOUNT, a),
                        )
                    )
    if flows is not None:
        for a in sorted(accounts):
            parts.add(flow_parts(flows, a, start=start, end=end, limit=flow_limit))
    return parts


def flow_parts(
    flows: FlowSource,
    account: str,
    *,
    start: datetime | None,
    end: datetime | None,
    limit: int,
) -> Graph:
    """The account's largest counterparties as ``FLOW`` edges with amounts and dates."""
    if not flows.has(account):
        return Graph()
    nodes: list[Node] = [account_node(account)]
    edges: list[Edge] = []
    for pf in flows.counterparties(account, start=start, end=end, limit=limit):
        nodes.extend((account_node(pf.src), account_node(pf.dst)))
        src, dst = node_id(NodeKind.ACCOUNT, pf.src), node_id(NodeKind.ACCOUNT, pf.dst)
        edges.append(
            edge(
                EdgeKind.FLOW,
                src,
                dst,
                amount_usd=round(float(pf.amount_usd), 2),
                count=int(pf.count),
                first_ts=pf.first_ts.isoformat(),
                last_ts=pf.last_ts.isoformat(),
            )
        )
    return graph_of(nodes, edges)


def _latest_decisions(session: Session, ids: list[int]) -> dict[int, MergeDecision]:
    latest: dict[int, MergeDecision] = {}
    if ids:
        for d in session.scalars(
            select(MergeDecision)
            .where(MergeDecision.candidate_id.in_(ids))
            .order_by(MergeDecision.id)
        ):
            latest[d.candidate_id] = d
    return latest


def same_as_parts(session: Session, actor: Actor, key: str) -> Parts:
    """Duplicate candidates of one record as ``SAME_AS`` edges; the other side is a person
    or holder node, or the hidden-case node of a case the actor may not see."""
    parts = Parts()
    found = list(
        session.scalars(
            select(DuplicateCandidate).where(
                (DuplicateCandidate.left_key == key) | (DuplicateCandidate.right_key == key)
            )
        )
    )
    decisions = _latest_decisions(session, [c.id for c in found])
    for cand in found:
        other = other_node(session, actor, cand, key)
        if other is None:
            continue
        parts.nodes.append(other)
        d = decisions.get(cand.id)
        parts.edges.append(
            edge(
                EdgeKind.SAME_AS,
                key,
                other.id,
                candidate_id=cand.id,
                weight=round(cand.match_weight, 2),
                probability=round(cand.match_probability, 4),
                decision=d.decision.value if d else None,
            )
        )
    return parts


def other_node(session: Session, actor: Actor, cand: DuplicateCandidate, key: str) -> Node | None:
    """The other side of a candidate as the actor may see it."""
    left = cand.left_key != key
    person_id = cand.left_person_id if left else cand.right_person_id
    holder_id = cand.left_holder_id if left else cand.right_holder_id
    if person_id is not None:
        person = session.get(Person, person_id)
        if person is None:
            return None
        case = session.get(Case, person.case_id)
        assert case is not None
        if visible_cases(session, actor, [case.id]):
            return person_node(person)
        return case_or_hidden(session, actor, case, set())
    if holder_id is not None:
        holder = session.get(AccountHolder, holder_id)
        return None if holder is None else holder_node_parts([holder]).node(holder_key(holder))
    return None


def identifier_parts(session: Session, actor: Actor, kind: SharedKind, value: str) -> Parts:
    """Who carries one identifier: persons of visible cases, hidden-case nodes for the
    others, and account holders."""
    parts = Parts()
    ident_kind = next((k for k, v in _IDENT_KINDS.items() if v is kind), None)
    if ident_kind is None:
        return parts
    me = identifier_node(kind, value)
    if me is None:
        return parts
    parts.nodes.append(me)
    rows = list(
        session.scalars(
            select(Identifier).where(Identifier.kind == ident_kind, Identifier.value == value)
        )
    )
    cases = {
        c.id: c for c in session.scalars(select(Case).where(Case.id.in_({r.case_id for r in rows})))
    }
    visible = visible_cases(session, actor, cases)
    seen_people = [r.person_id for r in rows if r.person_id is not None and r.case_id in visible]
    people = list(session.scalars(select(Person).where(Person.id.in_(seen_people))))
    parts.nodes.extend(person_node(p) for p in people)
    parts.edges.extend(edge(EdgeKind.HAS, person_key(p.id), me.id) for p in people)
    for r in rows:
        if r.case_id not in visible:
            hidden = case_or_hidden(session, actor, cases[r.case_id], visible)
            parts.nodes.append(hidden)
            parts.edges.append(edge(EdgeKind.IN_CASE, me.id, hidden.id))
    column = {
        SharedKind.PHONE: AccountHolder.phone_norm,
        SharedKind.ID_DOCUMENT: AccountHolder.document_norm,
        SharedKind.EMAIL: AccountHolder.email_norm,
        SharedKind.ADDRESS: AccountHolder.address_norm,
    }[kind]
    parts.add(holder_node_parts(session.scalars(select(AccountHolder).where(column == value))))
    return parts


def case_parts(session: Session, actor: Actor, case: Case) -> tuple[Parts, set[str]]:
    """A viewable case: its node, persons with identifiers and accounts, linked accounts."""
    parts = Parts()
    me = case_or_hidden(session, actor, case, {case.id})
    parts.nodes.append(me)
    persons = list(
        session.scalars(select(Person).where(Person.case_id == case.id).order_by(Person.id))
    )
    parts.add(persons_parts(session, actor, persons))
    parts.edges.extend(edge(EdgeKind.IN_CASE, person_key(p.id), me.id) for p in persons)
    accounts = set(
        session.scalars(select(CaseAccount.account).where(CaseAccount.case_id == case.id))
    )
    for ident in session.scalars(
        select(Identifier).where(
            Identifier.case_id == case.id, Identifier.kind == IdentifierKind.ACCOUNT
        )
    ):
        accounts.add(ident.shown)
    return parts, accounts


def load_person(session: Session, actor: Actor, person_id: int) -> Person:
    """A person whose case the actor may view (NotFoundError otherwise)."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"no person {person_id}")
    load_case(session, actor, person.case_id, CaseAction.VIEW)
    return person
