"""Cases: open, list, read, edit, move through the justice pipeline, share, assign, note.

Every function takes the :class:`Actor` and checks need-to-know first (:mod:`.access`);
every read and write of case data appends an audit event in the same transaction. Services
flush and never commit: the request or command boundary commits, so the change and its
audit event land together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counterflow.agencies import Agency, agency_by_code, agency_of_kind
from counterflow.audit import AuditAction, record
from counterflow.auth import User
from counterflow.cases.access import CaseAction, Relation, load_case, visible_clause
from counterflow.cases.models import Case, CaseAssignment, CaseShare, TimelineEntry
from counterflow.cases.schemas import CaseIn, NoteIn, ShareIn
from counterflow.model.actor import Actor
from counterflow.model.codes import AgencyKind, CaseCategory, CaseStatus, Role, ShareScope
from counterflow.model.errors import (
    ConflictError,
    InvalidFieldsError,
    NotFoundError,
    PermissionDeniedError,
)

_S = CaseStatus

TRANSITIONS: dict[tuple[CaseStatus, CaseStatus], tuple[str, frozenset[Role]]] = {
    (_S.REPORTED, _S.INVESTIGATING): ("lead", frozenset({Role.INVESTIGATOR, Role.SUPERVISOR})),
    (_S.INVESTIGATING, _S.SENT_TO_PROSECUTION): ("lead", frozenset({Role.SUPERVISOR})),
    (_S.SENT_TO_PROSECUTION, _S.IN_COURT): (
        "prosecution",
        frozenset({Role.INVESTIGATOR, Role.SUPERVISOR}),
    ),
    (_S.SENT_TO_PROSECUTION, _S.INVESTIGATING): ("prosecution", frozenset({Role.SUPERVISOR})),
    (_S.IN_COURT, _S.CLOSED): ("prosecution", frozenset({Role.SUPERVISOR})),
    (_S.REPORTED, _S.CLOSED): ("lead", frozenset({Role.SUPERVISOR})),
    (_S.INVESTIGATING, _S.CLOSED): ("lead", frozenset({Role.SUPERVISOR})),
}
"""The status workflow: (from, to) → (whose move: the lead agency's or the prosecution
office's, and which of its roles). Sending to prosecution shares the case with the
prosecution office; the prosecutor takes it to court, sends it back, or closes it after
the verdict; only a lead supervisor closes a case before prosecution, with a reason."""


def _now() -> datetime:
    return datetime.now(UTC)


def _timeline(
    session: Session, actor: Actor, case: Case, kind: str, text: str, **data: Any
) -> None:
    session.add(
        TimelineEntry(
            case_id=case.id, at=_now(), user_id=actor.user_id, kind=kind, text=text, data=data
        )
    )


def _case_fields(case: Case) -> dict[str, Any]:
    return {
        "title": case.title,
        "category": case.category.value,
        "exploitation_forms": list(case.exploitation_forms),
        "venue": case.venue,
        "province": case.province,
        "cross_border": case.cross_border,
    }


def create_case(session: Session, *, actor: Actor, data: CaseIn) -> Case:
    """Open a case led by the actor's agency (investigators, analysts, supervisors)."""
    if actor.role not in (Role.INVESTIGATOR, Role.ANALYST, Role.SUPERVISOR):
        raise PermissionDeniedError(f"a {actor.role.value} does not open cases")
    now = _now()
    reported = data.reported_on or now
    if reported.tzinfo is None:
        raise InvalidFieldsError({"reported_on": "give a time zone (UTC)"})
    _check_category(data)
    year = reported.year
    prefix = f"{actor.agency_code}-{year}-"
    count = (
        session.scalar(
            select(func.count()).select_from(Case).where(Case.reference.like(prefix + "%"))
        )
        or 0
    )
    case = Case(
        reference=f"{prefix}{count + 1:05d}",
        title=data.title,
        summary=data.summary,
        category=data.category,
        status=CaseStatus.REPORTED,
        lead_agency_id=actor.agency_id,
        exploitation_forms=[f.value for f in data.exploitation_forms],
        venue=data.venue.value if data.venue else None,
        province=data.province,
        cross_border=data.cross_border,
        reported_on=reported,
        foreign_suspect=False,
        same_foreign_nationality=False,
        created_by=actor.user_id,
        created_at=now,
        updated_at=now,
    )
    session.add(case)
    session.flush()
    session.add(
        CaseAssignment(
            case_id=case.id, user_id=actor.user_id, assigned_by=actor.user_id, assigned_at=now
        )
    )
    _timeline(session, actor, case, "created", f"case opened as {case.category.value}")
    record(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        object_type="case",
        object_id=case.id,
        case_id=case.id,
        detail=_case_fields(case),
    )
    return case


def _check_category(data: CaseIn) -> None:
    if data.category is CaseCategory.MONEY_LAUNDERING and data.exploitation_forms:
        raise InvalidFieldsError(
            {"exploitation_forms": "a laundering case has no form of exploitation"}
        )


def update_case(session: Session, *, actor: Actor, case_id: int, data: CaseIn) -> Case:
    """Change a case's own fields (lead investigators and supervisors); audits old → new."""
    case, _ = load_case(session, actor, case_id, CaseAction.EDIT)
    _check_category(data)
    before = _case_fields(case)
    case.title, case.summary, case.category = data.title, data.summary, data.category
    case.exploitation_forms = [f.value for f in data.exploitation_forms]
    case.venue = data.venue.value if data.venue else None
    case.province, case.cross_border = data.province, data.cross_border
    case.updated_at = _now()
    after = _case_fields(case)
    changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if changed:
        _timeline(session, actor, case, "edited", "changed " + ", ".join(sorted(changed)))
    record(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="case",
        object_id=case.id,
        case_id=case.id,
        detail={"changed": changed},
    )
    return case


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """A row of the case list."""

    case: Case
    lead_agency: str
    relation: Relation


def list_cases(
    session: Session,
    *,
    actor: Actor,
    status: CaseStatus | None = None,
    category: CaseCategory | None = None,
    foreign_suspect: bool | None = None,
    same_foreign_nationality: bool | None = None,
    text: str = "",
    limit: int = 200,
) -> list[CaseSummary]:
    """The cases the actor may see, newest first, optionally filtered. The list itself is
    audited (which filters, which cases were shown)."""
    stmt = (
        select(Case, Agency.code)
        .join(Agency, Agency.id == Case.lead_agency_id)
        .where(visible_clause(actor))
    )
    if status is not None:
        stmt = stmt.where(Case.status == status)
    if category is not None:
        stmt = stmt.where(Case.category == category)
    if foreign_suspect is not None:
        stmt = stmt.where(Case.foreign_suspect == foreign_suspect)
    if same_foreign_nationality is not None:
        stmt = stmt.where(Case.same_foreign_nationality == same_foreign_nationality)
    if text.strip():
        # Literal: a typed "%", "_" or "\\" is text, not a LIKE wildcard or escape.
        q = text.strip()
        stmt = stmt.where(
            Case.title.icontains(q, autoescape=True) | Case.reference.icontains(q, autoescape=True)
        )
    rows = session.execute(
        stmt.order_by(Case.reported_on.desc(), Case.id.desc()).limit(limit)
    ).all()
    shared = _shared_scopes(session, actor, [c.id for c, _ in rows])
    out = [
        CaseSummary(
            case=c,
            lead_agency=code,
            relation=(
                Relation.OVERSIGHT
                if actor.is_auditor
                else Relation.LEAD
                if c.lead_agency_id == actor.agency_id
                else shared.get(c.id, Relation.READ)
            ),
        )
        for c, code in rows
    ]
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type="case_list",
        object_id="cases",
        detail={
            "filters": {
                k: v
                for k, v in (
                    ("status", status),
                    ("category", category),
                    ("foreign_suspect", foreign_suspect),
                    ("same_foreign_nationality", same_foreign_nationality),
                    ("text", text or None),
                )
                if v is not None
            },
            "case_ids": [s.case.id for s in out],
        },
    )
    return out


