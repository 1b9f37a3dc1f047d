"""Accounts and transactions linked to a case (from an escalated alert, a bank's reply to a
request, a victim's statement). Accounts are identifiers too: an account already in
another agency's case raises a deconfliction notice."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.audit import AuditAction, record
from counterflow.cases import deconfliction
from counterflow.cases.access import CaseAction, load_case
from counterflow.cases.identifiers import normalise
from counterflow.cases.models import Case, CaseAccount, CaseTransaction, Identifier, Person
from counterflow.cases.schemas import AccountIn, TransactionIn
from counterflow.model.actor import Actor
from counterflow.model.codes import IdentifierKind
from counterflow.model.errors import InvalidFieldsError


def link_account(session: Session, *, actor: Actor, case_id: int, data: AccountIn) -> CaseAccount:
    """Link an account to a case (once; linking again returns the existing link)."""
    case, _ = load_case(session, actor, case_id, CaseAction.CONTRIBUTE)
    return _link_account(session, actor, case, data)


def _link_account(session: Session, actor: Actor, case: Case, data: AccountIn) -> CaseAccount:
    if data.holder_person_id is not None:
        holder = session.get(Person, data.holder_person_id)
        if holder is None or holder.case_id != case.id:
            raise InvalidFieldsError({"holder_person_id": "no such person in this case"})
    existing = session.scalars(
        select(CaseAccount).where(
            CaseAccount.case_id == case.id, CaseAccount.account == data.account
        )
    ).one_or_none()
    if existing is not None:
        return existing
    link = CaseAccount(
        case_id=case.id,
        account=data.account,
        bank=data.bank,
        holder_person_id=data.holder_person_id,
        note=data.note,
        added_at=datetime.now(UTC),
    )
    session.add(link)
    value = normalise(IdentifierKind.ACCOUNT, data.account)
    session.add(
        Identifier(
            case_id=case.id,
            person_id=data.holder_person_id,
            kind=IdentifierKind.ACCOUNT,
            value=value,
            shown=data.account,
        )
    )
    session.flush()
    record(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        object_type="case_account",
        object_id=link.id,
        case_id=case.id,
        detail={"account": data.account},
    )
    deconfliction.check(session, actor=actor, case=case, kind=IdentifierKind.ACCOUNT, value=value)
    return link


def link_transactions(
    session: Session, *, actor: Actor, case_id: int, rows: list[TransactionIn]
) -> int:
    """Link transactions (and their accounts) to a case; return how many were new."""
    case, _ = load_case(session, actor, case_id, CaseAction.CONTRIBUTE)
    return attach_transactions(session, actor=actor, case=case, rows=rows)


def attach_transactions(
    session: Session, *, actor: Actor, case: Case, rows: list[TransactionIn]
) -> int:
    """:func:`link_transactions` for a case the caller has already checked."""
    known = set(
        session.scalars(select(CaseTransaction.txn_id).where(CaseTransaction.case_id == case.id))
    )
    new = 0
    now = datetime.now(UTC)
    for r in rows:
        if r.txn_id in known:
            continue
        known.add(r.txn_id)
        session.add(
            CaseTransaction(
                case_id=case.id,
                txn_id=r.txn_id,
                ts=r.ts,
                src_account=r.src_account,
                dst_account=r.dst_account,
                amount=r.amount,
                currency=r.currency.upper(),
                amount_usd=r.amount_usd,
                added_at=now,
            )
        )
        new += 1
    accounts = sorted({a for r in rows for a in (r.src_account, r.dst_account) if a})
    for a in accounts:
        _link_account(session, actor, case, AccountIn(account=a))
    session.flush()
    record(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        object_type="case_transaction",
        object_id=case.id,
        case_id=case.id,
        detail={"added": new},
    )
    return new


def accounts(session: Session, *, actor: Actor, case_id: int) -> list[CaseAccount]:
    """The accounts linked to a case: an audited read, like :func:`transactions`."""
    case, _ = load_case(session, actor, case_id, CaseAction.VIEW)
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type="case_account",
        object_id=case.id,
        case_id=case.id,
    )
    return list(
        session.scalars(
            select(CaseAccount).where(CaseAccount.case_id == case.id).order_by(CaseAccount.account)
        )
    )


def transactions(session: Session, *, actor: Actor, case_id: int) -> list[CaseTransaction]:
    case, _ = load_case(session, actor, case_id, CaseAction.VIEW)
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type="case_transaction",
        object_id=case.id,
        case_id=case.id,
    )
    return list(
        session.scalars(
            select(CaseTransaction)
            .where(CaseTransaction.case_id == case.id)
            .order_by(CaseTransaction.ts, CaseTransaction.txn_id)
        )
    )
