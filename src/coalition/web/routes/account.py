"""Signing in and out, one's own account and API tokens, and managing users.

Thin routes over accounts.services; the rules (who may manage whom, token scopes within the
role, lockout) live there and hold for the command line too.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.accounts.models import ApiToken, User
from coalition.accounts.permissions import GRANTS, Permission, Role
from coalition.accounts.services import (
    LoginRefused,
    NewUser,
    add_user_by,
    authenticate,
    disable_by,
    issue_token,
    list_users,
    partner_key,
    revoke_token,
    set_role,
)
from coalition.accounts.tokens import new_secret, same
from coalition.errors import InvalidInput, NotFound
from coalition.web.auth import (
    CSRF_FIELD,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    SESSION_LIFETIME,
    CsrfRefused,
    Principal,
    close_session,
    open_session,
    require,
)
from coalition.web.deps import SessionDep, WriteSessionDep
from coalition.web.rendering import render

router = APIRouter()

Anyone = Annotated[Principal, Depends(require(Permission.SIGN_IN))]
OwnTokens = Annotated[Principal, Depends(require(Permission.TOKENS_OWN))]
ManagesOwn = Annotated[Principal, Depends(require(Permission.USERS_MANAGE_OWN))]


def _safe_next(target: str | None) -> str:
    # Only a path on this site: an open redirect would let a phishing link borrow our name.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/sharing"


def _cookie(response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name, value, max_age=max_age, secure=True, httponly=True, samesite="strict", path="/"
    )


@router.get("/login", response_class=HTMLResponse, tags=["account"])
def login_page(request: Request, _: Anyone, next: str | None = None) -> Response:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or new_secret()
    response = render(
        request, "account/login.html", {"title": "Sign in", "next": _safe_next(next), "csrf": token}
    )
    _cookie(response, LOGIN_CSRF_COOKIE, token, 3600)
    return response


@router.post("/login", response_class=HTMLResponse, tags=["account"])
def login(
    request: Request,
    session: WriteSessionDep,
    _: Anyone,
    username: Annotated[str, Form(max_length=80)],
    password: Annotated[str, Form(max_length=1000)],
    csrf_token: Annotated[str, Form(alias=CSRF_FIELD, max_length=100)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/sharing",
) -> Response:
    # Login CSRF: the form must carry the token this browser got in a cookie with the form.
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not same(cookie, csrf_token):
        raise CsrfRefused("the sign-in form has expired; reload it and try again")
    client = request.client.host if request.client else "unknown"
    throttle = request.app.state.throttle
    if (wait := throttle.retry_after(client)) is not None:
        response = _login_again(
            request, "Too many failed sign-ins from here; wait a few minutes.", next, cookie, 429
        )
        response.headers["Retry-After"] = str(wait)
        return response
    try:
        user = authenticate(session, username, password)
    except LoginRefused as refused:
        throttle.failed(client)
        # Returned, not raised: the session still commits the failure count (the lockout).
        return _login_again(request, str(refused), next, cookie, 401)
    secret, _row = open_session(session, user)
    response = RedirectResponse(_safe_next(next), status_code=303)
    _cookie(response, SESSION_COOKIE, secret, int(SESSION_LIFETIME.total_seconds()))
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return response


def _login_again(request: Request, message: str, next: str, csrf: str, status: int) -> Response:
    context = {"title": "Sign in", "next": _safe_next(next), "csrf": csrf, "error": message}
    return render(request, "account/login.html", context, status_code=status)


@router.post("/logout", tags=["account"])
def logout(request: Request, session: WriteSessionDep, _: OwnTokens) -> Response:
    close_session(session, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# --- one's own account and tokens ---------------------------------------------------------------


def _token_row(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.id,
        "name": token.name,
        "scopes": token.scopes,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "revoked_at": token.revoked_at,
        "last_used_at": token.last_used_at,
    }


def _tokens(session: Session, user: User) -> list[dict[str, Any]]:

    rows = session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)
    )
    return [_token_row(t) for t in rows]


def _account_view(
    request: Request, session: Session, me: Principal, new_secret: str | None = None
) -> Response:
    user = me.user_in(session)
    context = {
        "title": "Your account",
        "me": user,
        "partner": partner_key(user),
        "tokens": _tokens(session, user),
        "scopes": sorted(p.value for p in GRANTS[user.role]),
        "csrf": me.csrf,
        "new_secret": new_secret,
    }
    return render(request, "account/page.html", context, status_code=201 if new_secret else 200)


@router.get("/account", response_class=HTMLResponse, tags=["account"])
def account_page(request: Request, session: SessionDep, me: OwnTokens) -> Response:
    return _account_view(request, session, me)


@router.post("/account/tokens", response_class=HTMLResponse, tags=["account"])
def new_token(
    request: Request,
    session: WriteSessionDep,
    me: OwnTokens,
    name: Annotated[str, Form(min_length=1, max_length=100)],
    scopes: Annotated[list[str], Form()],
    days: Annotated[int, Form(ge=1, le=366)] = 30,
) -> Response:
    user = me.user_in(session)
    chosen = [_permission(s) for s in scopes]
    _token, secret = issue_token(session, user, name, chosen, days, user.username)
    return _account_view(request, session, me, new_secret=secret)


def _permission(value: str) -> Permission:
    try:
        return Permission(value)
    except ValueError:
        raise InvalidInput(f"no such permission {value!r}") from None


@router.post("/account/tokens/{token_id}/revoke", tags=["account"])
def revoke(session: WriteSessionDep, me: OwnTokens, token_id: int) -> Response:
    user = me.user_in(session)
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(f"no token {token_id}")  # someone else's token is not there, for you
    revoke_token(session, token_id, user.username)
    return RedirectResponse("/account", status_code=303)


# --- managing users -----------------------------------------------------------------------------


class UserIn(BaseModel):
    username: str = Field(max_length=80)
    display_name: str = Field(default="", max_length=200)
    role: Role
    partner: str | None = Field(default=None, max_length=80)
    clearance: str = Field(max_length=40)
    caveats: list[str] = Field(default_factory=list, max_length=20)
    password: str = Field(min_length=1, max_length=1000)


def _user_row(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role.value,
        "partner": partner_key(user),
        "clearance": user.clearance,
        "caveats": list(user.caveats),
        "disabled": user.disabled,
    }


def _manageable(session: Session, manager: User) -> list[User]:
    everyone = list_users(session)
    if manager.role is Role.SECRETARIAT_ADMIN:
        return everyone
    return [u for u in everyone if u.partner_id is not None and u.partner_id == manager.partner_id]


@router.get("/api/v1/users", tags=["accounts"])
def api_users(session: WriteSessionDep, me: ManagesOwn) -> dict[str, Any]:
    """The users the caller manages: everyone for the secretariat, its own partner's otherwise."""
    rows = [_user_row(u) for u in _manageable(session, me.user_in(session))]
    return {"items": rows, "total": len(rows)}


@router.post("/api/v1/users", status_code=201, tags=["accounts"])
def api_add_user(session: WriteSessionDep, me: ManagesOwn, body: UserIn) -> dict[str, Any]:
    manager = me.user_in(session)
    new = NewUser(
        username=body.username,
        display_name=body.display_name or body.username,
        role=body.role,
        partner=body.partner,
        clearance=body.clearance,
        caveats=tuple(body.caveats),
    )
    return _user_row(add_user_by(session, manager, new, body.password))


class RoleIn(BaseModel):
    role: Role


@router.post("/api/v1/users/{username}/role", tags=["accounts"])
def api_set_role(
    session: WriteSessionDep, me: ManagesOwn, username: str, body: RoleIn
) -> dict[str, Any]:
    return _user_row(set_role(session, me.user_in(session), username, body.role))


@router.post("/api/v1/users/{username}/disable", tags=["accounts"])
def api_disable(session: WriteSessionDep, me: ManagesOwn, username: str) -> dict[str, Any]:
    return _user_row(disable_by(session, me.user_in(session), username))
