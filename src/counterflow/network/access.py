"""Who sees what of the network: need-to-know applied to nodes.

The rules are the case slice's (:mod:`counterflow.cases.access`): a case is shown to those
who may view it; any other case that names the same account, phone or document appears only
as "case held by <agency> — contact <whom>", never with its reference, title, persons or
content, so that the overlap leads to a phone call and the content moves only by a sharing
decision (the deconfliction practice of joint investigation teams, Eurojust/Europol 2021).

Account holders (bank KYC records the FIU disseminates) are shown to case workers
(investigators, analysts, supervisors) and auditors. Administrators manage people, not
cases: they see no network at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.agencies import Agency
from counterflow.auth import User
from counterflow.cases import Case
from counterflow.cases.access import visible_clause
from counterflow.model.actor import Actor
from counterflow.model.codes import Role
from counterflow.model.errors import PermissionDeniedError
from counterflow.model.network import Node, NodeKind, node_id

READERS = frozenset({Role.INVESTIGATOR, Role.ANALYST, Role.SUPERVISOR, Role.AUDITOR})
DECIDERS = frozenset({Role.INVESTIGATOR, Role.ANALYST, Role.SUPERVISOR})


def require_reader(actor: Actor) -> None:
    """Case workers and auditors read the network; nobody else."""
    if actor.role not in READERS:
        raise PermissionDeniedError(
            f"a {actor.role.value} does not read the network (case workers and auditors do)"
        )


def visible_cases(session: Session, actor: Actor, case_ids: Iterable[int]) -> set[int]:
    """Which of ``case_ids`` the actor may view."""
    ids = set(case_ids)
    if not ids:
        return set()
    return set(session.scalars(select(Case.id).where(Case.id.in_(ids), visible_clause(actor))))


def _contact(session: Session, agency: Agency) -> str:
    supervisor = session.scalars(
        select(User.display_name)
        .where(User.agency_id == agency.id, User.role == Role.SUPERVISOR, User.is_active)
        .order_by(User.id)
    ).first()
    parts = [p for p in (supervisor, agency.contact) if p]
    return ", ".join(parts) if parts else f"the {agency.code} duty desk"


def hidden_case_node(session: Session, agency_id: int) -> Node:
    """The node standing for the cases of one agency the viewer may not see (one node per
    agency, keyed by its code: no case number, reference or title is given away)."""
    agency = session.get(Agency, agency_id)
    if agency is None:  # pragma: no cover - a foreign key guarantees it
        raise LookupError(f"no agency {agency_id}")
    contact = _contact(session, agency)
    return Node(
        node_id(NodeKind.HIDDEN_CASE, agency.code),
        NodeKind.HIDDEN_CASE,
        f"case held by {agency.name} — contact {contact}",
        {"agency": agency.code, "agency_name": agency.name, "contact": contact},
    )


def case_node(case: Case) -> Node:
    return Node(
        node_id(NodeKind.CASE, case.id),
        NodeKind.CASE,
        f"{case.reference} {case.title}",
        {
            "reference": case.reference,
            "title": case.title,
            "status": case.status.value,
            "category": case.category.value,
        },
    )


def case_or_hidden(session: Session, actor: Actor, case: Case, visible: set[int]) -> Node:
    """The case's node if the actor may view it, else its agency's hidden-case node."""
    if case.id in visible:
        return case_node(case)
    return hidden_case_node(session, case.lead_agency_id)
