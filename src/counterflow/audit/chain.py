"""The hash of one audit event: SHA-256 over a canonical JSON of every field.

Canonical means sorted keys, no whitespace, UTF-8, times in ISO 8601 UTC with microseconds:
the same event gives the same bytes on any machine and either database, so anyone holding a
copy of the table can re-verify it with this one function.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

HASHED_FIELDS: tuple[str, ...] = (
    "seq",
    "at",
    "actor_user_id",
    "actor_username",
    "actor_agency",
    "actor_role",
    "action",
    "object_type",
    "object_id",
    "case_id",
    "request_id",
    "reason",
    "detail",
    "prev_hash",
)


def canonical_time(at: datetime) -> str:
    """``2026-12-03T14:37:39.123456+00:00`` for any aware datetime."""
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def event_hash(fields: dict[str, Any]) -> str:
    """The SHA-256 (hex) of the hashed fields of one event."""
    body = {name: fields[name] for name in HASHED_FIELDS}
    body["at"] = canonical_time(body["at"])
    payload = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def canonical_detail(detail: dict[str, Any] | None) -> str:
    """``detail`` as canonical JSON (``{}`` when empty); values must be JSON types."""
    return json.dumps(detail or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
