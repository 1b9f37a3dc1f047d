"""Joint reports for the agencies, and what feeds them besides cases.

Who may do what (checked here, whatever the page, API or command):

- *read a joint report*: investigators, analysts and supervisors of any agency, and the
  oversight body. A report is aggregates over every agency's cases, exact (the agencies'
  own figures; the public sees them only after disclosure control, :mod:`counterflow.publish`).
  Administrators see no case data, so no report either.
- *import historical victim records*: analysts and supervisors of the coordination body
  (the NCCT secretariat keeps the national statistics).
- *record FIU report tallies*: analysts and supervisors of the FIU.

Every report read or export, import and tally is an audit event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counterflow.agencies import agency_by_code
from counterflow.audit import AuditAction, record
from counterflow.ingest.victims import read_victim_records
from counterflow.model.actor import Actor
from counterflow.model.codes import AgencyKind, Role
from counterflow.model.errors import ConflictError, InvalidFieldsError, PermissionDeniedError
from counterflow.reports.facts import all_facts, first_day
from counterflow.reports.models import ImportedVictim, ReportTally, VictimImport
from counterflow.stats.joint import JointReport, joint_report
from counterflow.stats.table import Period

_READERS = frozenset({Role.INVESTIGATOR, Role.ANALYST, Role.SUPERVISOR, Role.AUDITOR})
_KEEPERS = frozenset({Role.ANALYST, Role.SUPERVISOR})
REPORT_TYPES = ("str", "ctr", "other")
"""Suspicious transaction reports, cash transaction reports, anything else (goAML kinds)."""


def may_read_reports(actor: Actor) -> bool:
    return actor.role in _READERS


def _require_kind(session: Session, actor: Actor, kind: AgencyKind, what: str) -> None:
    if actor.role not in _KEEPERS or agency_by_code(session, actor.agency_code).kind is not kind:
        raise PermissionDeniedError(f"only analysts and supervisors of the {kind} {what}")


def joint(
    session: Session,
    *,
    actor: Actor,
    periods: Sequence[Period],
    sources: Sequence[str] | None = None,
    purpose: str = "view",
) -> JointReport:
    """The joint report for ``periods`` over the platform's data and the imported sources
    named (all if ``None``); audited as a read (or an export when ``purpose`` says so)."""
    if not may_read_reports(actor):
        raise PermissionDeniedError("joint reports are for case workers and oversight")
    cases, persons, records = all_facts(session, sources=sources)
    report = joint_report(cases=cases, persons=persons, records=records, periods=periods)
    record(
        session,
        actor=actor,
        action=AuditAction.EXPORT if purpose != "view" else AuditAction.READ,
        object_type="joint_report",
        object_id=periods[0].label,
        detail={
            "periods": [p.label for p in periods],
            "sources": list(sources) if sources is not None else "all",
            "purpose": purpose,
        },
    )
    return report


@dataclass(frozen=True, slots=True)
class ImportSummary:
    source: str
    records: int
    sha256: str


def import_victims(
    session: Session,
    *,
    actor: Actor,
    path: Path,
    source_format: str,
    source: str,
) -> ImportSummary:
    """Import a file of historical victim records as source ``source``.

    The whole file is read and validated before anything is written: a bad row raises an
    :class:`~counterflow.model.errors.InputError` naming file, line and field, and nothing
    is stored. The same file (by SHA-256) or the same source name cannot be imported twice.
    """
    _require_kind(session, actor, AgencyKind.COORDINATION, "import historical records")
    name = source.strip()
    if not name or len(name) > 64 or name == "platform":
        raise InvalidFieldsError({"source": "a name of 1-64 characters other than 'platform'"})
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    records = read_victim_records(path, source_format)
    clash = session.scalars(
        select(VictimImport).where((VictimImport.sha256 == digest) | (VictimImport.source == name))
    ).first()
    if clash is not None:
        raise ConflictError(
            f"already imported as source {clash.source!r} ({clash.filename}, {clash.records} "
            "records): a source is imported once"
        )
    batch = VictimImport(
        source=name,
        source_format=source_format,
        filename=path.name,
        sha256=digest,
        records=len(records),
        imported_by=actor.user_id,
        imported_at=datetime.now(UTC),
    )
    session.add(batch)
    session.flush()
    session.add_all(
        ImportedVictim(
            import_id=batch.id,
            line=r.line,
            year=r.year,
            identified_on=r.identified_on,
            gender=r.gender,
            age=r.age,
            is_minor=r.is_minor,
            nationality=r.nationality,
            origin_region=r.origin_region,
            exploitation_forms=list(r.exploitation_forms),
            control_methods=list(r.control_methods),
        )
        for r in records
    )
    session.flush()
    record(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        object_type="victim_import",
        object_id=batch.id,
        detail={
            "source": name,
            "format": source_format,
            "file": path.name,
            "records": len(records),
            "sha256": digest,
        },
    )
    return ImportSummary(name, len(records), digest)


def sources(session: Session) -> list[VictimImport]:
    """The imported sources, oldest first."""
    return list(session.scalars(select(VictimImport).order_by(VictimImport.id)))


def record_tally(
    session: Session, *, actor: Actor, month: date, report_type: str, count: int
) -> ReportTally:
    """Set how many reports of ``report_type`` the FIU received in ``month`` (audited; a
    second call for the same month and type replaces the figure, with the old one kept in
    the audit trail)."""
    _require_kind(session, actor, AgencyKind.FIU, "record report tallies")
    if report_type not in REPORT_TYPES:
        raise InvalidFieldsError({"report_type": f"one of {', '.join(REPORT_TYPES)}"})
    if count < 0:
        raise InvalidFieldsError({"count": "a number of reports, 0 or more"})
    day = first_day(month)
    tally = session.scalars(
        select(ReportTally).where(ReportTally.month == day, ReportTally.report_type == report_type)
    ).one_or_none()
    before = tally.count if tally else None
    if tally is None:
        tally = ReportTally(
            month=day,
            report_type=report_type,
            count=count,
            recorded_by=actor.user_id,
            recorded_at=datetime.now(UTC),
        )
        session.add(tally)
    else:
        tally.count, tally.recorded_by, tally.recorded_at = count, actor.user_id, datetime.now(UTC)
    session.flush()
    record(
        session,
        actor=actor,
        action=AuditAction.UPDATE if before is not None else AuditAction.CREATE,
        object_type="report_tally",
        object_id=tally.id,
        detail={"month": day.isoformat(), "type": report_type, "count": [before, count]},
    )
    return tally


def tally_total(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(ReportTally.count), 0))) or 0)
