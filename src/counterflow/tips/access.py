"""Who may see and act on an anonymous tip.

Tips go to the National Committee for Counter Trafficking's secretariat (the coordination
body that runs public awareness and national coordination): its investigators, analysts
and supervisors triage them. When they refer a tip to an agency (police, gendarmerie, the
FIU), that agency's staff see it too and may add notes. Auditors of the oversight body
read everything and change nothing; agency and system administrators manage people and
see no tip. Anyone else is told the tip does not exist.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from counterflow.agencies import Agency
from counterflow.model.actor import Actor
from counterflow.model.codes import AgencyKind, Role
from counterflow.tips.models import Tip, TipReferral

STAFF_ROLES = frozenset({Role.INVESTIGATOR, Role.ANALYST, Role.SUPERVISOR})
TRIAGE_KINDS = frozenset({AgencyKind.COORDINATION})
"""Agencies whose staff receive every tip."""
REFERRAL_KINDS = (AgencyKind.POLICE, AgencyKind.GENDARMERIE, AgencyKind.FIU)
"""Agencies a tip may be referred to."""


class TipAccess(StrEnum):
    NONE = "none"
    OVERSIGHT = "oversight"
    """Read everything, change nothing."""
    REFERRED = "referred"
    """Read the tip and add notes."""
    TRIAGE = "triage"
    """Everything: take, note, refer, dismiss."""


def triages(session: Session, actor: Actor) -> bool:
    """Whether the actor is staff of an agency that receives every tip."""
    if actor.role not in STAFF_ROLES:
        return False
    agency = session.get(Agency, actor.agency_id)
    return agency is not None and agency.kind in TRIAGE_KINDS


def access(session: Session, actor: Actor, tip: Tip) -> TipAccess:
    """The actor's standing on one tip."""
    if actor.is_auditor:
        return TipAccess.OVERSIGHT
    if actor.role not in STAFF_ROLES:
        return TipAccess.NONE
    if triages(session, actor):
        return TipAccess.TRIAGE
    referred = session.scalar(
        select(TipReferral.id).where(
            TipReferral.tip_id == tip.id, TipReferral.agency_id == actor.agency_id
        )
    )
    return TipAccess.REFERRED if referred is not None else TipAccess.NONE
