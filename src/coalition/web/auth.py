"""Who is asking, and whether they may: sessions, API tokens, CSRF, and `require(permission)`.

A browser signs in and gets a random secret in a Secure, HttpOnly, SameSite=Strict cookie; the
database keeps only the secret's hash, with the session's CSRF token. A program sends an API token
as `Authorization: Bearer ...`; a token carries only the scopes it was issued with. Every route
depends on `require(...)` with the one permission it needs (a test walks the app to make sure).

Reading the record (built from public reports) is open to visitors unless the deployment says
otherwise; everything else needs a signed-in user whose role has the permission.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.accounts.models import User, WebSession
from coalition.accounts.permissions import Permission, allows
from coalition.accounts.services import LoginRefused, token_user
from coalition.accounts.tokens import digest, new_secret, same
from coalition.errors import CoalitionError, Forbidden
from coalition.sharing.decision import Reader
from coalition.sharing.items import reader_of
from coalition.web.deps import SessionDep

SESSION_COOKIE = "coalition_session"
LOGIN_CSRF_COOKIE = "coalition_login_csrf"
SESSION_LIFETIME = timedelta(hours=8)
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
# Without an account, a visitor may sign in, and read the record when the deployment is public.
ALWAYS_PUBLIC = frozenset({Permission.SIGN_IN})
PUBLIC = frozenset({Permission.RECORD_READ})
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class SignInNeeded(CoalitionError):
    """401: the route needs a user and none signed in (pages redirect to the sign-in form)."""


class CsrfRefused(CoalitionError):
    """403: a form or HTMX request from a signed-in browser without its session's CSRF token."""


@dataclass(frozen=True)
class Principal:
    user: User | None
    # A browser session has its role's permissions; a token only the scopes it was issued with.
    scopes: frozenset[Permission] | None = None
    csrf: str | None = None
    via_token: bool = False

    def may(self, permission: Permission, public: bool) -> bool:
        if self.user is None:
            return permission in ALWAYS_PUBLIC or (public and permission in PUBLIC)
        if self.user.disabled or not allows(self.user.role, permission):
            return False
        return self.scopes is None or permission in self.scopes

    @property
    def reader(self) -> Reader:
        if self.user is None:
            raise SignInNeeded("sign in to see shared items")
        return reader_of(self.user)

    def user_in(self, session: Session) -> User:
        """The signed-in user as a row of `session` (routes that write use their own session)."""
        if self.user is None:
            raise SignInNeeded("sign in first")
        user = session.get(User, self.user.id)
        if user is None:
            raise SignInNeeded("your account no longer exists")
        return user

    @property
    def name(self) -> str:
        return self.user.username if self.user else "visitor"


ANONYMOUS = Principal(None)


def bearer_secret(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def principal_of(request: Request, session: Session) -> Principal:
    """The signed-in user of this request (cached on it), or the anonymous visitor."""
    cached = getattr(request.state, "principal", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    found = _resolve(request, session)
    request.state.principal = found
    return found


def _resolve(request: Request, session: Session) -> Principal:
    if (secret := bearer_secret(request)) is not None:
        try:
            user, token = token_user(session, secret)
        except LoginRefused as refused:
            raise SignInNeeded(str(refused)) from None
        if session.is_modified(token):
            session.commit()  # a new last_used_at is kept even when the route only reads
        known = {p.value for p in Permission}
        scopes = frozenset(Permission(s) for s in token.scopes if s in known)
        return Principal(user, scopes=scopes, via_token=True)
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return ANONYMOUS
    web_session = session.scalar(select(WebSession).where(WebSession.secret_hash == digest(cookie)))
    if web_session is None or web_session.expires_at <= datetime.now(UTC):
        return ANONYMOUS
    if web_session.user.disabled:
        return ANONYMOUS
    return Principal(web_session.user, csrf=web_session.csrf_token)


async def _check_csrf(request: Request, principal: Principal) -> None:
    """Cookies ride along on any request a browser sends, so every change made with a session
    must also carry the session's CSRF token, which another site cannot read."""
    if request.method not in UNSAFE or principal.user is None or principal.via_token:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and "form" in request.headers.get("content-type", ""):
        form = await request.form()  # Starlette caches it for the route's own Form fields
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or principal.csrf is None or not same(sent, principal.csrf):
        raise CsrfRefused("the form has expired or did not come from this site; reload and retry")


def require(permission: Permission) -> Callable[..., Any]:
    """A dependency: the request's principal, if it has `permission`; else 401 or 403."""

    async def dependency(request: Request, session: SessionDep) -> Principal:
        principal = principal_of(request, session)
        public = bool(getattr(request.app.state, "public_read", True))
        if not principal.may(permission, public):
            if principal.user is None:
                raise SignInNeeded(f"sign in first: this needs {permission.value}")
            raise Forbidden(f"your account does not allow {permission.value}")
        await _check_csrf(request, principal)
        return principal

    dependency.permission = permission  # type: ignore[attr-defined]
    return dependency


def declared_permission(call: Any) -> Permission | None:
    return getattr(call, "permission", None)


# --- signing in and out -------------------------------------------------------------------------


def open_session(session: Session, user: User) -> tuple[str, WebSession]:
    """A new browser session for `user`: the cookie secret (shown once) and the stored row."""
    secret = new_secret()
    row = WebSession(
        user=user,
        secret_hash=digest(secret),
        csrf_token=new_secret(),
        expires_at=datetime.now(UTC) + SESSION_LIFETIME,
    )
    session.add(row)
    session.flush()
    return secret, row


def close_session(session: Session, cookie: str | None) -> None:
    if cookie:
        row = session.scalar(select(WebSession).where(WebSession.secret_hash == digest(cookie)))
        if row is not None:
            session.delete(row)


class Throttle:
    """At most `limit` failed sign-ins per client address in `window` seconds, in this process.
    The per-account lockout in accounts.services holds across processes; this slows a client
    that tries many accounts."""

    def __init__(self, limit: int = 10, window: float = 300.0) -> None:
        self.limit, self.window = limit, window
        self._failures: defaultdict[str, deque[float]] = defaultdict(deque)

    def _recent(self, client: str) -> deque[float]:
        failures, cutoff = self._failures[client], time.monotonic() - self.window
        while failures and failures[0] < cutoff:
            failures.popleft()
        return failures

    def retry_after(self, client: str) -> int | None:
        failures = self._recent(client)
        if len(failures) < self.limit:
            return None
        return int(failures[0] + self.window - time.monotonic()) + 1

    def failed(self, client: str) -> None:
        self._recent(client).append(time.monotonic())
        if len(self._failures) > 10_000:  # forget clients whose failures have all expired
            for quiet in [c for c, f in self._failures.items() if not self._recent(c)]:
                del self._failures[quiet]
