"""The demo world of the case platform: agencies, one user per role, cases, alerts.

Seeded through the services (so the audit trail starts as real use would make it) into the
configured database. The cases are fictional but shaped on what the joint report of January
2023 describes: an online scam compound in Preah Sihanouk run by foreigners holding workers
of their own nationality, sexual exploitation in a Phnom Penh KTV, forced labour on a
fishing vessel crossing into Thai waters, a gendarmerie case that shares a recruiter's phone
with a police case (deconfliction), and a laundering case opened by the FIU. The alerts are
the ones the monitoring engine raised on the synthetic transactions of ``counterflow demo``.

Demo passwords are drawn anew at every start and printed; nothing secret is in the code.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.agencies import agency_by_code, ensure_national_agencies
from counterflow.alerts import import_alerts
from counterflow.auth import User, actor_of, create_user
from counterflow.auth.passwords import hash_password
from counterflow.cases import (
    AccountIn,
    Case,
    CaseIn,
    NameScreener,
    PersonIn,
    ShareIn,
    SuspectIn,
    VictimIn,
    add_note,
    add_person,
    change_status,
    create_case,
    link_account,
    set_suspect_context,
    set_victim_context,
    share_case,
)
from counterflow.cases.schemas import NoteIn
from counterflow.cli.demo_network import seed_network
from counterflow.cli.demo_statistics import seed_history, seed_release
from counterflow.model.actor import Actor
from counterflow.model.codes import CaseStatus, Role
from counterflow.monitor import read_alerts
from counterflow.tips import Tip, refer_tip, submit_tip, take_tip

DEMO_USERS: tuple[tuple[str, str, str, Role], ...] = (
    ("sokha", "Sokha Chan", "NP", Role.INVESTIGATOR),
    ("dara", "Dara Meas", "NP", Role.SUPERVISOR),
    ("vanna", "Vanna Keo", "NP", Role.ANALYST),
    ("np_admin", "Bopha Ly", "NP", Role.AGENCY_ADMIN),
    ("rith", "Rith Sam", "GMP", Role.INVESTIGATOR),
    ("pisey", "Pisey Heng", "GMP", Role.SUPERVISOR),
    ("chenda", "Chenda Ouk", "CAFIU", Role.ANALYST),
    ("visal", "Visal Nhem", "CAFIU", Role.SUPERVISOR),
    ("sreymom", "Sreymom Tep", "NCCT", Role.SUPERVISOR),
    ("kosal", "Kosal Prak", "PROS", Role.SUPERVISOR),
    ("auditor", "Malis Srey", "OVS", Role.AUDITOR),
    ("sysadmin", "System Administrator", "OVS", Role.SYSTEM_ADMIN),
)


@dataclass(frozen=True)
class DemoSeed:
    passwords: dict[str, tuple[str, str, Role]]
    """user name → (password, agency code, role)."""
    new_cases: int
    new_alerts: int
    history_cases: int = 0
    """Cases of the statistical history added (2021 to last quarter)."""


M = TypeVar("M", bound=BaseModel)


def _m(model: type[M], **values: Any) -> M:
    """A service input from plain values (code lists as their string values)."""
    return model.model_validate(values)


def _password() -> str:
    return "-".join(secrets.token_hex(3) for _ in range(3))


def _users(session: Session) -> tuple[dict[str, Actor], dict[str, tuple[str, str, Role]]]:
    ensure_national_agencies(session)
    actors: dict[str, Actor] = {}
    passwords: dict[str, tuple[str, str, Role]] = {}
    for username, name, code, role in DEMO_USERS:
        password = _password()
        user = session.scalars(select(User).where(User.username == username)).one_or_none()
        if user is None:
            agency = agency_by_code(session, code)
            user = create_user(
                session,
                actor=None,
                username=username,
                display_name=name,
                agency_id=agency.id,
                role=role,
                password=password,
                language="km" if username == "sokha" else "en",
            )
        else:
            user.password_hash = hash_password(password)
            user.failed_logins, user.locked_until = 0, None
        actors[username] = actor_of(session, user, "demo-seed")
        passwords[username] = (password, code, role)
    return actors, passwords


def _cases(session: Session, a: dict[str, Actor], screener: NameScreener | None) -> int:
    if session.scalar(select(Case.id).limit(1)) is not None:
        return 0
    now = datetime.now(UTC)

    scam = create_case(
        session,
        actor=a["sokha"],
        data=_m(
            CaseIn,
            title="Online scam compound, Ochheuteal: workers held and forced to defraud",
            summary="Raid on a compound in Preah Sihanouk after a call from a worker's family.",
            category="trafficking",
            exploitation_forms=["forced_criminality", "forced_labour"],
            venue="online_scam_compound",
            province="Preah Sihanouk",
            cross_border=True,
            reported_on=now - timedelta(days=40),
        ),
    )
    boss = add_person(
        session,
        actor=a["sokha"],
        case_id=scam.id,
        screener=screener,
        data=_m(
            PersonIn,
            role="suspect",
            name_latin="Wang Jian Guo",
            aliases=["王建国"],
            nationality="CHN",
            date_of_birth="1971",
            gender="male",
            phones=["+855 96 555 0101"],
        ),
    )
    set_suspect_context(
        session,
        actor=a["sokha"],
        case_id=scam.id,
        person_id=boss.id,
        data=_m(SuspectIn, arrested=True),
    )
    for name, dob, gender in (("Li Mei", "2001", "female"), ("Zhang Wei", "1998", "male")):
        v = add_person(
            session,
            actor=a["sokha"],
            case_id=scam.id,
            screener=screener,
            data=_m(
                PersonIn,
                role="victim",
                name_latin=name,
                nationality="CHN",
                date_of_birth=dob,
                gender=gender,
            ),
        )
        set_victim_context(
            session,
            actor=a["sokha"],
            case_id=scam.id,
            person_id=v.id,
            data=_m(
                VictimIn,
                palermo_acts=["recruitment", "transport", "harbouring"],
                palermo_means=["deception", "coercion"],
                palermo_purposes=["forced_criminality"],
                ilo_indicators=[
                    "deception",
                    "restriction_of_movement",
                    "retention_of_documents",
                    "debt_bondage",
                ],
                control_methods=[
                    "confiscation_of_documents",
                    "debt_bondage",
                    "restricted_movement",
                ],
                non_punishment_assessed=True,
                handed_to="repatriated",
                rescued=True,
            ),
        )
    link_account(
        session,
        actor=a["vanna"],
        case_id=scam.id,
        data=_m(
            AccountIn,
            account="ACC-7781-2290",
            bank="Bank A",
            note="salaries of the workers swept here",
        ),
    )
    add_note(
        session,
        actor=a["sokha"],
        case_id=scam.id,
        data=_m(
            NoteIn,
            text="Workers say their passports were taken on arrival and a 'debt' of USD 3,000 set.",
        ),
    )
    change_status(session, actor=a["sokha"], case_id=scam.id, to=CaseStatus.INVESTIGATING)

    ktv = create_case(
        session,
        actor=a["sokha"],
        data=_m(
            CaseIn,
            title="KTV in Toul Kork: minors offered to clients",
            category="sexual_exploitation",
            exploitation_forms=["sexual_exploitation"],
            venue="karaoke_ktv",
            province="Phnom Penh",
            cross_border=False,
            reported_on=now - timedelta(days=20),
        ),
    )
    add_person(
        session,
        actor=a["sokha"],
        case_id=ktv.id,
        screener=screener,
        data=_m(
            PersonIn,
            role="suspect",
            name_latin="Sok Dara",
            name_khmer="សុខ ដារា",
            nationality="KHM",
            date_of_birth="1979-04-12",
            gender="male",
            phones=["012 345 678"],
        ),
    )
    girl = add_person(
        session,
        actor=a["sokha"],
        case_id=ktv.id,
        screener=screener,
        data=_m(
            PersonIn,
            role="victim",
            name_khmer="ស្រី ពៅ",
            name_latin="Srey Pov",
            nationality="KHM",
            estimated_age=16,
            gender="female",
        ),
    )
    set_victim_context(
        session,
        actor=a["sokha"],
        case_id=ktv.id,
        person_id=girl.id,
        data=_m(
            VictimIn,
            palermo_acts=["recruitment", "harbouring"],
            palermo_purposes=["sexual_exploitation"],
            ilo_indicators=["abuse_of_vulnerability"],
            control_methods=["takes_earnings"],
            handed_to="ngo",
            rescued=True,
        ),
    )

    boat = create_case(
        session,
        actor=a["rith"],
        data=_m(
            CaseIn,
            title="Fishing vessel crew recruited in Koh Kong, unpaid for eight months",
            category="trafficking",
            exploitation_forms=["forced_labour"],
            venue="fishing_vessel",
            province="Koh Kong",
            cross_border=True,
            reported_on=now - timedelta(days=10),
        ),
    )
    # The same recruiter's phone as in the police KTV case: both agencies get a notice.
    add_person(
        session,
        actor=a["rith"],
        case_id=boat.id,
        screener=screener,
        data=_m(
            PersonIn,
            role="suspect",
            name_latin="Dara Sok",
            nationality="KHM",
            gender="male",
            phones=["+855 12 345 678"],
        ),
    )
    add_person(
        session,
        actor=a["rith"],
        case_id=boat.id,
        screener=screener,
        data=_m(
            PersonIn,
            role="victim",
            name_latin="Chan Thy",
            nationality="KHM",
            date_of_birth="1990",
            gender="male",
        ),
    )
    share_case(
        session,
        actor=a["pisey"],
        case_id=boat.id,
        data=_m(
            ShareIn,
            agency_code="NCCT",
            scope="read",
            legal_basis="Law on Suppression of Human Trafficking (2008), coordination by the NCCT",
        ),
    )

    laundering = create_case(
        session,
        actor=a["chenda"],
        data=_m(
            CaseIn,
            title="Funnel accounts receiving wages of foreign workers",
            category="money_laundering",
            province="Phnom Penh",
            cross_border=True,
            reported_on=now - timedelta(days=5),
        ),
    )
    link_account(
        session,
        actor=a["chenda"],
        case_id=laundering.id,
        data=_m(
            AccountIn,
            account="ACC-7781-2290",
            bank="Bank A",
            note="receives many workers' salaries",
        ),
    )
    share_case(
        session,
        actor=a["visal"],
        case_id=laundering.id,
        data=_m(
            ShareIn,
            agency_code="NP",
            scope="contribute",
            legal_basis="AML/CFT Law (2020), Art. 25: dissemination to law enforcement",
        ),
    )
    return 4


def _tips(session: Session, a: dict[str, Actor]) -> int:
    """Two anonymous tips from the public page: a scam-compound recruitment still new in
    the NCCT queue, and a payroll account the secretariat referred to the FIU."""
    if session.scalar(select(Tip.id).limit(1)) is not None:
        return 0
    submit_tip(
        session,
        text=(
            "A company on Facebook recruits young people from our village for 'customer "
            "service' jobs in Sihanoukville at USD 1,000 a month. Two who went cannot come "
            "home: their passports were taken and they say they must pay a debt first."
        ),
        category="trafficking",
        province="Preah Sihanouk",
    )
    payroll = submit_tip(
        session,
        text=(
            "At the bank branch near the market, one man deposits the wages of about forty "
            "foreign workers into his own account every month and keeps their bank cards."
        ),
        category="laundering",
        province="Phnom Penh",
        contact="Call the market office and ask for the cashier",
    )
    take_tip(session, actor=a["sreymom"], tip_id=payroll.id)
    refer_tip(
        session,
        actor=a["sreymom"],
        tip_id=payroll.id,
        agency_code="CAFIU",
        note="Wages of many workers controlled by one person: an FATF-APG red flag.",
    )
    return 2


def seed_demo(
    session: Session,
    *,
    alerts_path: Path | None,
    screener: NameScreener | None,
    history: bool = True,
) -> DemoSeed:
    """Create (or refresh the passwords of) the demo world; returns what was made.

    ``history`` adds five years of cases, FIU tallies and a first public release
    (:mod:`counterflow.cli.demo_statistics`); tests of other parts leave it out.
    """
    actors, passwords = _users(session)
    new_cases = _cases(session, actors, screener)
    history_cases = seed_history(session, actors) if history else 0
    new_alerts = 0
    if alerts_path is not None and alerts_path.exists():
        cafiu = agency_by_code(session, "CAFIU")
        new_alerts = import_alerts(
            session, alerts=read_alerts(alerts_path), owner_agency_id=cafiu.id
        )
    if alerts_path is not None:  # the KYC file of the same demo world, if written
        seed_network(session, actors, alerts_path.parent / "holders.csv")
    if history:
        seed_release(session, actors)
    _tips(session, actors)
    return DemoSeed(
        passwords=passwords,
        new_cases=new_cases,
        new_alerts=new_alerts,
        history_cases=history_cases,
    )
