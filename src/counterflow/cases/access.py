"""Need-to-know: who may do what with a case, decided in one place.

A user's *relation* to a case is one of:

- ``lead``: their agency leads the case;
- ``contribute`` / ``read``: the case was shared with their agency in that scope, with a
  recorded legal basis, and the sharing is not revoked;
- ``oversight``: they are an auditor (read-only over every case, every read audited);
- ``none``.

Administrators (agency and system) manage people, not cases: their relation is always
``none``. What each relation and role may do is the table :data:`RULES`; the services ask
:func:`require`, and the tests walk the whole role × relation × action matrix.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ColumnElement, false, or_, select, true
from sqlalchemy.orm import Session

from counterflow.cases.models import Case, CaseShare
from counterflow.model.actor import Actor
from counterflow.model.codes import Role, ShareScope
from counterflow.model.errors import NotFoundError, PermissionDeniedError


class Relation(StrEnum):
    """How a user stands to a case."""

    LEAD = "lead"
    CONTRIBUTE = "contribute"
    READ = "read"
    OVERSIGHT = "oversight"
    NONE = "none"


class CaseAction(StrEnum):
    """What a user may ask to do with a case."""

    VIEW = "view"
    """Open the case and its persons, accounts, evidence and timeline."""
    CONTRIBUTE = "contribute"
    """Add notes, persons, identifiers, accounts, transactions, evidence; review hits."""
    EDIT = "edit"
    """Change the case's own fields (title, category, forms, venue, province)."""
    MANAGE = "manage"
    """Share with another agency, assign users, close."""


_WORKERS = frozenset({Role.INVESTIGATOR, Role.ANALYST, Role.SUPERVISOR})

RULES: dict[tuple[Relation, CaseAction], frozenset[Role]] = {
    (Relation.LEAD, CaseAction.VIEW): _WORKERS,
    (Relation.LEAD, CaseAction.CONTRIBUTE): _WORKERS,
    (Relation.LEAD, CaseAction.EDIT): frozenset({Role.INVESTIGATOR, Role.SUPERVISOR}),
    (Relation.LEAD, CaseAction.MANAGE): frozenset({Role.SUPERVISOR}),
    (Relation.CONTRIBUTE, CaseAction.VIEW): _WORKERS,
    (Relation.CONTRIBUTE, CaseAction.CONTRIBUTE): _WORKERS,
    (Relation.READ, CaseAction.VIEW): _WORKERS,
    (Relation.OVERSIGHT, CaseAction.VIEW): frozenset({Role.AUDITOR}),
}
"""(relation, action) → the roles allowed. Anything absent is refused."""


def relation(session: Session, actor: Actor, case: Case) -> Relation:
    """How ``actor`` stands to ``case`` (module docstring)."""
    if actor.is_admin:
        return Relation.NONE
    if actor.is_auditor:
        return Relation.OVERSIGHT
    if case.lead_agency_id == actor.agency_id:
        return Relation.LEAD
    scopes = set(
        session.scalars(
            select(CaseShare.scope).where(
                CaseShare.case_id == case.id,
                CaseShare.agency_id == actor.agency_id,
                CaseShare.revoked_at.is_(None),
            )
        )
    )
    if ShareScope.CONTRIBUTE in scopes:
        return Relation.CONTRIBUTE
    if ShareScope.READ in scopes:
        return Relation.READ
    return Relation.NONE


def allowed(rel: Relation, role: Role, action: CaseAction) -> bool:
    """Whether a ``role`` holding ``rel`` may do ``action`` (the :data:`RULES` table)."""
    return role in RULES.get((rel, action), frozenset())


def require(session: Session, actor: Actor, case: Case, action: CaseAction) -> Relation:
    """Return the actor's relation if they may do ``action``, else raise.

    A user with no relation at all gets :class:`NotFoundError`, so that case numbers cannot be
    probed; a user who may see the case but not do this gets :class:`PermissionDeniedError`.
    """
    rel = relation(session, actor, case)
    if allowed(rel, actor.role, action):
        return rel
    if rel is Relation.NONE or not allowed(rel, actor.role, CaseAction.VIEW):
        raise NotFoundError(f"no case {case.id}")
    raise PermissionDeniedError(
        f"a {actor.role.value} with {rel.value} access may not {action.value} this case"
    )


def load_case(
    session: Session, actor: Actor, case_id: int, action: CaseAction
) -> tuple[Case, Relation]:
    """The case ``case_id`` if ``actor`` may do ``action`` with it (see :func:`require`)."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(f"no case {case_id}")
    return case, require(session, actor, case, action)


def visible_clause(actor: Actor) -> ColumnElement[bool]:
    """A SQL condition on :class:`Case` that keeps the cases ``actor`` may view."""
    if actor.is_admin:
        return false()
    if actor.is_auditor:
        return true()
    if actor.role not in _WORKERS:
        return false()
    shared = select(CaseShare.case_id).where(
        CaseShare.agency_id == actor.agency_id, CaseShare.revoked_at.is_(None)
    )
    return or_(Case.lead_agency_id == actor.agency_id, Case.id.in_(shared))
