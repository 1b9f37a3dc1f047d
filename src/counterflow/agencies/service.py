"""Agencies: created by a system administrator, listed for everyone signed in.

The national agencies of DOMAIN.md ("Who uses it") are :data:`NATIONAL_AGENCIES`, which a
fresh installation and the demo seed.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.agencies.models import Agency
from counterflow.audit import AuditAction, record
from counterflow.model.actor import Actor
from counterflow.model.codes import AgencyKind, Role
from counterflow.model.errors import (
    ConflictError,
    InvalidFieldsError,
    NotFoundError,
    PermissionDeniedError,
)

NATIONAL_AGENCIES: tuple[tuple[str, str, str, AgencyKind], ...] = (
    (
        "NP",
        "National Police, Dept. of Anti-Human Trafficking and Juvenile Protection",
        "នាយកដ្ឋានប្រឆាំងការជួញដូរមនុស្ស និងការពារអនីតិជន",
        AgencyKind.POLICE,
    ),
    (
        "GMP",
        "National Military Police (Gendarmerie)",
        "កងរាជអាវុធហត្ថលើផ្ទៃប្រទេស",
        AgencyKind.GENDARMERIE,
    ),
    (
        "NCCT",
        "National Committee for Counter Trafficking, secretariat",
        "គណៈកម្មាធិការជាតិប្រយុទ្ធប្រឆាំងការជួញដូរមនុស្ស",
        AgencyKind.COORDINATION,
    ),
    ("CAFIU", "Cambodia Financial Intelligence Unit", "អង្គភាពស៊ើបការណ៍ហិរញ្ញវត្ថុកម្ពុជា", AgencyKind.FIU),
    (
        "PROS",
        "Prosecution office, Phnom Penh Municipal Court",
        "អយ្យការអមសាលាដំបូងរាជធានីភ្នំពេញ",
        AgencyKind.PROSECUTION,
    ),
    ("OVS", "Oversight body", "ស្ថាប័នត្រួតពិនិត្យ", AgencyKind.OVERSIGHT),
)

_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")


def create_agency(
    session: Session,
    *,
    actor: Actor | None,
    code: str,
    name: str,
    name_km: str,
    kind: AgencyKind,
    contact: str = "",
) -> Agency:
    """Add an agency. ``actor`` must be a system administrator (``None``: installation)."""
    if actor is not None and actor.role is not Role.SYSTEM_ADMIN:
        raise PermissionDeniedError("only a system administrator adds agencies")
    code = code.strip().upper()
    errors: dict[str, str] = {}
    if not _CODE.match(code):
        errors["code"] = "2 to 16 capital letters or digits, starting with a letter"
    if not name.strip():
        errors["name"] = "required"
    if errors:
        raise InvalidFieldsError(errors)
    if session.scalar(select(Agency.id).where(Agency.code == code)) is not None:
        raise ConflictError(f"an agency with code {code!r} exists already")
    agency = Agency(
        code=code,
        name=name.strip(),
        name_km=name_km.strip(),
        kind=kind,
        contact=contact.strip(),
        created_at=datetime.now(UTC),
    )
    session.add(agency)
    session.flush()
    record(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        object_type="agency",
        object_id=agency.id,
        username="installation" if actor is None else None,
        detail={"code": code, "kind": kind.value},
    )
    return agency


def list_agencies(session: Session) -> list[Agency]:
    """Every agency, by code."""
    return list(session.scalars(select(Agency).order_by(Agency.code)))


def agency_by_code(session: Session, code: str) -> Agency:
    """The agency with ``code``; :class:`NotFoundError` otherwise."""
    agency = session.scalars(select(Agency).where(Agency.code == code.upper())).one_or_none()
    if agency is None:
        raise NotFoundError(f"no agency with code {code!r}")
    return agency


def agency_of_kind(session: Session, kind: AgencyKind) -> Agency | None:
    """The first agency of ``kind`` by code (the prosecution office a case is sent to)."""
    return session.scalars(select(Agency).where(Agency.kind == kind).order_by(Agency.code)).first()


def ensure_national_agencies(session: Session) -> list[Agency]:
    """Create any of :data:`NATIONAL_AGENCIES` that is missing; return all agencies."""
    existing = {a.code for a in list_agencies(session)}
    for code, name, name_km, kind in NATIONAL_AGENCIES:
        if code not in existing:
            create_agency(session, actor=None, code=code, name=name, name_km=name_km, kind=kind)
    return list_agencies(session)
