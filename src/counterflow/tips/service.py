"""Triage of anonymous tips by the NCCT secretariat, and their referral to agencies.

A tip arrives ``new``. Someone of the secretariat takes it (``reviewing``), notes what
they checked, and either refers it to the agency that can act on it (the National Police
or the Gendarmerie for trafficking, the FIU for the money), which makes it ``referred``
and visible to that agency's staff, or dismisses it with a reason. A tip may be referred
to more than one agency (a scam compound is both). Who may do what is decided in
:mod:`counterflow.tips.access`; every read, photo view and decision is audited, because a
tip may name a person who has not been charged with anything.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.agencies import Agency
from counterflow.audit import AuditAction, record
from counterflow.auth import User
from counterflow.model.actor import Actor
from counterflow.model.codes import TipStatus
from counterflow.model.errors import (
    ConflictError,
    InvalidFieldsError,
    NotFoundError,
    PermissionDeniedError,
)
from counterflow.tips.access import REFERRAL_KINDS, STAFF_ROLES, TipAccess, access, triages
from counterflow.tips.models import Tip, TipNote, TipReferral
from counterflow.tips.photo import read_photo

NOTE_MAX = 20_000
_STILL_OPEN = (TipStatus.NEW, TipStatus.REVIEWING)


@dataclass(frozen=True, slots=True)
class TipSummary:
    """A row of the queue."""

    tip: Tip
    referred_to: tuple[str, ...]
    """Codes of the agencies it was referred to."""
    assignee: str | None


@dataclass(frozen=True, slots=True)
class Referral:
    agency_code: str
    by: str
    at: datetime
    note: str


@dataclass(frozen=True, slots=True)
class Note:
    by: str
    at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class TipFile:
    """One tip as its page shows it, with what the reader may do."""

    tip: Tip
    access: TipAccess
    assignee: str | None
    referrals: tuple[Referral, ...]
    notes: tuple[Note, ...]
    duplicate_of: str | None
    """The reference of the earlier tip with the same text, if flagged."""

    @property
    def may_triage(self) -> bool:
        return self.access is TipAccess.TRIAGE

    @property
    def may_note(self) -> bool:
        return self.access in (TipAccess.TRIAGE, TipAccess.REFERRED)


@dataclass(frozen=True, slots=True)
class TipPhoto:
    content: bytes
    content_type: str
    intact: bool
    """The stored file still hashes to the recorded SHA-256 (else it is not served)."""


def _now() -> datetime:
    return datetime.now(UTC)


def _load(session: Session, actor: Actor, tip_id: int) -> tuple[Tip, TipAccess]:
    tip = session.get(Tip, tip_id)
    standing = access(session, actor, tip) if tip is not None else TipAccess.NONE
    if tip is None or standing is TipAccess.NONE:
        raise NotFoundError(f"no tip {tip_id}")
    return tip, standing


def _for_triage(session: Session, actor: Actor, tip_id: int) -> Tip:
    tip, standing = _load(session, actor, tip_id)
    if standing is TipAccess.OVERSIGHT:
        raise PermissionDeniedError("auditors read tips; they do not triage them")
    if standing is not TipAccess.TRIAGE:
        raise PermissionDeniedError("only the NCCT secretariat triages tips")
    return tip


def _usernames(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.username).where(User.id.in_(ids))).all())


def tip_queue(
    session: Session, *, actor: Actor, status: TipStatus | None = None, limit: int = 200
) -> list[TipSummary]:
    """The tips the actor may see, newest first: every tip for the secretariat and for
    auditors, the tips referred to their agency for other staff, none for administrators."""
    if not actor.is_auditor and actor.role not in STAFF_ROLES:
        return []
    stmt = select(Tip)
    if not actor.is_auditor and not triages(session, actor):
        stmt = stmt.join(TipReferral, TipReferral.tip_id == Tip.id).where(
            TipReferral.agency_id == actor.agency_id
        )
    if status is not None:
        stmt = stmt.where(Tip.status == status)
    tips = list(session.scalars(stmt.order_by(Tip.received_at.desc(), Tip.id.desc()).limit(limit)))
    referred: dict[int, list[str]] = {}
    if tips:
        for tip_id, code in session.execute(
            select(TipReferral.tip_id, Agency.code)
            .join(Agency, Agency.id == TipReferral.agency_id)
            .where(TipReferral.tip_id.in_([t.id for t in tips]))
            .order_by(TipReferral.at, TipReferral.id)
        ):
            referred.setdefault(tip_id, []).append(code)
    names = _usernames(session, {t.assignee_id for t in tips if t.assignee_id is not None})
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type="tip_queue",
        object_id="tips",
        detail={"status": status.value if status else "all", "shown": len(tips)},
    )
    return [
        TipSummary(
            tip=t,
            referred_to=tuple(referred.get(t.id, ())),
            assignee=names.get(t.assignee_id) if t.assignee_id is not None else None,
        )
        for t in tips
    ]


def get_tip(session: Session, *, actor: Actor, tip_id: int) -> TipFile:
    """One tip with its referrals and notes (an audited read)."""
    tip, standing = _load(session, actor, tip_id)
    referrals = [
        (referral, code)
        for referral, code in session.execute(
            select(TipReferral, Agency.code)
            .join(Agency, Agency.id == TipReferral.agency_id)
            .where(TipReferral.tip_id == tip.id)
            .order_by(TipReferral.at, TipReferral.id)
        )
    ]
    notes = list(
        session.scalars(
            select(TipNote).where(TipNote.tip_id == tip.id).order_by(TipNote.at, TipNote.id)
        )
    )
    names = _usernames(
        session,
        {r.referred_by for r, _ in referrals}
        | {n.user_id for n in notes}
        | ({tip.assignee_id} if tip.assignee_id is not None else set()),
    )
    duplicate = session.get(Tip, tip.duplicate_of_id) if tip.duplicate_of_id else None
    record(session, actor=actor, action=AuditAction.READ, object_type="tip", object_id=tip.id)
    return TipFile(
        tip=tip,
        access=standing,
        assignee=names.get(tip.assignee_id) if tip.assignee_id is not None else None,
        referrals=tuple(
            Referral(code, names.get(r.referred_by, "?"), r.at, r.note) for r, code in referrals
        ),
        notes=tuple(Note(names.get(n.user_id, "?"), n.at, n.text) for n in notes),
        duplicate_of=duplicate.reference if duplicate else None,
    )


def tip_photo(session: Session, *, actor: Actor, tip_id: int, storage: Path) -> TipPhoto:
    """The tip's photo (an audited download); the caller serves it only if ``intact``."""
    tip, _ = _load(session, actor, tip_id)
    if tip.photo_sha256 is None:
        raise NotFoundError(f"tip {tip_id} has no photo")
    content = read_photo(storage, tip.photo_sha256) or b""
    intact = hashlib.sha256(content).hexdigest() == tip.photo_sha256
    record(
        session,
        actor=actor,
        action=AuditAction.DOWNLOAD,
        object_type="tip",
        object_id=tip.id,
        detail={"photo": tip.photo_sha256, "intact": intact},
    )
    return TipPhoto(content, tip.photo_content_type or "application/octet-stream", intact)


