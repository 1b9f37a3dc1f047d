"""Receiving an anonymous tip from the public.

Anyone may tell the authorities what they saw, without an account and without being
traced: the tip keeps the text, an optional category and province, the contact the
tipster chose to give (often none) and an optional photo stripped of its metadata
(:mod:`counterflow.tips.photo`). The caller passes no network address, browser or device
identifier, and this module has nowhere to put one.

The same text sent again within an hour is accepted (it may be a second person, or a
first attempt that seemed to fail) but flagged as a duplicate of the earlier tip, so the
queue does not count it twice. The tip and its audit event (anonymous actor) are written
in the caller's transaction.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.audit import AuditAction, record
from counterflow.model.codes import PROVINCES, TipCategory, TipStatus
from counterflow.model.errors import InvalidFieldsError
from counterflow.tips.models import Tip
from counterflow.tips.photo import clean_photo, store_photo

TEXT_MAX = 5000
"""Characters in a tip: room for a detailed account, not for a pasted book."""
CONTACT_MAX = 200
DUPLICATE_WINDOW = timedelta(hours=1)
LANGUAGES = ("en", "km")

_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
"""No 0/O, 1/I/L or U: a reference read out on the phone is not misheard."""


def _keep(c: str, *, single_line: bool) -> bool:
    category = unicodedata.category(c)
    if not category.startswith("C"):
        return True
    # Khmer and other scripts rely on format characters (zero-width space and joiners).
    return category == "Cf" or (c in "\n\t" and not single_line)


def _clean_text(value: str, *, single_line: bool = False) -> str:
    """Trimmed text without control characters (line breaks kept unless ``single_line``)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if single_line:
        value = value.replace("\n", " ").replace("\t", " ")
    return "".join(c for c in value if _keep(c, single_line=single_line)).strip()


def text_digest(text: str) -> str:
    """SHA-256 of the text with case and spacing normalised: the duplicate key."""
    normal = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _reference(session: Session) -> str:
    while True:
        ref = "T-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
        if session.scalar(select(Tip.id).where(Tip.reference == ref)) is None:
            return ref


def _validated(
    text: str, category: str, province: str, contact: str
) -> tuple[str, TipCategory | None, str | None, str]:
    errors: dict[str, str] = {}
    body = _clean_text(text)
    if not body:
        errors["text"] = "required"
    elif len(body) > TEXT_MAX:
        errors["text"] = f"at most {TEXT_MAX} characters"
    chosen: TipCategory | None = None
    if category:
        try:
            chosen = TipCategory(category)
        except ValueError:
            errors["category"] = "choose one of the list"
    place = province.strip() or None
    if place is not None and place not in PROVINCES:
        errors["province"] = "choose a province of the list"
    reach = _clean_text(contact, single_line=True)
    if len(reach) > CONTACT_MAX:
        errors["contact"] = f"at most {CONTACT_MAX} characters"
    if errors:
        raise InvalidFieldsError(errors)
    return body, chosen, place, reach


def submit_tip(
    session: Session,
    *,
    text: str,
    category: str = "",
    province: str = "",
    contact: str = "",
    language: str = "en",
    photo: bytes | None = None,
    storage: Path | None = None,
    request_id: str = "",
    now: datetime | None = None,
) -> Tip:
    """Receive one anonymous tip; :class:`InvalidFieldsError` names the fields to fix.

    ``photo`` (raw upload bytes) is cleaned and written under ``storage`` only once every
    other field is valid.
    """
    body, chosen, place, reach = _validated(text, category, province, contact)
    photo_sha: str | None = None
    photo_type: str | None = None
    photo_size: int | None = None
    if photo:
        if storage is None:
            raise ValueError("a photo needs a storage folder")
        cleaned = clean_photo(photo)
        photo_sha = store_photo(storage, cleaned)
        photo_type, photo_size = cleaned.content_type, len(cleaned.content)
    received = now or datetime.now(UTC)
    digest = text_digest(body)
    earlier = session.scalars(
        select(Tip)
        .where(Tip.text_digest == digest, Tip.received_at >= received - DUPLICATE_WINDOW)
        .order_by(Tip.received_at.desc(), Tip.id.desc())
        .limit(1)
    ).first()
    tip = Tip(
        reference=_reference(session),
        received_at=received,
        text=body,
        category=chosen,
        province=place,
        contact=reach,
        language=language if language in LANGUAGES else "en",
        text_digest=digest,
        # Point at the first of a run of duplicates, not at the previous copy.
        duplicate_of_id=(earlier.duplicate_of_id or earlier.id) if earlier else None,
        photo_sha256=photo_sha,
        photo_content_type=photo_type,
        photo_size=photo_size,
        status=TipStatus.NEW,
        assignee_id=None,
        dismissal_reason="",
        updated_at=received,
    )
    session.add(tip)
    session.flush()
    record(
        session,
        actor=None,
        action=AuditAction.CREATE,
        object_type="tip",
        object_id=tip.id,
        request_id=request_id,
        detail={
            "reference": tip.reference,
            "category": chosen.value if chosen else None,
            "province": place,
            "photo": photo_sha,
            "duplicate_of": tip.duplicate_of_id,
        },
    )
    return tip
