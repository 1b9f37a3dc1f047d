"""API tokens: minted from a signed-in browser session, used as ``Authorization: Bearer``.

A token can only be minted by a person at the keyboard (a cookie session with its CSRF
token), never by another token: a leaked token must not be able to breed fresh ones that
outlive its revocation. Any authenticated request of the owner may revoke or list them
(a token may revoke itself, which is what a client does when it is decommissioned).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from counterflow.auth import ApiToken, issue_api_token, revoke_api_token
from counterflow.auth.service import tokens_of
from counterflow.model.errors import PermissionDeniedError
from counterflow.web.api.base import api_router
from counterflow.web.api.schemas import TokenIn, TokenInfo, TokenOut
from counterflow.web.deps import ApiCtx

router = api_router("tokens")


@router.post("/tokens", status_code=201)
def mint_token(ctx: ApiCtx, body: TokenIn) -> TokenOut:
    """Issue a bearer token acting as the signed-in user (shown once)."""
    if ctx.info is None:
        raise PermissionDeniedError(
            "API tokens are minted from a signed-in browser session, not with another token"
        )
    token = issue_api_token(
        ctx.db, actor=ctx.actor, name=body.name, valid_for=timedelta(days=body.valid_days)
    )
    row = ctx.db.scalars(
        select(ApiToken)
        .where(ApiToken.user_id == ctx.actor.user_id, ApiToken.prefix == token[:10])
        .order_by(ApiToken.id.desc())
    ).first()
    assert row is not None
    return TokenOut(
        id=row.id, token=token, prefix=row.prefix, name=row.name, expires_at=row.expires_at
    )


@router.get("/tokens")
def list_tokens(ctx: ApiCtx) -> list[TokenInfo]:
    """The caller's own tokens, newest first (prefixes only)."""
    return [TokenInfo.of(t) for t in tokens_of(ctx.db, actor=ctx.actor)]


@router.delete("/tokens/{token_id}", status_code=204)
def revoke_token(ctx: ApiCtx, token_id: int) -> None:
    """Revoke one of the caller's tokens; it answers 401 from the next request on."""
    revoke_api_token(ctx.db, actor=ctx.actor, token_id=token_id)