def take_tip(session: Session, *, actor: Actor, tip_id: int) -> Tip:
    """The actor takes the tip: it is theirs to review."""
    tip = _for_triage(session, actor, tip_id)
    if tip.status is TipStatus.DISMISSED:
        raise ConflictError("the tip was dismissed")
    tip.assignee_id = actor.user_id
    if tip.status is TipStatus.NEW:
        tip.status = TipStatus.REVIEWING
    tip.updated_at = _now()
    record(
        session,
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="tip",
        object_id=tip.id,
        detail={"assignee": actor.username, "status": tip.status.value},
    )
    return tip


def add_tip_note(session: Session, *, actor: Actor, tip_id: int, text: str) -> TipNote:
    """A note by the secretariat or by an agency the tip was referred to."""
    tip, standing = _load(session, actor, tip_id)
    if standing is TipAccess.OVERSIGHT:
        raise PermissionDeniedError("auditors read tips; they do not add to them")
    body = text.strip()
    if not body:
        raise InvalidFieldsError({"text": "required"})
    note = TipNote(tip_id=tip.id, user_id=actor.user_id, at=_now(), text=body[:NOTE_MAX])
    session.add(note)
    session.flush()
    record(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        object_type="tip",
        object_id=tip.id,
        detail={"note_id": note.id},
    )
    return note


def referral_agencies(session: Session) -> list[Agency]:
    """The agencies a tip may be referred to, by code."""
    return list(
        session.scalars(select(Agency).where(Agency.kind.in_(REFERRAL_KINDS)).order_by(Agency.code))
    )


def refer_tip(
    session: Session, *, actor: Actor, tip_id: int, agency_code: str, note: str = ""
) -> TipReferral:
    """Refer the tip to a police, gendarmerie or FIU agency, whose staff then see it."""
    tip = _for_triage(session, actor, tip_id)
    if tip.status is TipStatus.DISMISSED:
        raise ConflictError("the tip was dismissed")
    agency = session.scalars(
        select(Agency).where(Agency.code == agency_code.strip().upper())
    ).one_or_none()
    if agency is None or agency.kind not in REFERRAL_KINDS:
        raise InvalidFieldsError({"agency": "choose a police, gendarmerie or FIU agency"})
    if session.scalar(
        select(TipReferral.id).where(
            TipReferral.tip_id == tip.id, TipReferral.agency_id == agency.id
        )
    ):
        raise ConflictError(f"the tip was already referred to {agency.code}")
    now = _now()
    referral = TipReferral(
        tip_id=tip.id,
        agency_id=agency.id,
        referred_by=actor.user_id,
        at=now,
        note=note.strip()[:NOTE_MAX],
    )
    session.add(referral)
    tip.status = TipStatus.REFERRED
    tip.updated_at = now
    session.flush()
    record(
        session,
        actor=actor,
        action=AuditAction.SHARE,
        object_type="tip",
        object_id=tip.id,
        reason=referral.note,
        detail={"agency": agency.code},
    )
    return referral


def dismiss_tip(session: Session, *, actor: Actor, tip_id: int, reason: str) -> Tip:
    """Dismiss a tip not yet referred, saying why (spam, no detail to act on, ...)."""
    tip = _for_triage(session, actor, tip_id)
    if tip.status not in _STILL_OPEN:
        raise ConflictError(f"the tip is {tip.status.value}")
    if len(reason.strip()) < 10:
        raise InvalidFieldsError({"reason": "say why (at least 10 characters)"})
    tip.status = TipStatus.DISMISSED
    tip.dismissal_reason = reason.strip()[:NOTE_MAX]
    tip.updated_at = _now()
    record(
        session,
        actor=actor,
        action=AuditAction.DECIDE,
        object_type="tip",
        object_id=tip.id,
        reason=tip.dismissal_reason,
        detail={"status": tip.status.value},
    )
    return tip