def _shared_scopes(session: Session, actor: Actor, case_ids: list[int]) -> dict[int, Relation]:
    if not case_ids:
        return {}
    rows = session.execute(
        select(CaseShare.case_id, CaseShare.scope).where(
            CaseShare.case_id.in_(case_ids),
            CaseShare.agency_id == actor.agency_id,
            CaseShare.revoked_at.is_(None),
        )
    )
    out: dict[int, Relation] = {}
    for case_id, scope in rows:
        if scope is ShareScope.CONTRIBUTE or case_id not in out:
            out[case_id] = Relation(scope.value)
    return out


def get_case(
    session: Session, *, actor: Actor, case_id: int, reason: str = ""
) -> tuple[Case, Relation]:
    """Open a case (audited as a read of the case record)."""
    case, rel = load_case(session, actor, case_id, CaseAction.VIEW)
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type="case",
        object_id=case.id,
        case_id=case.id,
        reason=reason,
    )
    return case, rel


def allowed_transitions(session: Session, *, actor: Actor, case: Case) -> list[CaseStatus]:
    """The statuses the actor may move ``case`` to now."""
    return [
        to
        for (frm, to) in TRANSITIONS
        if frm is case.status and _may_move(session, actor, case, frm, to)
    ]


def _may_move(session: Session, actor: Actor, case: Case, frm: CaseStatus, to: CaseStatus) -> bool:
    whose, roles = TRANSITIONS[(frm, to)]
    if actor.role not in roles:
        return False
    if whose == "lead":
        return case.lead_agency_id == actor.agency_id
    agency = session.get(Agency, actor.agency_id)
    if agency is None or agency.kind is not AgencyKind.PROSECUTION:
        return False
    try:
        load_case(session, actor, case.id, CaseAction.CONTRIBUTE)
    except (NotFoundError, PermissionDeniedError):
        return False
    return True


