"""Persons, screening-hit reviews, accounts and transactions of a case, over the API.

Adding a person screens every name they go by against the current watch lists (the
platform's in-memory screener) and records their phones and documents for deconfliction;
the answer carries the stored hits so a client can show them at once.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Body
from sqlalchemy.orm import Session

from counterflow.cases import (
    AccountIn,
    PersonIn,
    SuspectIn,
    TransactionIn,
    VictimIn,
    accounts,
    add_person,
    link_account,
    link_transactions,
    persons,
    review_hit,
    set_suspect_context,
    set_victim_context,
    transactions,
)
from counterflow.model.actor import Actor
from counterflow.model.errors import NotFoundError
from counterflow.web.api.base import api_router
from counterflow.web.api.schemas import (
    AccountOut,
    HitDecisionIn,
    PersonOut,
    ReviewOut,
    TransactionOut,
    TransactionsAdded,
)
from counterflow.web.deps import ApiCtx

router = api_router("persons and money")

MAX_TRANSACTIONS = 10_000
"""Per request: larger imports go through the command line."""


def _person(session: Session, actor: Actor, case_id: int, person_id: int) -> PersonOut:
    for view in persons(session, actor=actor, case_id=case_id):
        if view.person.id == person_id:
            return PersonOut.of(view)
    raise NotFoundError(f"no person {person_id} in this case")


@router.get("/cases/{case_id}/persons")
def persons_list(ctx: ApiCtx, case_id: int) -> list[PersonOut]:
    """The persons of a case with identifiers, open hits and their reviews, age band and,
    for victims, whether the Palermo elements are complete."""
    return [PersonOut.of(v) for v in persons(ctx.db, actor=ctx.actor, case_id=case_id)]


@router.post("/cases/{case_id}/persons", status_code=201)
def person_add(ctx: ApiCtx, case_id: int, body: PersonIn) -> PersonOut:
    """Add a person; their names are screened and their identifiers deconflicted."""
    screener = ctx.platform.screeners.get(ctx.db)
    person = add_person(ctx.db, actor=ctx.actor, case_id=case_id, data=body, screener=screener)
    return _person(ctx.db, ctx.actor, case_id, person.id)


@router.put("/cases/{case_id}/persons/{person_id}/victim")
def person_victim(ctx: ApiCtx, case_id: int, person_id: int, body: VictimIn) -> PersonOut:
    """Record a victim's Palermo checklist, ILO indicators, methods of control and care."""
    set_victim_context(ctx.db, actor=ctx.actor, case_id=case_id, person_id=person_id, data=body)
    return _person(ctx.db, ctx.actor, case_id, person_id)


@router.put("/cases/{case_id}/persons/{person_id}/suspect")
def person_suspect(ctx: ApiCtx, case_id: int, person_id: int, body: SuspectIn) -> PersonOut:
    """Record whether a suspect was arrested, sent to court, is a public official."""
    set_suspect_context(ctx.db, actor=ctx.actor, case_id=case_id, person_id=person_id, data=body)
    return _person(ctx.db, ctx.actor, case_id, person_id)


@router.post("/cases/{case_id}/persons/{person_id}/hits/{hit_id}")
def hit_review(
    ctx: ApiCtx, case_id: int, person_id: int, hit_id: int, body: HitDecisionIn
) -> ReviewOut:
    """Confirm or clear a watch-list hit of a person, with a reason."""
    r = review_hit(
        ctx.db,
        actor=ctx.actor,
        case_id=case_id,
        person_id=person_id,
        hit_id=hit_id,
        decision=body.decision,
        reason=body.reason,
    )
    return ReviewOut(
        decision=r.decision, reason=r.reason, decided_by=r.decided_by, decided_at=r.decided_at
    )


@router.get("/cases/{case_id}/accounts")
def accounts_list(ctx: ApiCtx, case_id: int) -> list[AccountOut]:
    """Accounts linked to a case (an audited read)."""
    rows = accounts(ctx.db, actor=ctx.actor, case_id=case_id)
    return [AccountOut.of(a) for a in rows]


@router.post("/cases/{case_id}/accounts", status_code=201)
def account_link(ctx: ApiCtx, case_id: int, body: AccountIn) -> AccountOut:
    """Link an account (an account already in another agency's case raises a notice)."""
    return AccountOut.of(link_account(ctx.db, actor=ctx.actor, case_id=case_id, data=body))


@router.get("/cases/{case_id}/transactions")
def transactions_list(ctx: ApiCtx, case_id: int) -> list[TransactionOut]:
    """Transactions linked to a case, oldest first; amounts are decimal strings."""
    rows = transactions(ctx.db, actor=ctx.actor, case_id=case_id)
    return [TransactionOut.of(t) for t in rows]


@router.post("/cases/{case_id}/transactions", status_code=201)
def transactions_link(
    ctx: ApiCtx,
    case_id: int,
    body: Annotated[list[TransactionIn], Body(max_length=MAX_TRANSACTIONS)],
) -> TransactionsAdded:
    """Link transactions and their accounts; ones already linked are skipped."""
    added = link_transactions(ctx.db, actor=ctx.actor, case_id=case_id, rows=body)
    return TransactionsAdded(added=added)
