"""The network view's services: graphs of a case, an alert or a person, expanding a node,
and tracing money from a node.

Keyword-only functions taking a Session and an Actor, as in every slice; they never commit.
Each call is a read of case data and appends one audit event. Who sees what is decided by
:mod:`counterflow.cases.access` (cases) and the alert slice's rule (alerts); other agencies'
cases appear only as hidden-case nodes (:mod:`.access`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.agencies import Agency
from counterflow.alerts import TriageAlert
from counterflow.audit import AuditAction, record
from counterflow.cases import Case, CaseAccount, Identifier, Person
from counterflow.cases.access import CaseAction, load_case
from counterflow.links import SharedKind, edge, normalise
from counterflow.model.actor import Actor
from counterflow.model.codes import IdentifierKind
from counterflow.model.errors import NotFoundError
from counterflow.model.network import EdgeKind, Graph, NodeKind, node_id
from counterflow.network.access import (
    case_node,
    hidden_case_node,
    require_reader,
    visible_cases,
)
from counterflow.network.graphs import (
    EXPAND_FLOW_LIMIT,
    Parts,
    account_parts,
    alert_node,
    alert_visible,
    case_parts,
    holder_node_parts,
    identifier_parts,
    load_person,
    persons_parts,
    same_as_parts,
)
from counterflow.network.models import AccountHolder
from counterflow.network.ports import FlowSource
from counterflow.network.records import person_key, person_records
from counterflow.trace import TraceQuery, TraceResult

_IDENTIFIER_NODES: dict[NodeKind, SharedKind] = {
    NodeKind.PHONE: SharedKind.PHONE,
    NodeKind.ID_DOCUMENT: SharedKind.ID_DOCUMENT,
    NodeKind.EMAIL: SharedKind.EMAIL,
    NodeKind.ADDRESS: SharedKind.ADDRESS,
}


def _audit(
    session: Session,
    actor: Actor,
    object_type: str,
    object_id: str,
    case_id: int | None,
    graph: Graph,
) -> None:
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type=object_type,
        object_id=object_id[:64],
        case_id=case_id,
        detail={"nodes": len(graph.nodes), "edges": len(graph.edges)},
    )


def case_graph(session: Session, *, actor: Actor, case_id: int, flows: FlowSource | None) -> Graph:
    """A case: its persons, their identifiers and accounts, the case's accounts with their
    holders, other cases and alerts naming them, and their largest flows."""
    case, _ = load_case(session, actor, case_id, CaseAction.VIEW)
    parts, accounts = case_parts(session, actor, case)
    accounts |= _person_accounts(parts)
    parts.add(account_parts(session, actor, accounts, flows))
    me = node_id(NodeKind.CASE, case.id)
    parts.edges.extend(
        edge(EdgeKind.IN_CASE, node_id(NodeKind.ACCOUNT, a), me)
        for a in session.scalars(select(CaseAccount.account).where(CaseAccount.case_id == case.id))
    )
    graph = parts.graph()
    _audit(session, actor, "network", me, case.id, graph)
    return graph


def _person_accounts(parts: Parts) -> set[str]:
    return {n.label for n in parts.nodes if n.kind is NodeKind.ACCOUNT}


def alert_graph(
    session: Session, *, actor: Actor, alert_id: int, flows: FlowSource | None
) -> Graph:
    """An alert: the accounts it names, their holders, cases, other alerts and flows."""
    alert = session.get(TriageAlert, alert_id)
    if alert is None or not alert_visible(actor, alert):
        raise NotFoundError(f"no alert {alert_id}")
    me = alert_node(alert)
    accounts = set(alert.accounts)
    parts = account_parts(session, actor, accounts, flows)
    parts.nodes.append(me)
    parts.edges.extend(
        edge(EdgeKind.FLAGGED, me.id, node_id(NodeKind.ACCOUNT, a)) for a in sorted(accounts)
    )
    graph = parts.graph()
    _audit(session, actor, "network", me.id, alert.case_id, graph)
    return graph


def _person_parts(
    session: Session, actor: Actor, person: Person, flows: FlowSource | None
) -> Parts:
    case = session.get(Case, person.case_id)
    assert case is not None
    parts = Parts()
    parts.add(case_parts_for_person(session, actor, person, case))
    accounts = _person_accounts(parts)
    parts.add(account_parts(session, actor, accounts, flows))
    parts.add(same_as_parts(session, actor, person_key(person.id)))
    return parts


def case_parts_for_person(session: Session, actor: Actor, person: Person, case: Case) -> Graph:
    parts = persons_parts(session, actor, [person])
    me = case_node(case)
    parts.nodes.append(me)
    parts.edges.append(edge(EdgeKind.IN_CASE, person_key(person.id), me.id))
    return parts.graph()


def person_graph(
    session: Session, *, actor: Actor, person_id: int, flows: FlowSource | None
) -> Graph:
    """A case person: identifiers, accounts (with holders, cases, alerts, flows), their
    case, and duplicate candidates as ``SAME_AS`` edges."""
    person = load_person(session, actor, person_id)
    graph = _person_parts(session, actor, person, flows).graph()
    _audit(session, actor, "network", person_key(person.id), person.case_id, graph)
    return graph


def _holder(session: Session, key: str) -> AccountHolder:
    holder = None
    if key.startswith("h") and key[1:].isdigit():
        holder = session.get(AccountHolder, int(key[1:]))
    if holder is None:
        raise NotFoundError(f"no account holder {key}")
    return holder


def expand(
    session: Session,
    *,
    actor: Actor,
    node_id: str,
    flows: FlowSource | None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> Graph:
    """The neighbours of one node (module docstring of :mod:`counterflow.network`)."""
    require_reader(actor)
    kind_text, _, key = node_id.partition(":")
    try:
        kind = NodeKind(kind_text)
    except ValueError:
        raise NotFoundError(f"no node {node_id}") from None
    case_id: int | None = None
    parts = Parts()
    if kind is NodeKind.ACCOUNT and key:
        parts = account_parts(
            session, actor, {key}, flows, start=start, end=end, flow_limit=EXPAND_FLOW_LIMIT
        )
    elif kind in _IDENTIFIER_NODES and key:
        parts = identifier_parts(session, actor, _IDENTIFIER_NODES[kind], key)
    elif kind is NodeKind.CASE and key.isdigit():
        case, _ = load_case(session, actor, int(key), CaseAction.VIEW)
        parts, accounts = case_parts(session, actor, case)
        parts.add(account_parts(session, actor, accounts, None))
        case_id = case.id
    elif kind is NodeKind.ALERT and key.isdigit():
        return alert_graph(session, actor=actor, alert_id=int(key), flows=flows)
    elif kind is NodeKind.PERSON and key.isdigit():
        person = load_person(session, actor, int(key))
        parts = _person_parts(session, actor, person, flows)
        case_id = person.case_id
    elif kind is NodeKind.PERSON and key.startswith("signatory:"):
        parts = _signatory_parts(session, actor, key.removeprefix("signatory:"), flows)
    elif kind in (NodeKind.PERSON, NodeKind.COMPANY):
        holder = _holder(session, key)
        parts.add(holder_node_parts([holder]))
        parts.add(account_parts(session, actor, {holder.account}, flows))
        parts.add(same_as_parts(session, actor, node_id))
    elif kind is NodeKind.HIDDEN_CASE:
        parts.nodes.append(hidden_case_node(session, _agency_id(session, key)))
    else:
        raise NotFoundError(f"no node {node_id}")
    graph = parts.graph()
    _audit(session, actor, "network_node", node_id, case_id, graph)
    return graph


def _agency_id(session: Session, code: str) -> int:
    found = session.scalar(select(Agency.id).where(Agency.code == code))
    if found is None:
        raise NotFoundError(f"no agency {code}")
    return found


def _signatory_parts(session: Session, actor: Actor, name: str, flows: FlowSource | None) -> Parts:
    rows = [
        h
        for h in session.scalars(select(AccountHolder).where(AccountHolder.signatory != ""))
        if normalise(SharedKind.SIGNATORY, h.signatory) == name
    ]
    parts = Parts()
    parts.add(holder_node_parts(rows))
    return parts


def _seeds(session: Session, actor: Actor, node: str) -> tuple[list[str], int | None]:
    kind_text, _, key = node.partition(":")
    if kind_text == NodeKind.ACCOUNT.value and key:
        return [key], None
    if kind_text == NodeKind.CASE.value and key.isdigit():
        case, _ = load_case(session, actor, int(key), CaseAction.VIEW)
        accounts = list(
            session.scalars(select(CaseAccount.account).where(CaseAccount.case_id == case.id))
        )
        accounts += [
            i.shown
            for i in session.scalars(
                select(Identifier).where(
                    Identifier.case_id == case.id, Identifier.kind == IdentifierKind.ACCOUNT
                )
            )
        ]
        return list(dict.fromkeys(accounts)), case.id
    if kind_text == NodeKind.PERSON.value and key.isdigit():
        person = load_person(session, actor, int(key))
        (rec,) = person_records(session, [person])
        return list(rec.accounts), person.case_id
    if kind_text in (NodeKind.PERSON.value, NodeKind.COMPANY.value):
        return [_holder(session, key).account], None
    raise NotFoundError(f"cannot trace from {node}")


def case_account_labels(session: Session, actor: Actor) -> dict[str, tuple[str, ...]]:
    """Every account named in a case → the labels of those cases as the actor may see
    them: the reference, or "case held by <agency> — contact <whom>"."""
    links = list(
        session.execute(
            select(CaseAccount.account, Case).join(Case, Case.id == CaseAccount.case_id)
        )
    )
    visible = visible_cases(session, actor, {c.id for _, c in links})
    hidden: dict[int, str] = {}
    labels: dict[str, list[str]] = {}
    for account, case in links:
        if case.id in visible:
            label = case.reference
        else:
            if case.lead_agency_id not in hidden:
                hidden[case.lead_agency_id] = hidden_case_node(session, case.lead_agency_id).label
            label = hidden[case.lead_agency_id]
        labels.setdefault(account, [])
        if label not in labels[account]:
            labels[account].append(label)
    return {a: tuple(v) for a, v in labels.items()}


def trace_from(
    session: Session, *, actor: Actor, node_id: str, query: TraceQuery, flows: FlowSource
) -> TraceResult:
    """Follow the money from a node: an account, or the accounts of a person, a holder or a
    case (``query.accounts`` is replaced by those seeds). Cases the money reaches are
    labelled as the actor may see them. An audited read."""
    require_reader(actor)
    seeds, case_id = _seeds(session, actor, node_id)
    if not seeds:
        raise NotFoundError(f"{node_id} has no account to trace from")
    result = flows.trace(
        replace(query, accounts=tuple(seeds)), case_accounts=case_account_labels(session, actor)
    )
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type="trace",
        object_id=node_id[:64],
        case_id=case_id,
        detail={
            "seeds": len(seeds),
            "direction": query.direction.value,
            "hops": query.hops,
            "edges": len(result.edges),
        },
    )
    return result