def change_status(
    session: Session, *, actor: Actor, case_id: int, to: CaseStatus, reason: str = ""
) -> Case:
    """Move a case along the workflow (:data:`TRANSITIONS`)."""
    case, _ = load_case(session, actor, case_id, CaseAction.VIEW)
    frm = case.status
    if (frm, to) not in TRANSITIONS:
        raise ConflictError(f"a case cannot go from {frm.value} to {to.value}")
    if not _may_move(session, actor, case, frm, to):
        raise PermissionDeniedError(
            f"a {actor.role.value} of {actor.agency_code} may not move this case "
            f"from {frm.value} to {to.value}"
        )
    if to is CaseStatus.CLOSED and not reason.strip():
        raise InvalidFieldsError({"reason": "say why the case is closed"})
    if to is CaseStatus.SENT_TO_PROSECUTION:
        prosecution = agency_of_kind(session, AgencyKind.PROSECUTION)
        if prosecution is None:
            raise ConflictError("no prosecution office is registered to send the case to")
        _grant(
            session,
            actor,
            case,
            prosecution,
            ShareScope.CONTRIBUTE,
            "referral to the prosecutor (Code of Criminal Procedure)",
        )
    case.status = to
    case.updated_at = _now()
    _timeline(
        session,
        actor,
        case,
        "status",
        f"{frm.value} → {to.value}" + (f": {reason}" if reason else ""),
        frm=frm.value,
        to=to.value,
    )
    record(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="case",
        object_id=case.id,
        case_id=case.id,
        reason=reason,
        detail={"status": [frm.value, to.value]},
    )
    return case


def share_case(session: Session, *, actor: Actor, case_id: int, data: ShareIn) -> CaseShare:
    """Share a case with another agency, on a legal basis (lead supervisors only)."""
    case, _ = load_case(session, actor, case_id, CaseAction.MANAGE)
    try:
        agency = agency_by_code(session, data.agency_code)
    except NotFoundError:
        raise InvalidFieldsError({"agency_code": "no such agency"}) from None
    if agency.id == case.lead_agency_id:
        raise InvalidFieldsError({"agency_code": "the lead agency has the case already"})
    if agency.kind is AgencyKind.OVERSIGHT:
        raise InvalidFieldsError({"agency_code": "the oversight body sees every case already"})
    return _grant(session, actor, case, agency, data.scope, data.legal_basis)


def _grant(
    session: Session, actor: Actor, case: Case, agency: Agency, scope: ShareScope, basis: str
) -> CaseShare:
    existing = session.scalars(
        select(CaseShare).where(
            CaseShare.case_id == case.id,
            CaseShare.agency_id == agency.id,
            CaseShare.revoked_at.is_(None),
        )
    ).all()
    for share in existing:
        share.revoked_at = _now()  # a new grant replaces the old one; history stays
    share = CaseShare(
        case_id=case.id,
        agency_id=agency.id,
        scope=scope,
        legal_basis=basis,
        granted_by=actor.user_id,
        granted_at=_now(),
        revoked_at=None,
    )
    session.add(share)
    session.flush()
    _timeline(session, actor, case, "shared", f"shared with {agency.code} ({scope.value}): {basis}")
    record(
        session,
        actor=actor,
        action=AuditAction.SHARE,
        object_type="case",
        object_id=case.id,
        case_id=case.id,
        reason=basis,
        detail={"agency": agency.code, "scope": scope.value},
    )
    return share


