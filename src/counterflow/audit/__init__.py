"""The audit trail (L3): append-only, hash-chained events of every read and write of case data.

    record(session, actor=actor, action=AuditAction.READ, object_type="case", object_id=7,
           case_id=7)
    report = verify(session)      # report.ok, report.problems

No function updates or deletes an event; the database refuses both (migration triggers),
and :func:`verify` detects whoever gets around that.
"""

from counterflow.audit.chain import event_hash
from counterflow.audit.errors import AuditError
from counterflow.audit.models import GENESIS_HASH, AuditEvent
from counterflow.audit.service import (
    AuditAction,
    AuditFilter,
    VerifyReport,
    browse,
    export_csv,
    record,
    verify,
    verify_as,
)

__all__ = [
    "GENESIS_HASH",
    "AuditAction",
    "AuditError",
    "AuditEvent",
    "AuditFilter",
    "VerifyReport",
    "browse",
    "event_hash",
    "export_csv",
    "record",
    "verify",
    "verify_as",
]
