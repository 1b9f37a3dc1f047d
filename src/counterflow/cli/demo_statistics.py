"""The demo's statistical history: five years of cases, FIU tallies, asset freezes and a
first public release, so the joint report and the public page have something true to say.

The cases come from :func:`counterflow.simulate.case_history.draw_cases` (quarterly counts
of 2021-2022 from the January 2023 joint report, later quarters invented at a similar
level) and are entered through the case services as the lead agencies' supervisors would,
with the prosecutor moving them through the courts: the audit trail shows the history as
real use would make it.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.cases import (
    AssetFreezeIn,
    Case,
    CaseIn,
    PersonIn,
    SuspectIn,
    VictimIn,
    add_person,
    change_status,
    create_case,
    record_asset_freeze,
    set_suspect_context,
    set_victim_context,
)
from counterflow.model.actor import Actor
from counterflow.model.codes import CaseStatus, PersonRole
from counterflow.publish import latest, publish
from counterflow.reports import record_tally
from counterflow.simulate.case_history import JOINT_REPORT_2022, CaseDraw, PersonDraw, draw_cases
from counterflow.stats.table import Period

LATER_QUARTERS: dict[tuple[int, int], int] = {
    (year, quarter): 26 + (year * 7 + quarter * 3) % 9
    for year in (2023, 2024, 2025, 2026)
    for quarter in (1, 2, 3, 4)
    if (year, quarter) != (2026, 4)
}
"""Invented, at the level of late 2022 (the demo's own, not published figures)."""

_PATH = (
    CaseStatus.INVESTIGATING,
    CaseStatus.SENT_TO_PROSECUTION,
    CaseStatus.IN_COURT,
    CaseStatus.CLOSED,
)


def _person(session: Session, actor: Actor, case_id: int, role: PersonRole, p: PersonDraw) -> None:
    person = add_person(
        session,
        actor=actor,
        case_id=case_id,
        data=PersonIn(
            role=role,
            name_latin=p.name,
            nationality=p.nationality,
            estimated_age=p.age,
            gender=p.gender,
        ),
        screener=None,
    )
    if role is PersonRole.VICTIM:
        set_victim_context(
            session,
            actor=actor,
            case_id=case_id,
            person_id=person.id,
            data=VictimIn(control_methods=p.controls, handed_to=p.handed_to, rescued=p.rescued),
        )
    else:
        set_suspect_context(
            session,
            actor=actor,
            case_id=case_id,
            person_id=person.id,
            data=SuspectIn(
                arrested=p.arrested,
                charged=p.charged,
                sent_to_court=p.sent_to_court,
                convicted=p.convicted,
                public_official=p.public_official,
            ),
        )


def _enter(session: Session, a: dict[str, Actor], draw: CaseDraw) -> Case:
    lead = a["dara"] if draw.lead == "NP" else a["pisey"]
    p = draw.profile
    case = create_case(
        session,
        actor=lead,
        data=CaseIn(
            title=draw.title,
            category=p.category,
            exploitation_forms=list(p.forms),
            venue=p.venue,
            province=draw.province,
            cross_border=draw.cross_border,
            reported_on=draw.reported_on,
        ),
    )
    for v in draw.victims:
        _person(session, lead, case.id, PersonRole.VICTIM, v)
    for s in draw.suspects:
        _person(session, lead, case.id, PersonRole.SUSPECT, s)
    target = [s.value for s in CaseStatus].index(draw.stage)
    for step in _PATH[:target]:
        mover = a["kosal"] if step in (CaseStatus.IN_COURT, CaseStatus.CLOSED) else lead
        reason = "Verdict delivered" if step is CaseStatus.CLOSED else ""
        change_status(session, actor=mover, case_id=case.id, to=step, reason=reason)
    return case


def seed_history(session: Session, a: dict[str, Actor], *, today: date | None = None) -> int:
    """Enter the history once (skipped when cases of 2021 exist); returns cases added."""
    first = datetime(2021, 1, 1, tzinfo=UTC)
    if session.scalar(
        select(Case.id)
        .where(Case.reported_on < datetime(2023, 1, 1, tzinfo=UTC), Case.reported_on >= first)
        .limit(1)
    ):
        return 0
    draws = draw_cases({**JOINT_REPORT_2022, **LATER_QUARTERS}, seed=2023, today=today)
    rng = random.Random(7)
    cases = [_enter(session, a, d) for d in draws]
    for case in rng.sample(cases, k=len(cases) // 12):
        # Freezing orders on one case in twelve: accounts and cash of the operators.
        ordered = case.reported_on.replace(hour=15)
        record_asset_freeze(
            session,
            actor=a["dara"] if case.lead_agency_id == a["dara"].agency_id else a["pisey"],
            case_id=case.id,
            data=AssetFreezeIn(
                ordered_on=ordered,
                amount=Decimal(rng.randrange(5, 400) * 1000),
                currency="USD",
                description="Bank accounts of the operators",
            ),
        )
    for year in range(2021, 2027):
        for month in range(1, 13):
            if date(year, month, 1) >= (today or datetime.now(UTC).date()).replace(day=1):
                break
            for kind, base in (("str", 40), ("ctr", 2200)):
                record_tally(
                    session,
                    actor=a["visal"],
                    month=date(year, month, 1),
                    report_type=kind,
                    count=base + rng.randrange(base // 2),
                )
    return len(cases)


def seed_release(session: Session, a: dict[str, Actor]) -> bool:
    """Publish the first release (January-September 2022 against 2021) if none exists."""
    if latest(session) is not None:
        return False
    publish(
        session,
        actor=a["sreymom"],
        title="Human trafficking and sexual exploitation: January-September 2022",
        period=Period(date(2022, 1, 1), date(2022, 9, 30)),
        compare=Period(date(2021, 1, 1), date(2021, 9, 30)),
    )
    return True
