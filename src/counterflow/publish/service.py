"""Publish joint statistics to the public: releases, the release ledger, its verification.

A supervisor of the coordination body (the NCCT secretariat publishes the national figures)
publishes a *release*: the joint report for a period (and the period it is compared with),
put through disclosure control (:func:`counterflow.stats.disclosure.protect`) together with
every earlier release, so that no suppressed figure can be recovered by differencing the
new release against an old one. The protected tables are frozen as canonical JSON with
their hash, the rules version and the hash of the previous release. The table is
append-only in the database (triggers), and :func:`verify_ledger` recomputes the chain.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.agencies import agency_by_code
from counterflow.audit import AuditAction, record
from counterflow.model.actor import Actor
from counterflow.model.codes import AgencyKind, Role
from counterflow.model.errors import InvalidFieldsError, NotFoundError, PermissionDeniedError
from counterflow.publish.codec import canonical, sha256, table_from_dict, table_to_dict
from counterflow.publish.models import StatisticsRelease
from counterflow.reports.facts import all_facts
from counterflow.stats.disclosure import RULES_VERSION, protect
from counterflow.stats.joint import joint_report
from counterflow.stats.table import Period, PublicTable

GENESIS_HASH = "0" * 64


@dataclass(frozen=True, slots=True)
class Release:
    """A release as the public page and exports read it."""

    seq: int
    title: str
    period: Period
    compare: Period | None
    rules_version: str
    tables: tuple[PublicTable, ...]
    unplaced: tuple[dict[str, Any], ...]
    content_hash: str
    hash: str
    prev_hash: str
    note: str
    corrects_seq: int | None
    published_at: datetime

    def table(self, key: str) -> PublicTable:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)


def _release_hash(row: StatisticsRelease) -> str:
    return sha256(
        canonical(
            {
                "seq": row.seq,
                "title": row.title,
                "period": [row.period_start.isoformat(), row.period_end.isoformat()],
                "compare": [
                    row.compare_start.isoformat() if row.compare_start else None,
                    row.compare_end.isoformat() if row.compare_end else None,
                ],
                "rules_version": row.rules_version,
                "content_hash": row.content_hash,
                "note": row.note,
                "corrects_seq": row.corrects_seq,
                "prev_hash": row.prev_hash,
                "published_at": row.published_at.isoformat(),
            }
        )
    )


def _to_release(row: StatisticsRelease) -> Release:
    content = json.loads(row.content)
    return Release(
        seq=row.seq,
        title=row.title,
        period=Period(row.period_start, row.period_end),
        compare=(
            Period(row.compare_start, row.compare_end)
            if row.compare_start and row.compare_end
            else None
        ),
        rules_version=row.rules_version,
        tables=tuple(table_from_dict(t) for t in content["tables"]),
        unplaced=tuple(content.get("unplaced", ())),
        content_hash=row.content_hash,
        hash=row.hash,
        prev_hash=row.prev_hash,
        note=row.note,
        corrects_seq=row.corrects_seq,
        published_at=row.published_at,
    )


def may_publish(session: Session, actor: Actor) -> bool:
    return (
        actor.role is Role.SUPERVISOR
        and agency_by_code(session, actor.agency_code).kind is AgencyKind.COORDINATION
    )


def publish(
    session: Session,
    *,
    actor: Actor,
    title: str,
    period: Period,
    compare: Period | None,
    note: str = "",
    corrects_seq: int | None = None,
) -> Release:
    """Freeze and publish a release (supervisors of the coordination body; audited).

    A correction names the release it corrects and must say why (``note``); the corrected
    release stays in the ledger as it was.
    """
    if not may_publish(session, actor):
        raise PermissionDeniedError("only supervisors of the NCCT secretariat publish statistics")
    errors: dict[str, str] = {}
    if not title.strip() or len(title) > 200:
        errors["title"] = "a title of 1-200 characters"
    rows = list(session.scalars(select(StatisticsRelease).order_by(StatisticsRelease.seq)))
    if corrects_seq is not None:
        if corrects_seq not in {r.seq for r in rows}:
            errors["corrects_seq"] = f"no release {corrects_seq} to correct"
        if len(note.strip()) < 10:
            errors["note"] = "a correction says what it corrects and why (10 characters or more)"
    if errors:
        raise InvalidFieldsError(errors)
    periods = [period] if compare is None else [period, compare]
    cases, persons, records = all_facts(session)
    report = joint_report(cases=cases, persons=persons, records=records, periods=periods)
    earlier = [_to_release(r).tables for r in rows]
    tables = protect(report.tables, earlier=earlier)
    content = canonical(
        {
            "tables": [table_to_dict(t) for t in tables],
            "unplaced": [
                {
                    "source": u.source,
                    "population": u.population,
                    "period": [u.period.start.isoformat(), u.period.end.isoformat()],
                    "count": u.count,
                }
                for u in report.unplaced
            ],
        }
    )
    row = StatisticsRelease(
        seq=(rows[-1].seq + 1) if rows else 1,
        title=title.strip(),
        period_start=period.start,
        period_end=period.end,
        compare_start=compare.start if compare else None,
        compare_end=compare.end if compare else None,
        rules_version=RULES_VERSION,
        content=content,
        content_hash=sha256(content),
        prev_hash=rows[-1].hash if rows else GENESIS_HASH,
        note=note.strip(),
        corrects_seq=corrects_seq,
        published_by=actor.user_id,
        published_at=datetime.now(UTC).replace(microsecond=0),
    )
    row.hash = _release_hash(row)
    session.add(row)
    session.flush()
    record(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        object_type="statistics_release",
        object_id=row.seq,
        reason=row.note,
        detail={
            "period": period.label,
            "compare": compare.label if compare else None,
            "content_hash": row.content_hash,
            "hash": row.hash,
        },
    )
    return _to_release(row)


def ledger(session: Session) -> list[Release]:
    """Every release, newest first (public)."""
    rows = session.scalars(select(StatisticsRelease).order_by(StatisticsRelease.seq.desc()))
    return [_to_release(r) for r in rows]


def latest(session: Session) -> Release | None:
    row = session.scalars(
        select(StatisticsRelease).order_by(StatisticsRelease.seq.desc()).limit(1)
    ).first()
    return _to_release(row) if row else None


def release(session: Session, seq: int) -> Release:
    row = session.scalars(select(StatisticsRelease).where(StatisticsRelease.seq == seq)).first()
    if row is None:
        raise NotFoundError(f"no release {seq}")
    return _to_release(row)


def release_json(session: Session, seq: int) -> str:
    """The frozen content of release ``seq`` exactly as hashed."""
    row = session.scalars(select(StatisticsRelease).where(StatisticsRelease.seq == seq)).first()
    if row is None:
        raise NotFoundError(f"no release {seq}")
    return row.content


def verify_ledger(session: Session) -> list[str]:
    """Problems found in the release ledger (empty when every hash and link holds)."""
    problems: list[str] = []
    prev = GENESIS_HASH
    rows = session.scalars(select(StatisticsRelease).order_by(StatisticsRelease.seq))
    for expected, row in enumerate(rows, start=1):
        if row.seq != expected:
            problems.append(f"release {expected} is missing (found {row.seq})")
        if sha256(row.content) != row.content_hash:
            problems.append(f"release {row.seq}: content does not match its hash")
        if row.prev_hash != prev:
            problems.append(f"release {row.seq}: does not follow the release before it")
        if _release_hash(row) != row.hash:
            problems.append(f"release {row.seq}: its record was altered")
        prev = row.hash
    return problems
