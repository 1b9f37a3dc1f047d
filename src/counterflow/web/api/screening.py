"""Ad hoc screening of a name against the current watch lists (UN, OFAC, domestic ...).

Who may screen: investigators, analysts and supervisors, the people who work cases and
alerts. Auditors may not: oversight is read-only over what others did, and a screening is
itself an act (it is recorded in the trail and can reveal an interest in a person), so an
overseer who screens would become a participant in the case work they oversee.
Administrators manage people, not suspects. Every query is audited with the name asked
(object type ``screening_query``): who looked whom up is exactly what oversight reviews.
Ad hoc queries are not stored as screened subjects (they are not re-screened when a list
changes); to follow a person, add them to a case.
"""

from __future__ import annotations

from counterflow.audit import AuditAction, record
from counterflow.model.codes import Role
from counterflow.model.errors import PermissionDeniedError
from counterflow.model.screening import ScreeningQuery
from counterflow.web.api.base import api_router
from counterflow.web.api.schemas import ScreeningHitOut, ScreeningIn, ScreeningOut
from counterflow.web.deps import ApiCtx

router = api_router("screening")

SCREENERS = frozenset({Role.INVESTIGATOR, Role.ANALYST, Role.SUPERVISOR})
"""The roles that may screen (module docstring: not auditors, not administrators)."""


@router.post("/screening")
def screen_name(ctx: ApiCtx, body: ScreeningIn) -> ScreeningOut:
    """Hits of one name on the current lists, best first, each with its explanation."""
    if ctx.actor.role not in SCREENERS:
        raise PermissionDeniedError(f"a {ctx.actor.role.value} does not screen names")
    gender = body.gender.value if body.gender and body.gender.value in ("female", "male") else None
    query = ScreeningQuery(
        name=body.name,
        date_of_birth=body.date_of_birth,
        country=body.country,
        gender=gender,
        id_number=body.id_number or None,
    )
    screener = ctx.platform.screeners.get(ctx.db)
    hits = screener.screen(query)
    record(
        ctx.db,
        actor=ctx.actor,
        action=AuditAction.READ,
        object_type="screening_query",
        object_id="watchlists",
        detail={
            "name": body.name,
            "date_of_birth": body.date_of_birth,
            "country": body.country,
            "hits": [f"{h.source}:{h.entry_id}" for h in hits],
        },
    )
    return ScreeningOut(
        query=body.model_dump(mode="json", exclude_none=True),
        list_versions=dict(screener.versions),
        hits=[ScreeningHitOut.of(h) for h in hits],
    )
