"""The signed-in user's own account: second factor, API tokens; and user administration
for agency and system administrators."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import RedirectResponse, Response

from counterflow.agencies import list_agencies
from counterflow.auth import (
    create_user,
    enable_totp,
    issue_api_token,
    new_secret,
    provisioning_uri,
    revoke_api_token,
    tokens_of,
    user_by_id,
    users_of_agency,
)
from counterflow.model.codes import Role
from counterflow.model.errors import ConflictError, InvalidFieldsError, PermissionDeniedError
from counterflow.web.deps import Context, PageCtx
from counterflow.web.templating import render

router = APIRouter()


def _account(
    ctx: Context,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    new_token: str = "",
    secret: str | None = None,
) -> Response:
    user = user_by_id(ctx.db, ctx.actor.user_id)
    assert user is not None
    secret = secret or new_secret()
    return render(
        ctx,
        "account/account.html",
        status_code=status,
        user=user,
        errors=errors or {},
        tokens=tokens_of(ctx.db, actor=ctx.actor),
        new_token=new_token,
        secret=secret,
        otpauth=provisioning_uri(secret, username=user.username),
    )


@router.get("/account")
def account(ctx: PageCtx) -> Response:
    return _account(ctx)


@router.post("/account/totp")
def account_totp(
    ctx: PageCtx,
    secret: Annotated[str, Form(max_length=64)],
    code: Annotated[str, Form(max_length=12)],
) -> Response:
    try:
        enable_totp(ctx.db, actor=ctx.actor, secret=secret, code=code)
    except InvalidFieldsError as exc:
        return _account(ctx, status=422, errors=exc.errors, secret=secret)
    return RedirectResponse("/account", status_code=303)


@router.post("/account/tokens")
def account_token(ctx: PageCtx, name: Annotated[str, Form(max_length=200)]) -> Response:
    try:
        token = issue_api_token(ctx.db, actor=ctx.actor, name=name)
    except InvalidFieldsError as exc:
        return _account(ctx, status=422, errors=exc.errors)
    # Shown once, on this response only: the database keeps its hash.
    return _account(ctx, new_token=token)


@router.post("/account/tokens/{token_id}/revoke")
def account_token_revoke(ctx: PageCtx, token_id: int) -> Response:
    revoke_api_token(ctx.db, actor=ctx.actor, token_id=token_id)
    return RedirectResponse("/account", status_code=303)


def _admin_page(
    ctx: Context,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    agency_id: int | None = None,
) -> Response:
    if not ctx.actor.is_admin:
        raise PermissionDeniedError("only administrators manage users")
    agencies = list_agencies(ctx.db)
    if ctx.actor.role is Role.AGENCY_ADMIN:
        agencies = [a for a in agencies if a.id == ctx.actor.agency_id]
    shown = agency_id if agency_id is not None else ctx.actor.agency_id
    if ctx.actor.role is Role.AGENCY_ADMIN:
        shown = ctx.actor.agency_id
    roles = [
        r
        for r in Role
        if ctx.actor.role is Role.SYSTEM_ADMIN
        or r in (Role.INVESTIGATOR, Role.ANALYST, Role.SUPERVISOR, Role.AGENCY_ADMIN)
    ]
    return render(
        ctx,
        "account/users.html",
        status_code=status,
        agencies=agencies,
        shown=shown,
        users=users_of_agency(ctx.db, shown),
        roles=roles,
        errors=errors or {},
        values=values or {},
    )


@router.get("/admin/users")
def admin_users(ctx: PageCtx, agency: int | None = None) -> Response:
    return _admin_page(ctx, agency_id=agency)


@router.post("/admin/users")
def admin_users_create(
    ctx: PageCtx,
    username: Annotated[str, Form(max_length=64)],
    display_name: Annotated[str, Form(max_length=200)],
    agency_id: Annotated[int, Form()],
    role: Annotated[str, Form(max_length=16)],
    password: Annotated[str, Form(max_length=256)],
) -> Response:
    values = {"username": username, "display_name": display_name, "role": role}
    try:
        if role not in {r.value for r in Role}:
            raise InvalidFieldsError({"role": "choose a role"})
        create_user(
            ctx.db,
            actor=ctx.actor,
            username=username,
            display_name=display_name,
            agency_id=agency_id,
            role=Role(role),
            password=password,
        )
    except InvalidFieldsError as exc:
        return _admin_page(ctx, status=422, errors=exc.errors, values=values, agency_id=agency_id)
    except ConflictError as exc:
        return _admin_page(
            ctx, status=409, errors={"username": str(exc)}, values=values, agency_id=agency_id
        )
    return RedirectResponse(f"/admin/users?agency={agency_id}", status_code=303)
