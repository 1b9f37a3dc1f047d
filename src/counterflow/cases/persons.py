"""Persons in a case: victims, suspects, witnesses, account holders.

Adding a person records their identifiers (phones, documents) for deconfliction, screens
every name they go by against the loaded watch lists (hits are stored with their
explanation and wait for a reviewer to confirm or clear them), and refreshes the case's
derived flags ``foreign_suspect`` and ``same_foreign_nationality``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.audit import AuditAction, record
from counterflow.cases import deconfliction
from counterflow.cases.access import CaseAction, load_case
from counterflow.cases.identifiers import normalise, problem
from counterflow.cases.models import Case, HitReview, Identifier, Person, TimelineEntry
from counterflow.cases.ports import NameScreener
from counterflow.cases.schemas import IdentifierIn, PersonIn, SuspectIn, VictimIn
from counterflow.model.actor import Actor
from counterflow.model.codes import NATIONALITIES, HitDecision, IdentifierKind, PersonRole
from counterflow.model.derived import (
    age_band,
    foreign_suspect,
    palermo_complete,
    same_foreign_nationality,
)
from counterflow.model.errors import ConflictError, InvalidFieldsError, NotFoundError
from counterflow.model.screening import ScreeningHit, ScreeningQuery
from counterflow.watchlists import HitStatus, StoredHit, record_screening


def _now() -> datetime:
    return datetime.now(UTC)


def age_of(person: Person, at: datetime | None = None) -> int | None:
    """Age at ``at`` (the case's report date) from the birth year, else the estimate."""
    if person.date_of_birth:
        year = int(person.date_of_birth[:4])
        return ((at or _now()).year - year) if year > 1900 else None
    return person.estimated_age


def is_palermo_complete(person: Person, at: datetime | None = None) -> bool:
    """The Palermo Protocol's three elements are recorded for this victim."""
    return palermo_complete(
        acts=person.palermo_acts,
        means=person.palermo_means,
        purposes=person.palermo_purposes,
        age=age_of(person, at),
    )


def refresh_flags(session: Session, case: Case) -> None:
    """Recompute the case's derived nationality flags from its persons."""
    people = session.scalars(select(Person).where(Person.case_id == case.id)).all()
    suspects = [p.nationality for p in people if p.role is PersonRole.SUSPECT]
    victims = [p.nationality for p in people if p.role is PersonRole.VICTIM]
    case.foreign_suspect = foreign_suspect(suspects)
    case.same_foreign_nationality = same_foreign_nationality(suspects, victims)


def _names(data: PersonIn) -> list[str]:
    seen: list[str] = []
    for n in (data.name_latin, data.name_khmer, *data.aliases):
        if n and n not in seen:
            seen.append(n)
    return seen


def add_person(
    session: Session, *, actor: Actor, case_id: int, data: PersonIn, screener: NameScreener | None
) -> Person:
    """Add a person to a case, record identifiers, screen the names, refresh the flags."""
    case, _ = load_case(session, actor, case_id, CaseAction.CONTRIBUTE)
    if not (data.name_latin or data.name_khmer):
        raise InvalidFieldsError({"name_latin": "give the name in Latin or Khmer script (or both)"})
    for field, kind, values in (
        ("phones", IdentifierKind.PHONE, data.phones),
        ("documents", IdentifierKind.ID_DOCUMENT, data.documents),
    ):
        for v in values:
            why = problem(kind, v)
            if why:
                raise InvalidFieldsError({field: f"{v!r}: {why}"})
    person = Person(
        case_id=case.id,
        role=data.role,
        name_latin=data.name_latin,
        name_khmer=data.name_khmer,
        aliases=list(data.aliases),
        nationality=data.nationality,
        date_of_birth=data.date_of_birth,
        estimated_age=data.estimated_age,
        gender=data.gender,
        notes=data.notes,
        created_by=actor.user_id,
        created_at=_now(),
        palermo_acts=[],
        palermo_means=[],
        palermo_purposes=[],
        ilo_indicators=[],
        control_methods=[],
        non_punishment_assessed=False,
        handed_to=None,
        rescued=False,
        arrested=False,
        sent_to_court=False,
        public_official=False,
        screened_subject_id=None,
    )
    session.add(person)
    session.flush()
    record(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        object_type="person",
        object_id=person.id,
        case_id=case.id,
        detail={"role": data.role.value, "nationality": data.nationality},
    )
    for kind, values in (
        (IdentifierKind.PHONE, data.phones),
        (IdentifierKind.ID_DOCUMENT, data.documents),
    ):
        for v in values:
            _add_identifier(session, actor, case, person.id, kind, v)
    refresh_flags(session, case)
    session.add(
        TimelineEntry(
            case_id=case.id,
            at=_now(),
            user_id=actor.user_id,
            kind="person",
            text=f"{data.role.value} added: {_display(person)}",
            data={"person_id": person.id},
        )
    )
    if screener is not None:
        screen_person(session, actor=actor, person=person, screener=screener)
    case.updated_at = _now()
    return person


def _display(p: Person) -> str:
    return " / ".join(n for n in (p.name_latin, p.name_khmer) if n)


def _add_identifier(
    session: Session,
    actor: Actor,
    case: Case,
    person_id: int | None,
    kind: IdentifierKind,
    shown: str,
) -> Identifier:
    value = normalise(kind, shown)
    ident = Identifier(
        case_id=case.id, person_id=person_id, kind=kind, value=value, shown=shown.strip()
    )
    session.add(ident)
    session.flush()
    record(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        object_type="identifier",
        object_id=ident.id,
        case_id=case.id,
        detail={"kind": kind.value},
    )
    deconfliction.check(session, actor=actor, case=case, kind=kind, value=value)
    return ident


def add_identifier(
    session: Session,
    *,
    actor: Actor,
    case_id: int,
    data: IdentifierIn,
    person_id: int | None = None,
) -> Identifier:
    """Attach a phone, document, account, e-mail or address to a case (or one of its persons)."""
    case, _ = load_case(session, actor, case_id, CaseAction.CONTRIBUTE)
    why = problem(data.kind, data.value)
    if why:
        raise InvalidFieldsError({"value": why})
    if person_id is not None:
        person = session.get(Person, person_id)
        if person is None or person.case_id != case.id:
            raise NotFoundError(f"no person {person_id} in this case")
    return _add_identifier(session, actor, case, person_id, data.kind, data.value)


def screen_person(
    session: Session, *, actor: Actor, person: Person, screener: NameScreener
) -> list[ScreeningHit]:
    """Screen every name of ``person``; store the subject and its hits (audited)."""
    country = NATIONALITIES.get(person.nationality or "", (None, ""))[0]
    names = [n for n in (person.name_latin, person.name_khmer, *person.aliases) if n]
    hits: dict[tuple[str, str], ScreeningHit] = {}
    queries = [
        ScreeningQuery(
            name=n,
            date_of_birth=person.date_of_birth,
            country=country,
            gender=person.gender.value if person.gender.value in ("female", "male") else None,
            ref=f"case-person:{person.id}",
        )
        for n in names
    ]
    for q in queries:
        for h in screener.screen(q):
            key = (h.source, h.entry_id)
            if key not in hits or h.score > hits[key].score:
                hits[key] = h
    subject = record_screening(session, query=queries[0], hits=list(hits.values()), origin="case")
    person.screened_subject_id = subject.id
    record(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        object_type="screening",
        object_id=person.id,
        case_id=person.case_id,
        detail={"names": len(names), "hits": [f"{s}:{e}" for s, e in sorted(hits)]},
    )
    return sorted(hits.values(), key=lambda h: -h.score)


def set_victim_context(
    session: Session, *, actor: Actor, case_id: int, person_id: int, data: VictimIn
) -> Person:
    """Record a victim's Palermo checklist, ILO indicators, control methods and care."""
    case, person = _person_for_write(session, actor, case_id, person_id)
    if person.role is not PersonRole.VICTIM:
        raise ConflictError("the victim context is for persons whose role is victim")
    before = {k: getattr(person, k) for k in VictimIn.model_fields}
    for k in VictimIn.model_fields:
        v = getattr(data, k)
        setattr(
            person,
            k,
            [x.value for x in v]
            if isinstance(v, list)
            else (v.value if hasattr(v, "value") else v),
        )
    record(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="person",
        object_id=person.id,
        case_id=case.id,
        detail={
            "victim": {
                k: [before[k], getattr(person, k)]
                for k in before
                if before[k] != getattr(person, k)
            },
            "palermo_complete": is_palermo_complete(person, case.reported_on),
        },
    )
    return person


def set_suspect_context(
    session: Session, *, actor: Actor, case_id: int, person_id: int, data: SuspectIn
) -> Person:
    """Record whether a suspect was arrested, sent to court, is a public official."""
    case, person = _person_for_write(session, actor, case_id, person_id)
    if person.role is not PersonRole.SUSPECT:
        raise ConflictError("the suspect context is for persons whose role is suspect")
    changed: dict[str, Any] = {}
    for k in SuspectIn.model_fields:
        if getattr(person, k) != getattr(data, k):
            changed[k] = [getattr(person, k), getattr(data, k)]
            setattr(person, k, getattr(data, k))
    record(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="person",
        object_id=person.id,
        case_id=case.id,
        detail={"suspect": changed},
    )
    return person


def _person_for_write(
    session: Session, actor: Actor, case_id: int, person_id: int
) -> tuple[Case, Person]:
    case, _ = load_case(session, actor, case_id, CaseAction.CONTRIBUTE)
    person = session.get(Person, person_id)
    if person is None or person.case_id != case.id:
        raise NotFoundError(f"no person {person_id} in this case")
    return case, person


@dataclass(frozen=True, slots=True)
class HitView:
    """A stored hit of a person with the review it got, if any."""

    hit: StoredHit
    review: HitReview | None


@dataclass(frozen=True, slots=True)
class PersonView:
    person: Person
    identifiers: list[Identifier]
    hits: list[HitView]
    age: int | None
    age_band: str
    palermo_complete: bool | None
    """``None`` for persons who are not victims."""


def persons(session: Session, *, actor: Actor, case_id: int) -> list[PersonView]:
    """The persons of a case with identifiers and screening hits (each read audited)."""
    case, _ = load_case(session, actor, case_id, CaseAction.VIEW)
    people = list(
        session.scalars(select(Person).where(Person.case_id == case.id).order_by(Person.id))
    )
    idents = session.scalars(
        select(Identifier).where(Identifier.case_id == case.id).order_by(Identifier.id)
    ).all()
    reviews = {
        r.hit_id: r
        for r in session.scalars(
            select(HitReview)
            .join(Person, Person.id == HitReview.person_id)
            .where(Person.case_id == case.id)
        )
    }
    out = []
    for p in people:
        hits: list[HitView] = []
        if p.screened_subject_id is not None:
            stored = session.scalars(
                select(StoredHit)
                .where(
                    StoredHit.subject_id == p.screened_subject_id,
                    StoredHit.status == HitStatus.OPEN,
                )
                .order_by(StoredHit.score.desc())
            )
            hits = [HitView(h, reviews.get(h.id)) for h in stored]
        age = age_of(p, case.reported_on)
        out.append(
            PersonView(
                person=p,
                identifiers=[i for i in idents if i.person_id == p.id],
                hits=hits,
                age=age,
                age_band=age_band(age),
                palermo_complete=is_palermo_complete(p, case.reported_on)
                if p.role is PersonRole.VICTIM
                else None,
            )
        )
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type="person",
        object_id=",".join(str(p.id) for p in people) or "-",
        case_id=case.id,
        detail={"victims": sum(p.role is PersonRole.VICTIM for p in people)},
    )
    return out


