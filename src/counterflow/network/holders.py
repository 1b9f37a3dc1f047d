"""Account holders in the database: import from a KYC file, and the link records of them.

Who may import: the FIU (its analysts and supervisors receive KYC records from the banks,
AML/CFT Law 2020 art. 25), a system administrator (loading a file an FIU officer handed
over, without reading it: the count is all that comes back), or the system itself (``actor``
``None``: the demo seeding, a scheduled job). Re-importing an account of the same bank
replaces its row: the bank's latest record is the one in force.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.audit import AuditAction, record
from counterflow.ingest import HolderKind, HolderRecord, read_holders
from counterflow.links import LinkRecord, RecordSource, SharedKind, normalise
from counterflow.model.actor import Actor
from counterflow.model.codes import Role
from counterflow.model.errors import PermissionDeniedError
from counterflow.model.network import NodeKind, node_id
from counterflow.network.models import AccountHolder

FIU_CODE = "CAFIU"
_FIU_ROLES = frozenset({Role.ANALYST, Role.SUPERVISOR})


def may_import(actor: Actor | None) -> bool:
    if actor is None or actor.role is Role.SYSTEM_ADMIN:
        return True
    return actor.agency_code == FIU_CODE and actor.role in _FIU_ROLES


def _fill(row: AccountHolder, h: HolderRecord, source: str, now: datetime) -> None:
    row.holder_kind = h.holder_kind
    row.name, row.name_khmer = h.name, h.name_khmer
    row.date_of_birth, row.nationality = h.date_of_birth, h.nationality
    row.id_document, row.phone, row.email = h.id_document, h.phone, h.email
    row.address, row.signatory = h.address, h.signatory
    row.phone_norm = normalise(SharedKind.PHONE, h.phone)
    row.document_norm = normalise(SharedKind.ID_DOCUMENT, h.id_document)
    row.email_norm = normalise(SharedKind.EMAIL, h.email)
    row.address_norm = normalise(SharedKind.ADDRESS, h.address)
    row.source_file = source
    row.imported_at = now


def store_holders(
    session: Session, *, actor: Actor | None, holders: Iterable[HolderRecord], source: str
) -> int:
    """Insert or replace holder rows; returns how many rows were written."""
    if not may_import(actor):
        raise PermissionDeniedError("account holders are imported by the FIU or an administrator")
    batch = list(holders)
    existing = {(r.bank, r.account): r for r in session.scalars(select(AccountHolder))}
    now = datetime.now(UTC)
    for h in batch:
        row = existing.get((h.bank, h.account))
        if row is None:
            row = AccountHolder(account=h.account, bank=h.bank)
            session.add(row)
            existing[(h.bank, h.account)] = row
        _fill(row, h, source, now)
    session.flush()
    record(
        session,
        actor=actor,
        username=None if actor else "system",
        action=AuditAction.CREATE,
        object_type="account_holder_import",
        object_id=source[-64:],
        detail={"rows": len(batch)},
    )
    return len(batch)


def import_holders(session: Session, *, actor: Actor | None, path: Path | str) -> int:
    """Read a holders CSV file (:mod:`counterflow.ingest.holders`) and store it; returns the
    number of rows. An :class:`~counterflow.model.InputError` stores nothing."""
    if not may_import(actor):
        raise PermissionDeniedError("account holders are imported by the FIU or an administrator")
    path = Path(path)
    return store_holders(session, actor=actor, holders=read_holders(path), source=path.name)


def holder_key(row: AccountHolder) -> str:
    """The holder's node id: ``person:h<id>`` or ``company:h<id>``."""
    kind = NodeKind.COMPANY if row.holder_kind is HolderKind.COMPANY else NodeKind.PERSON
    return node_id(kind, f"h{row.id}")


def holder_link_record(row: AccountHolder) -> LinkRecord:
    def one(value: str) -> tuple[str, ...]:
        return (value,) if value else ()

    return LinkRecord(
        key=holder_key(row),
        source=RecordSource.HOLDER,
        name=row.name,
        name_khmer=row.name_khmer,
        company=row.holder_kind is HolderKind.COMPANY,
        date_of_birth=row.date_of_birth,
        nationality=row.nationality,
        phones=one(row.phone),
        documents=one(row.id_document),
        emails=one(row.email),
        addresses=one(row.address),
        accounts=(row.account,),
        signatories=one(row.signatory),
    )
