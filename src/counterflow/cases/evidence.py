"""Evidence files: stored by SHA-256, with a chain of custody.

An upload is checked before anything is written: at most :data:`MAX_BYTES`, and the bytes
must be what the name says (the file's own signature, not the browser's content type, is
trusted: an ``.exe`` renamed ``.pdf`` is refused). The file is written under its hash
(content-addressed, written to a temporary name then renamed, so a half-written file never
carries a valid name); the row, the custody entry and the audit event go in the caller's
transaction. Every download is a custody event and re-checks the hash.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.audit import AuditAction, record
from counterflow.auth import User
from counterflow.cases.access import CaseAction, load_case
from counterflow.cases.models import CustodyEvent, Evidence, TimelineEntry
from counterflow.model.actor import Actor
from counterflow.model.errors import InvalidFieldsError, NotFoundError

MAX_BYTES = 20 * 1024 * 1024
"""20 MiB: photos, scanned statements, bank exports; larger media go through the FIU."""

_SIGNATURES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".txt": ("text/plain; charset=utf-8", ()),
    ".csv": ("text/csv; charset=utf-8", ()),
}
"""Accepted extensions → (content type served back, accepted leading bytes). Text files
have no signature: they must decode as UTF-8 and hold no NUL byte."""


_NAME_CHAR = re.compile(r"[\w.\- ]")


def _safe_name(filename: str) -> str:
    """The last path component, with anything but letters, digits, ``._-`` and spaces made
    ``_``. Combining marks are letters' parts (Khmer vowels and subscripts are marks, which
    ``\\w`` does not match): kept, so a Khmer file name stays readable."""
    base = Path(filename.replace("\\", "/")).name
    base = "".join(
        c if _NAME_CHAR.match(c) or unicodedata.category(c).startswith("M") else "_" for c in base
    ).strip(" .")
    return base[:200] or "file"


def sniff(filename: str, content: bytes) -> str:
    """The content type to store for ``content``, or :class:`InvalidFieldsError`."""
    ext = Path(filename).suffix.lower()
    if ext not in _SIGNATURES:
        raise InvalidFieldsError(
            {
                "file": f"type {ext or '(none)'} not accepted; accepted: "
                + ", ".join(sorted(_SIGNATURES))
            }
        )
    content_type, magic = _SIGNATURES[ext]
    if magic:
        if not any(content.startswith(m) for m in magic):
            raise InvalidFieldsError({"file": f"the file's content is not a {ext} file"})
    else:
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidFieldsError({"file": f"a {ext} file must be UTF-8 text"}) from None
        if b"\x00" in content:
            raise InvalidFieldsError({"file": f"a {ext} file must not contain NUL bytes"})
    return content_type


def blob_path(storage: Path, sha256: str) -> Path:
    return storage / sha256[:2] / sha256


def _write_blob(storage: Path, sha256: str, content: bytes) -> None:
    path = blob_path(storage, sha256)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def add_evidence(
    session: Session,
    *,
    actor: Actor,
    case_id: int,
    filename: str,
    content: bytes,
    description: str,
    storage: Path,
) -> Evidence:
    """Attach a file to a case (see the module docstring for the checks)."""
    case, _ = load_case(session, actor, case_id, CaseAction.CONTRIBUTE)
    if not content:
        raise InvalidFieldsError({"file": "the file is empty"})
    if len(content) > MAX_BYTES:
        raise InvalidFieldsError({"file": f"at most {MAX_BYTES // (1024 * 1024)} MiB"})
    name = _safe_name(filename)
    content_type = sniff(name, content)
    digest = hashlib.sha256(content).hexdigest()
    _write_blob(storage, digest, content)
    now = datetime.now(UTC)
    ev = Evidence(
        case_id=case.id,
        filename=name,
        content_type=content_type,
        size=len(content),
        sha256=digest,
        description=description.strip()[:2000],
        uploaded_by=actor.user_id,
        uploaded_at=now,
    )
    session.add(ev)
    session.flush()
    session.add(
        CustodyEvent(
            evidence_id=ev.id,
            at=now,
            user_id=actor.user_id,
            action="received",
            note="uploaded",
            sha256_seen=digest,
        )
    )
    session.add(
        TimelineEntry(
            case_id=case.id,
            at=now,
            user_id=actor.user_id,
            kind="evidence",
            text=f"evidence {name} ({digest[:12]}…)",
            data={"evidence_id": ev.id},
        )
    )
    record(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        object_type="evidence",
        object_id=ev.id,
        case_id=case.id,
        detail={"sha256": digest, "size": len(content), "filename": name},
    )
    return ev


def evidence_list(session: Session, *, actor: Actor, case_id: int) -> list[Evidence]:
    """The case's evidence files (names, hashes, descriptions): an audited read."""
    case, _ = load_case(session, actor, case_id, CaseAction.VIEW)
    items = list(
        session.scalars(
            select(Evidence).where(Evidence.case_id == case.id).order_by(Evidence.uploaded_at)
        )
    )
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type="evidence",
        object_id=",".join(str(e.id) for e in items) or "-",
        case_id=case.id,
    )
    return items


@dataclass(frozen=True, slots=True)
class Download:
    evidence: Evidence
    content: bytes


def download(
    session: Session, *, actor: Actor, case_id: int, evidence_id: int, storage: Path
) -> Download:
    """The file's bytes, after checking its hash; a custody event and an audit event."""
    case, _ = load_case(session, actor, case_id, CaseAction.VIEW)
    ev = session.get(Evidence, evidence_id)
    if ev is None or ev.case_id != case.id:
        raise NotFoundError(f"no evidence {evidence_id} in this case")
    path = blob_path(storage, ev.sha256)
    content = path.read_bytes() if path.exists() else b""
    seen = hashlib.sha256(content).hexdigest()
    session.add(
        CustodyEvent(
            evidence_id=ev.id,
            at=datetime.now(UTC),
            user_id=actor.user_id,
            action="downloaded",
            note=""
            if seen == ev.sha256
            else "HASH MISMATCH: the stored file changed or is missing",
            sha256_seen=seen,
        )
    )
    record(
        session,
        actor=actor,
        action=AuditAction.DOWNLOAD,
        object_type="evidence",
        object_id=ev.id,
        case_id=case.id,
        detail={"sha256_ok": seen == ev.sha256},
    )
    if seen != ev.sha256:
        raise NotFoundError(
            f"evidence {evidence_id}: the stored file does not match its SHA-256 "
            "(recorded in custody)"
        )
    return Download(ev, content)


def custody(
    session: Session, *, actor: Actor, case_id: int, evidence_id: int
) -> list[tuple[CustodyEvent, str]]:
    case, _ = load_case(session, actor, case_id, CaseAction.VIEW)
    ev = session.get(Evidence, evidence_id)
    if ev is None or ev.case_id != case.id:
        raise NotFoundError(f"no evidence {evidence_id} in this case")
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type="custody",
        object_id=ev.id,
        case_id=case.id,
    )
    rows = session.execute(
        select(CustodyEvent, User.username)
        .join(User, User.id == CustodyEvent.user_id)
        .where(CustodyEvent.evidence_id == ev.id)
        .order_by(CustodyEvent.at, CustodyEvent.id)
    )
    return [(c, u) for c, u in rows]