def revoke_share(
    session: Session, *, actor: Actor, case_id: int, share_id: int, reason: str
) -> None:
    """End a sharing (lead supervisors only)."""
    case, _ = load_case(session, actor, case_id, CaseAction.MANAGE)
    share = session.get(CaseShare, share_id)
    if share is None or share.case_id != case.id or share.revoked_at is not None:
        raise NotFoundError(f"no active sharing {share_id} on this case")
    share.revoked_at = _now()
    record(
        session,
        actor=actor,
        action=AuditAction.SHARE,
        object_type="case",
        object_id=case.id,
        case_id=case.id,
        reason=reason,
        detail={"revoked_share": share_id},
    )


def shares(session: Session, *, case: Case) -> list[tuple[CaseShare, str]]:
    """Active sharings of a case with the agency code (callers have checked access)."""
    rows = session.execute(
        select(CaseShare, Agency.code)
        .join(Agency, Agency.id == CaseShare.agency_id)
        .where(CaseShare.case_id == case.id, CaseShare.revoked_at.is_(None))
        .order_by(CaseShare.granted_at)
    )
    return [(s, code) for s, code in rows]


def assign_user(session: Session, *, actor: Actor, case_id: int, username: str) -> CaseAssignment:
    """Assign a user of an agency that works the case (lead supervisors only)."""
    case, _ = load_case(session, actor, case_id, CaseAction.MANAGE)
    user = session.scalars(
        select(User).where(User.username == username.strip().lower())
    ).one_or_none()
    if user is None:
        raise InvalidFieldsError({"username": "no such user"})
    shared_with = {s.agency_id for s, _ in shares(session, case=case)}
    if user.agency_id != case.lead_agency_id and user.agency_id not in shared_with:
        raise InvalidFieldsError(
            {"username": "the user's agency does not work this case: share it first"}
        )
    if user.role not in (Role.INVESTIGATOR, Role.ANALYST, Role.SUPERVISOR):
        raise InvalidFieldsError({"username": f"a {user.role.value} is not assigned to cases"})
    existing = session.scalars(
        select(CaseAssignment).where(
            CaseAssignment.case_id == case.id, CaseAssignment.user_id == user.id
        )
    ).one_or_none()
    if existing is not None:
        return existing
    assignment = CaseAssignment(
        case_id=case.id, user_id=user.id, assigned_by=actor.user_id, assigned_at=_now()
    )
    session.add(assignment)
    session.flush()
    _timeline(session, actor, case, "assigned", f"{user.username} assigned")
    record(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="case",
        object_id=case.id,
        case_id=case.id,
        detail={"assigned": user.username},
    )
    return assignment


def assignees(session: Session, *, case: Case) -> list[User]:
    return list(
        session.scalars(
            select(User)
            .join(CaseAssignment, CaseAssignment.user_id == User.id)
            .where(CaseAssignment.case_id == case.id)
            .order_by(User.username)
        )
    )


def add_note(session: Session, *, actor: Actor, case_id: int, data: NoteIn) -> TimelineEntry:
    """Write a note in the case timeline."""
    case, _ = load_case(session, actor, case_id, CaseAction.CONTRIBUTE)
    entry = TimelineEntry(
        case_id=case.id, at=_now(), user_id=actor.user_id, kind="note", text=data.text, data={}
    )
    session.add(entry)
    case.updated_at = _now()
    session.flush()
    record(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        object_type="note",
        object_id=entry.id,
        case_id=case.id,
    )
    return entry


def timeline(session: Session, *, actor: Actor, case_id: int) -> list[tuple[TimelineEntry, str]]:
    """The case's notes and events, newest first, with who wrote them."""
    case, _ = load_case(session, actor, case_id, CaseAction.VIEW)
    rows = session.execute(
        select(TimelineEntry, User.username)
        .join(User, User.id == TimelineEntry.user_id)
        .where(TimelineEntry.case_id == case.id)
        .order_by(TimelineEntry.at.desc(), TimelineEntry.id.desc())
    )
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type="timeline",
        object_id=case.id,
        case_id=case.id,
    )
    return [(e, u) for e, u in rows]
