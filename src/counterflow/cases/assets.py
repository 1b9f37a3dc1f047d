"""Asset freezes: orders that freeze a case's accounts, vehicles or property.

What was frozen, how much and when is part of the financial side of the joint report
(DOMAIN.md: "assets frozen"). Amounts are exact decimals in the order's currency; the
US-dollar value is given by the user for other currencies (the rate of the order date is a
fact of the order, not something the platform should guess).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.audit import AuditAction, record
from counterflow.cases.access import CaseAction, load_case
from counterflow.cases.models import AssetFreeze
from counterflow.cases.schemas import AssetFreezeIn
from counterflow.model.actor import Actor
from counterflow.model.errors import InvalidFieldsError


def record_asset_freeze(
    session: Session, *, actor: Actor, case_id: int, data: AssetFreezeIn
) -> AssetFreeze:
    """Record a freezing order on a case (contribute access needed; audited)."""
    case, _ = load_case(session, actor, case_id, CaseAction.CONTRIBUTE)
    currency = data.currency.upper()
    if currency == "USD":
        usd = data.amount
    elif data.amount_usd is None:
        raise InvalidFieldsError({"amount_usd": f"give the US-dollar value of {currency}"})
    else:
        usd = data.amount_usd
    freeze = AssetFreeze(
        case_id=case.id,
        ordered_on=data.ordered_on,
        amount=data.amount,
        currency=currency,
        amount_usd=usd,
        description=data.description,
        recorded_by=actor.user_id,
        recorded_at=datetime.now(UTC),
    )
    session.add(freeze)
    session.flush()
    record(
        session,
        actor=actor,
        action=AuditAction.CREATE,
        object_type="asset_freeze",
        object_id=freeze.id,
        case_id=case.id,
        detail={"amount": str(data.amount), "currency": currency, "amount_usd": str(usd)},
    )
    return freeze


def asset_freezes(session: Session, *, actor: Actor, case_id: int) -> list[AssetFreeze]:
    """The freezing orders of a case, oldest first (audited read)."""
    case, _ = load_case(session, actor, case_id, CaseAction.VIEW)
    rows = list(
        session.scalars(
            select(AssetFreeze).where(AssetFreeze.case_id == case.id).order_by(AssetFreeze.id)
        )
    )
    record(
        session,
        actor=actor,
        action=AuditAction.READ,
        object_type="asset_freeze",
        object_id=case.id,
        case_id=case.id,
        detail={"count": len(rows)},
    )
    return rows
