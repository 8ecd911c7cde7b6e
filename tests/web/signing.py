"""Test users for the web tests: made straight in the database, signed in through the real
routes (session cookie and CSRF token) or given a real API token."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.accounts.models import ApiToken, User
from coalition.accounts.passwords import hash_password
from coalition.accounts.permissions import GRANTS, Role
from coalition.accounts.tokens import digest, new_secret
from coalition.partners.models import Actor
from coalition.storage.database import transaction

PASSWORD = "correct horse battery staple"
_HASH = hash_password(PASSWORD)  # once: argon2id is slow on purpose


def ensure_user(
    session: Session,
    username: str,
    role: Role = Role.SECRETARIAT_ADMIN,
    partner: str | None = None,
    clearance: str = "SECRET",
    caveats: tuple[str, ...] = (),
) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        actor = session.scalar(select(Actor).where(Actor.key == partner)) if partner else None
        user = User(
            username=username,
            display_name=username.title(),
            role=role,
            partner=actor,
            clearance=clearance,
            caveats=list(caveats),
            password_hash=_HASH,
        )
        session.add(user)
        session.flush()
    return user


def token_for(url: str, username: str, role: Role = Role.SECRETARIAT_ADMIN, **kw: object) -> str:
    """A fresh API token with every permission of the user's role."""
    secret = new_secret("coal_")
    with transaction(url) as session:
        user = ensure_user(session, username, role, **kw)  # type: ignore[arg-type]
        session.add(
            ApiToken(
                user=user,
                name="tests",
                token_hash=digest(secret),
                scopes=sorted(p.value for p in GRANTS[user.role]),
                expires_at=datetime.now(UTC) + timedelta(days=1),
            )
        )
    return secret


def with_token(client: TestClient, url: str, username: str = "admin") -> TestClient:
    client.headers["Authorization"] = f"Bearer {token_for(url, username)}"
    return client


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign in through the form; returns the session's CSRF token (also set as the header HTMX
    would send)."""
    form = client.get("/login")
    assert form.status_code == 200
    login_csrf = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert login_csrf is not None
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": login_csrf.group(1)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    account = client.get("/account")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', account.text)
    assert csrf is not None
    return csrf.group(1)