def review_hit(
    session: Session,
    *,
    actor: Actor,
    case_id: int,
    person_id: int,
    hit_id: int,
    decision: HitDecision,
    reason: str,
) -> HitReview:
    """Confirm or clear a watch-list hit of a case person, with a reason."""
    case, person = _person_for_write(session, actor, case_id, person_id)
    hit = session.get(StoredHit, hit_id)
    if hit is None or hit.subject_id != person.screened_subject_id:
        raise NotFoundError(f"no hit {hit_id} for this person")
    if len(reason.strip()) < 5:
        raise InvalidFieldsError({"reason": "say why (at least 5 characters)"})
    review = session.scalars(
        select(HitReview).where(HitReview.person_id == person.id, HitReview.hit_id == hit.id)
    ).one_or_none()
    before = review.decision.value if review else None
    if review is None:
        review = HitReview(
            person_id=person.id,
            hit_id=hit.id,
            decision=decision,
            reason=reason.strip(),
            decided_by=actor.user_id,
            decided_at=_now(),
        )
        session.add(review)
    else:
        review.decision, review.reason, review.decided_by, review.decided_at = (
            decision,
            reason.strip(),
            actor.user_id,
            _now(),
        )
    session.flush()
    session.add(
        TimelineEntry(
            case_id=case.id,
            at=_now(),
            user_id=actor.user_id,
            kind="screening",
            text=f"hit on {hit.source}:{hit.entry_id} {decision.value}: {reason.strip()}",
            data={"person_id": person.id},
        )
    )
    record(
        session,
        actor=actor,
        action=AuditAction.DECIDE,
        object_type="screening_hit",
        object_id=hit.id,
        case_id=case.id,
        reason=reason.strip(),
        detail={"decision": [before, decision.value], "entry": f"{hit.source}:{hit.entry_id}"},
    )
    return review
