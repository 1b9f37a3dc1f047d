"""Read the statistics' facts out of the platform's tables (no names, no references leave).

One query per kind of fact; persons are read with their case's date and flags so the
placement rule of :mod:`counterflow.stats.facts` (a person counts with their case) holds.
Age is the age in the year the case was reported (:func:`counterflow.cases.persons.age_of`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.agencies import Agency
from counterflow.alerts import TriageAlert
from counterflow.cases import AssetFreeze, Case, CaseAccount, Person
from counterflow.cases.persons import age_of
from counterflow.model.codes import PersonRole
from counterflow.reports.models import ImportedVictim, ReportTally, VictimImport
from counterflow.stats.facts import CaseFact, PersonFact, RecordFact
from counterflow.stats.joint import TIP_CATEGORIES


def case_facts(session: Session) -> tuple[list[CaseFact], dict[int, Case]]:
    """Every case as a :class:`CaseFact`, and the cases by id (for their persons)."""
    linked = set(session.scalars(select(CaseAccount.case_id).distinct()))
    linked |= set(
        session.scalars(select(TriageAlert.case_id).where(TriageAlert.case_id.is_not(None)))
    )
    codes: dict[int, str] = dict(session.execute(select(Agency.id, Agency.code)).all())
    cases = {c.id: c for c in session.scalars(select(Case))}
    facts = [
        CaseFact(
            reported_on=c.reported_on.date(),
            category=c.category.value,
            lead_agency=codes.get(c.lead_agency_id, "unknown"),
            province=c.province,
            forms=tuple(c.exploitation_forms),
            cross_border=c.cross_border,
            status=c.status.value,
            foreign_suspect=c.foreign_suspect,
            same_foreign_nationality=c.same_foreign_nationality,
            financial_link=c.id in linked,
        )
        for c in cases.values()
    ]
    return facts, cases


def person_facts(session: Session, cases: dict[int, Case]) -> list[PersonFact]:
    """Victims and suspects of the platform's cases."""
    out: list[PersonFact] = []
    roles = (PersonRole.VICTIM, PersonRole.SUSPECT)
    for p in session.scalars(select(Person).where(Person.role.in_(roles))):
        case = cases[p.case_id]
        victim = p.role is PersonRole.VICTIM
        age = age_of(p, case.reported_on)
        out.append(
            PersonFact(
                role=p.role.value,
                when=case.reported_on.date(),
                sex=p.gender.value,
                age=age,
                nationality=p.nationality,
                forms=tuple(case.exploitation_forms) if victim else (),
                control_methods=tuple(p.control_methods) if victim else (),
                handed_to=p.handed_to if victim else None,
                # A victim form records rescue as a tick box: unticked is "no".
                rescued=p.rescued if victim else None,
                arrested=None if victim else p.arrested,
                charged=None if victim else p.charged,
                sent_to_court=None if victim else p.sent_to_court,
                convicted=None if victim else p.convicted,
                public_official=None if victim else p.public_official,
                tip_case=case.category in TIP_CATEGORIES,
                same_nationality_case=case.same_foreign_nationality,
            )
        )
    return out


def imported_facts(session: Session, sources: Sequence[str] | None = None) -> list[PersonFact]:
    """The victims of imported historical records (all imports, or those named)."""
    query = select(ImportedVictim, VictimImport.source).join(
        VictimImport, VictimImport.id == ImportedVictim.import_id
    )
    if sources is not None:
        query = query.where(VictimImport.source.in_(list(sources)))
    return [
        PersonFact(
            role="victim",
            when=v.identified_on,
            year=None if v.identified_on else v.year,
            sex=v.gender,
            age=v.age,
            minor=v.is_minor,
            nationality=v.nationality,
            origin_region=v.origin_region,
            forms=tuple(v.exploitation_forms),
            control_methods=tuple(v.control_methods),
            source=source,
        )
        for v, source in session.execute(query)
    ]


def record_facts(session: Session, cases: dict[int, Case]) -> list[RecordFact]:
    """FIU report tallies, alerts (dated by the end of the activity) and asset freezes."""
    out = [
        RecordFact("report", t.month, t.report_type, count=t.count)
        for t in session.scalars(select(ReportTally))
    ]
    out += [
        RecordFact("alert", a.window_end.date(), a.typology)
        for a in session.scalars(select(TriageAlert))
    ]
    for f in session.scalars(select(AssetFreeze)):
        case = cases.get(f.case_id)
        out.append(
            RecordFact(
                "freeze",
                f.ordered_on.date(),
                case.category.value if case else "",
                amount_usd=int(f.amount_usd.quantize(Decimal(1), rounding=ROUND_HALF_UP)),
            )
        )
    return out


def all_facts(
    session: Session, *, sources: Sequence[str] | None = None
) -> tuple[list[CaseFact], list[PersonFact], list[RecordFact]]:
    """Every fact of the platform plus the imported victims of ``sources`` (all if None)."""
    cases, by_id = case_facts(session)
    persons = person_facts(session, by_id) + imported_facts(session, sources)
    return cases, persons, record_facts(session, by_id)


def first_day(day: date) -> date:
    """The first day of ``day``'s month (tallies are kept by month)."""
    return day.replace(day=1)
