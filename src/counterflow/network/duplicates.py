"""Duplicate persons: entity resolution over case persons and account holders, and the
investigators' decisions on its candidates.

:func:`resolve_duplicates` runs :func:`counterflow.links.resolve` over every case person and
every holder and stores the pairs above the threshold (idempotent: a pair already stored is
re-scored, not duplicated). An investigator who may contribute to the case of one side
confirms or rejects a candidate with a reason; a decision is never edited, a new one
supersedes it, and every decision is audited. Candidates between two holders (bank data
only) are decided by the FIU. Nothing is merged in place: a confirmed candidate is a link
the graph shows, the records stay as their sources wrote them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.audit import AuditAction, record
from counterflow.auth import User
from counterflow.cases import Case, Person
from counterflow.cases.access import CaseAction, allowed, relation
from counterflow.links import DEFAULT_THRESHOLD, Candidate, resolve
from counterflow.model.actor import Actor
from counterflow.model.codes import Role
from counterflow.model.errors import InvalidFieldsError, NotFoundError, PermissionDeniedError
from counterflow.model.network import NodeKind
from counterflow.network.access import DECIDERS
from counterflow.network.codes import MergeVerdict
from counterflow.network.graphs import load_person, other_node
from counterflow.network.holders import FIU_CODE, holder_link_record
from counterflow.network.models import AccountHolder, DuplicateCandidate, MergeDecision
from counterflow.network.records import all_person_records, person_key
from counterflow.network.schemas import DecisionView, DuplicateView, WeightView


def _ids(key: str) -> tuple[int | None, int | None]:
    """``(person_id, holder_id)`` of a record key."""
    _, _, rest = key.partition(":")
    if rest.isdigit():
        return int(rest), None
    if rest.startswith("h") and rest[1:].isdigit():
        return None, int(rest[1:])
    raise ValueError(f"not a record key: {key}")


def _store(session: Session, found: list[Candidate], estimated: bool) -> int:
    existing = {(c.left_key, c.right_key): c for c in session.scalars(select(DuplicateCandidate))}
    now = datetime.now(UTC)
    new = 0
    for cand in found:
        row = existing.get((cand.left, cand.right))
        weights = [
            {"comparison": w.comparison, "level": w.level, "weight": w.weight} for w in cand.weights
        ]
        if row is None:
            lp, lh = _ids(cand.left)
            rp, rh = _ids(cand.right)
            row = DuplicateCandidate(
                left_key=cand.left,
                right_key=cand.right,
                left_person_id=lp,
                right_person_id=rp,
                left_holder_id=lh,
                right_holder_id=rh,
                created_at=now,
            )
            session.add(row)
            new += 1
        row.match_weight = cand.match_weight
        row.match_probability = cand.match_probability
        row.weights = weights
        row.estimated = estimated
        row.updated_at = now
    session.flush()
    return new


def resolve_duplicates(
    session: Session, *, actor: Actor | None, threshold: float = DEFAULT_THRESHOLD
) -> int:
    """Score every case person and holder against the others; store candidates at or above
    ``threshold``; return how many are new. Run by the system (``actor`` ``None``) or a
    system administrator: it reads every record but shows none, only the count."""
    if actor is not None and actor.role is not Role.SYSTEM_ADMIN:
        raise PermissionDeniedError("entity resolution runs as a system job")
    records = all_person_records(session)
    records += [holder_link_record(h) for h in session.scalars(select(AccountHolder))]
    result = resolve(records, threshold=threshold)
    new = _store(session, list(result.candidates), result.estimated)
    record(
        session,
        actor=actor,
        username=None if actor else "system",
        action=AuditAction.CREATE,
        object_type="duplicate_resolution",
        object_id="all",
        detail={
            "records": result.records,
            "candidates": len(result.candidates),
            "new": new,
            "estimated": result.estimated,
            "notes": list(result.notes),
        },
    )
    return new


def _history(session: Session, candidate_id: int) -> list[DecisionView]:
    return [
        DecisionView(
            id=d.id, decision=d.decision, reason=d.reason, username=u, decided_at=d.decided_at
        )
        for d, u in session.execute(
            select(MergeDecision, User.username)
            .join(User, User.id == MergeDecision.user_id)
            .where(MergeDecision.candidate_id == candidate_id)
            .order_by(MergeDecision.id)
        )
    ]


def _view(
    session: Session, actor: Actor, cand: DuplicateCandidate, key: str
) -> DuplicateView | None:
    other = other_node(session, actor, cand, key)
    if other is None:
        return None
    source = {
        NodeKind.HIDDEN_CASE: "hidden",
        NodeKind.PERSON: "case_person",
        NodeKind.COMPANY: "holder",
    }[other.kind]
    if other.kind is not NodeKind.HIDDEN_CASE and ":h" in other.id:
        source = "holder"
    history = _history(session, cand.id)
    return DuplicateView(
        id=cand.id,
        other_key=other.id,
        other_label=other.label,
        other_source=source,
        match_weight=cand.match_weight,
        match_probability=cand.match_probability,
        weights=[WeightView.model_validate(w) for w in cand.weights],
        estimated=cand.estimated,
        decision=history[-1] if history else None,
        history=history,
    )


def duplicate_candidates(session: Session, *, actor: Actor, person_id: int) -> list[DuplicateView]:
    """The candidates of a case person, strongest first (an audited read of the case)."""
    person = load_person(session, actor, person_id)
    key = person_key(person.id)
    rows = session.scalars(
        select(DuplicateCandidate)
        .where((DuplicateCandidate.left_key == key) | (DuplicateCandidate.right_key == key))
        .order_by(DuplicateCandidate.match_weight.desc(), DuplicateCandidate.id)
    )
    views = [v for v in (_view(session, actor, c, key) for c in rows) if v is not None]
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type="duplicate_candidates",
        object_id=person.id,
        case_id=person.case_id,
        detail={"shown": len(views)},
    )
    return views


def _deciding_case(session: Session, actor: Actor, cand: DuplicateCandidate) -> int | None:
    """The case on whose behalf the actor decides (one they may contribute to), ``None`` for
    a holder-holder pair decided by the FIU; NotFoundError if neither."""
    person_ids = [p for p in (cand.left_person_id, cand.right_person_id) if p is not None]
    seen_any = False
    for pid in person_ids:
        person = session.get(Person, pid)
        case = session.get(Case, person.case_id) if person else None
        if case is None:
            continue
        rel = relation(session, actor, case)
        if allowed(rel, actor.role, CaseAction.CONTRIBUTE):
            return case.id
        seen_any = seen_any or allowed(rel, actor.role, CaseAction.VIEW)
    if not person_ids and actor.agency_code == FIU_CODE and actor.role in DECIDERS:
        return None
    if seen_any:
        raise PermissionDeniedError("deciding needs contribute access to the person's case")
    raise NotFoundError(f"no duplicate candidate {cand.id}")


def decide_duplicate(
    session: Session, *, actor: Actor, candidate_id: int, decision: MergeVerdict, reason: str
) -> DecisionView:
    """Confirm or reject a candidate with a reason; supersedes any earlier decision."""
    if actor.role not in DECIDERS:
        if actor.is_auditor:
            raise PermissionDeniedError("auditors read decisions; they do not make them")
        raise NotFoundError(f"no duplicate candidate {candidate_id}")
    cand = session.get(DuplicateCandidate, candidate_id)
    if cand is None:
        raise NotFoundError(f"no duplicate candidate {candidate_id}")
    case_id = _deciding_case(session, actor, cand)
    reason = reason.strip()
    if len(reason) < 3:
        raise InvalidFieldsError({"reason": "say why (at least 3 characters)"})
    previous = session.scalar(
        select(MergeDecision.id)
        .where(MergeDecision.candidate_id == cand.id)
        .order_by(MergeDecision.id.desc())
        .limit(1)
    )
    row = MergeDecision(
        candidate_id=cand.id,
        decision=MergeVerdict(decision),
        reason=reason,
        user_id=actor.user_id,
        decided_at=datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    record(
        session,
        actor=actor,
        action=AuditAction.DECIDE,
        object_type="duplicate_candidate",
        object_id=cand.id,
        case_id=case_id,
        reason=reason,
        detail={"decision": row.decision.value, "supersedes": previous},
    )
    return DecisionView(
        id=row.id,
        decision=row.decision,
        reason=row.reason,
        username=actor.username,
        decided_at=row.decided_at,
    )
