"""Append to the audit trail, verify it, and let oversight read it.

There is deliberately no function here that updates or deletes an event. :func:`record`
appends in the caller's transaction, so the event commits with the change it records or
not at all. On PostgreSQL an advisory lock held to the end of the transaction serialises
appenders (the chain needs one writer at a time); SQLite has one writer anyway, and the
unique ``prev_hash`` turns any race that slips through into an error instead of a fork.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, func, select, text
from sqlalchemy.orm import Session

from counterflow.audit.chain import HASHED_FIELDS, canonical_detail, event_hash
from counterflow.audit.models import GENESIS_HASH, AuditEvent
from counterflow.model.actor import Actor
from counterflow.model.errors import PermissionDeniedError

_ADVISORY_LOCK_KEY = 0x0A0D17
"""PostgreSQL advisory lock class taken by every appender (any constant shared by all); the
second key is the schema, because the chain is one per ``audit_event`` table: installations
(or test runs) in other schemas of the same database must not queue behind each other."""


class AuditAction(StrEnum):
    """What an event records."""

    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    DOWNLOAD = "download"
    SHARE = "share"
    DECIDE = "decide"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    VERIFY = "verify"


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What an auditor narrows the trail to; every field optional."""

    username: str | None = None
    agency: str | None = None
    action: str | None = None
    object_type: str | None = None
    case_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


