"""Shared identifiers on the platform: phones, documents, e-mails, addresses and
signatories found on several case persons or account holders (FATF-APG red flags)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.audit import AuditAction, record
from counterflow.cases import Case, Person
from counterflow.cases.access import visible_clause
from counterflow.links import SharedKind
from counterflow.links import shared_identifiers as find_shared
from counterflow.model.actor import Actor
from counterflow.network.access import require_reader
from counterflow.network.holders import holder_link_record
from counterflow.network.models import AccountHolder
from counterflow.network.records import person_records


@dataclass(frozen=True, slots=True)
class SharedView:
    kind: SharedKind
    value: str
    shown: str
    people: int
    """Records carrying it (case persons the viewer may see, and holders)."""
    accounts: tuple[str, ...]


def shared_identifiers(
    session: Session, *, actor: Actor | None, min_records: int = 3, limit: int = 100
) -> list[SharedView]:
    """The most shared identifiers over holders and the case persons the actor may see
    (all of them for the system, ``actor`` ``None``: the CLI on the server). Audited."""
    stmt = select(Person).order_by(Person.id)
    if actor is not None:
        require_reader(actor)
        stmt = stmt.join(Case, Case.id == Person.case_id).where(visible_clause(actor))
    records = person_records(session, session.scalars(stmt))
    records += [holder_link_record(h) for h in session.scalars(select(AccountHolder))]
    found = find_shared(records, min_records=min_records)[:limit]
    record(
        session,
        actor=actor,
        username=None if actor else "system",
        action=AuditAction.READ,
        object_type="shared_identifiers",
        object_id="all",
        detail={"shown": len(found), "min_records": min_records},
    )
    return [SharedView(s.kind, s.value, s.shown, s.people, s.accounts) for s in found]