@dataclass
class VerifyReport:
    """The outcome of :func:`verify`."""

    events: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def record(
    session: Session,
    *,
    actor: Actor | None,
    action: AuditAction | str,
    object_type: str,
    object_id: str | int,
    case_id: int | None = None,
    reason: str = "",
    detail: dict[str, Any] | None = None,
    request_id: str | None = None,
    username: str | None = None,
) -> AuditEvent:
    """Append one event. ``actor`` is ``None`` for anonymous events (a failed login, a
    public tip); ``username`` then names who was claimed."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(:key, hashtext(current_schema()))"),
            {"key": _ADVISORY_LOCK_KEY},
        )
    head = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    seq, prev = (head[0] + 1, head[1]) if head is not None else (1, GENESIS_HASH)
    fields: dict[str, Any] = {
        "seq": seq,
        "at": datetime.now(UTC),
        "actor_user_id": actor.user_id if actor else None,
        "actor_username": actor.username if actor else (username or "anonymous"),
        "actor_agency": actor.agency_code if actor else "",
        "actor_role": actor.role.value if actor else "",
        "action": str(action),
        "object_type": object_type,
        "object_id": str(object_id),
        "case_id": case_id,
        "request_id": request_id if request_id is not None else (actor.request_id if actor else ""),
        "reason": reason,
        "detail": canonical_detail(detail),
        "prev_hash": prev,
    }
    event = AuditEvent(**fields, hash=event_hash(fields))
    session.add(event)
    session.flush()
    return event


def verify(session: Session, *, batch: int = 5000) -> VerifyReport:
    """Walk the whole chain in ``seq`` order and report every break.

    Finds an altered event (its hash no longer matches its fields), a deleted one (a gap in
    ``seq`` and a broken link), a reordered or inserted one (a broken link). Deleting the
    newest events leaves a shorter valid chain: compare ``head_seq``/``head_hash`` with a
    copy kept elsewhere (``counterflow audit verify --expect-head``) to catch that too.
    """
    report = VerifyReport()
    expected_prev, expected_seq = GENESIS_HASH, 1
    for event in _stream(session, batch):
        report.events += 1
        fields = {name: getattr(event, name) for name in HASHED_FIELDS}
        if event.seq != expected_seq:
            report.problems.append(
                f"event {event.seq}: expected sequence number {expected_seq} "
                "(events missing or reordered)"
            )
        if event.prev_hash != expected_prev:
            report.problems.append(
                f"event {event.seq}: link to the previous event is broken "
                "(an event before it was deleted, inserted or altered)"
            )
        if event_hash(fields) != event.hash:
            report.problems.append(f"event {event.seq}: content does not match its hash (altered)")
        expected_prev, expected_seq = event.hash, event.seq + 1
        report.head_seq, report.head_hash = event.seq, event.hash
    return report


def _stream(session: Session, batch: int) -> Iterator[AuditEvent]:
    last = 0
    while True:
        rows = list(
            session.scalars(
                select(AuditEvent)
                .where(AuditEvent.seq > last)
                .order_by(AuditEvent.seq)
                .limit(batch)
            )
        )
        if not rows:
            return
        yield from rows
        last = rows[-1].seq
        session.expunge_all()


def _require_auditor(actor: Actor) -> None:
    if not actor.is_auditor:
        raise PermissionDeniedError("only the oversight body's auditors read the audit trail")


def verify_as(session: Session, *, actor: Actor) -> VerifyReport:
    """:func:`verify` on an auditor's request (the web page's button), itself audited.

    :func:`verify` stays open to the command line, run by whoever operates the database;
    through the platform, walking the whole trail is an oversight act like reading it.
    The event is appended before the walk, so the report covers it too.
    """
    _require_auditor(actor)
    record(
        session,
        actor=actor,
        action=AuditAction.VERIFY,
        object_type="audit_trail",
        object_id="chain",
    )
    return verify(session)


def _filtered(stmt: Select[Any], where: AuditFilter) -> Select[Any]:
    if where.username:
        stmt = stmt.where(AuditEvent.actor_username == where.username)
    if where.agency:
        stmt = stmt.where(AuditEvent.actor_agency == where.agency)
    if where.action:
        stmt = stmt.where(AuditEvent.action == where.action)
    if where.object_type:
        stmt = stmt.where(AuditEvent.object_type == where.object_type)
    if where.case_id is not None:
        stmt = stmt.where(AuditEvent.case_id == where.case_id)
    if where.since is not None:
        stmt = stmt.where(AuditEvent.at >= where.since)
    if where.until is not None:
        stmt = stmt.where(AuditEvent.at < where.until)
    return stmt


def browse(
    session: Session,
    *,
    actor: Actor,
    where: AuditFilter | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[AuditEvent], int]:
    """A page of events, newest first, and how many match in all (auditors only).

    Reading the trail is itself recorded: oversight is watched too.
    """
    _require_auditor(actor)
    where = where or AuditFilter()
    total = session.scalar(_filtered(select(func.count()).select_from(AuditEvent), where)) or 0
    rows = list(
        session.scalars(
            _filtered(select(AuditEvent), where)
            .order_by(AuditEvent.seq.desc())
            .limit(max(1, min(limit, 1000)))
            .offset(max(0, offset))
        )
    )
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type="audit_trail",
        object_id="events",
        detail={"filter": _filter_detail(where), "offset": offset, "shown": len(rows)},
    )
    return rows, total


EXPORT_COLUMNS = ("seq", "at", *HASHED_FIELDS[2:], "hash")


def export_csv(session: Session, *, actor: Actor, where: AuditFilter | None = None) -> str:
    """Every matching event as CSV, oldest first, with its hashes (auditors only)."""
    _require_auditor(actor)
    where = where or AuditFilter()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for event in session.scalars(_filtered(select(AuditEvent), where).order_by(AuditEvent.seq)):
        writer.writerow(
            [
                event.at.isoformat() if name == "at" else _cell(getattr(event, name))
                for name in EXPORT_COLUMNS
            ]
        )
        count += 1
    record(
        session,
        actor=actor,
        action=AuditAction.EXPORT,
        object_type="audit_trail",
        object_id="events",
        detail={"filter": _filter_detail(where), "rows": count},
    )
    return out.getvalue()


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP CSV injection)."""
    s = "" if value is None else str(value)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def _filter_detail(where: AuditFilter) -> dict[str, Any]:
    return {
        k: (v.isoformat() if isinstance(v, datetime) else v)
        for k, v in (
            ("username", where.username),
            ("agency", where.agency),
            ("action", where.action),
            ("object_type", where.object_type),
            ("case_id", where.case_id),
            ("since", where.since),
            ("until", where.until),
        )
        if v is not None
    }
