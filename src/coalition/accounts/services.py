"""Managing users and signing them in: throttling, lockout, and an audit event per change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coalition.accounts.models import ApiToken, User
from coalition.accounts.passwords import (
    DUMMY_HASH,
    hash_password,
    needs_rehash,
    verify_password,
)
from coalition.accounts.permissions import Permission, Role, allows
from coalition.accounts.tokens import TOKEN_PREFIX, digest, new_secret
from coalition.audit.services import record_event
from coalition.errors import CoalitionError, Forbidden, InvalidInput, NotFound
from coalition.partners.services import get_actor
from coalition.sharing.policy import SECRETARIAT, packaged_policies

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
# How precisely a token's last use is kept: at most one write per token in this interval.
TOKEN_USE_GRANULARITY = timedelta(minutes=5)


class LoginRefused(CoalitionError):
    """Wrong name or password, a disabled account, or a locked one: the message never says which
    of the first two, so a refusal does not reveal which usernames exist."""


@dataclass(frozen=True)
class NewUser:
    username: str
    display_name: str
    role: Role
    partner: str | None  # a partner's key or code; None for the secretariat
    clearance: str | None  # None: the lowest classification of the newest policy (fail closed)
    caveats: tuple[str, ...] = ()


def add_user(session: Session, new: NewUser, password: str, by: str) -> User:
    username = new.username.strip().lower()
    if not username or not username.replace(".", "").replace("-", "").replace("_", "").isalnum():
        raise InvalidInput("a username is letters, digits, dots, dashes and underscores")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise InvalidInput(f"the username {username!r} is taken")
    secretariat_role = new.role is Role.SECRETARIAT_ADMIN
    if secretariat_role != (new.partner is None):
        raise InvalidInput("secretariat admins have no partner; every other role needs one")
    partner = get_actor(session, new.partner) if new.partner else None
    clearance = _clearance(new)
    user = User(
        username=username,
        display_name=new.display_name,
        role=new.role,
        partner=partner,
        clearance=clearance,
        caveats=sorted(set(new.caveats)),
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    record_event(
        session,
        by,
        "user.add",
        f"user:{username}",
        {"role": new.role.value, "partner": partner.key if partner else SECRETARIAT},
    )
    return user


def _clearance(new: NewUser) -> str:
    """The new user's clearance, checked with its caveats against the packaged policies."""
    policies = packaged_policies()
    known = {c for p in policies.values() for c in p.classifications}
    if new.clearance is not None and new.clearance not in known:
        raise InvalidInput(
            f"unknown clearance {new.clearance!r}; known: {', '.join(sorted(known))}"
        )
    known_caveats = {c for p in policies.values() for c in p.caveats}
    if unknown := sorted(set(new.caveats) - known_caveats):
        raise InvalidInput(f"unknown caveat(s) {', '.join(unknown)}")
    return new.clearance or policies[max(policies)].classifications[0]


def bootstrap_admin(session: Session, new: NewUser, password: str, by: str) -> User:
    """The first secretariat admin of an empty deployment; refused once anyone exists, so it can
    never be used to slip in a second admin past the audited `add_user` checks."""
    if new.role is not Role.SECRETARIAT_ADMIN:
        raise InvalidInput("the first user must be a secretariat admin")
    if user_count(session):
        raise InvalidInput("this deployment already has users: add more with `coalition user add`")
    return add_user(session, new, password, by)


def get_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise NotFound(f"no user {username!r}")
    return user


def set_disabled(session: Session, username: str, disabled: bool, by: str) -> User:
    user = get_user(session, username)
    user.disabled = disabled
    record_event(
        session, by, "user.disable" if disabled else "user.enable", f"user:{user.username}"
    )
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def user_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)) or 0


def partner_key(user: User) -> str:
    return user.partner.key if user.partner else SECRETARIAT


def authenticate(
    session: Session, username: str, password: str, now: datetime | None = None
) -> User:
    """The user, if the password is right and the account usable; failures count towards a lock."""
    now = now or datetime.now(UTC)
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        verify_password(DUMMY_HASH, password)  # same cost as a real check
        raise LoginRefused("wrong username or password")
    if user.locked_until is not None and user.locked_until > now:
        raise LoginRefused("too many failed sign-ins: the account is locked for a while")
    if not verify_password(user.password_hash, password):
        _failed(session, user, now)
        raise LoginRefused("wrong username or password")
    if user.disabled:
        raise LoginRefused("this account is disabled")
    user.failed_logins, user.locked_until = 0, None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def _failed(session: Session, user: User, now: datetime) -> None:
    user.failed_logins += 1
    if user.failed_logins >= MAX_FAILURES:
        user.failed_logins, user.locked_until = 0, now + LOCKOUT
        record_event(session, "system", "user.locked", f"user:{user.username}")


def issue_token(
    session: Session, user: User, name: str, scopes: list[Permission], days: int, by: str
) -> tuple[ApiToken, str]:
    """A new API token and its secret, which is shown once and stored only as a hash. A token can
    carry only permissions its user's role has."""
    if not 1 <= days <= 366:
        raise InvalidInput("a token lives between 1 and 366 days")
    if beyond := [p.value for p in scopes if not allows(user.role, p)]:
        raise InvalidInput(f"the user's role does not have {', '.join(beyond)}")
    secret = new_secret(TOKEN_PREFIX)
    token = ApiToken(
        user=user,
        name=name,
        token_hash=digest(secret),
        scopes=sorted(p.value for p in scopes),
        expires_at=datetime.now(UTC) + timedelta(days=days),
    )
    session.add(token)
    session.flush()
    record_event(
        session,
        by,
        "token.issue",
        f"token:{token.id}",
        {"user": user.username, "scopes": token.scopes, "days": days},
    )
    return token, secret


def token_user(session: Session, secret: str, now: datetime | None = None) -> tuple[User, ApiToken]:
    """The user behind a token secret, refusing unknown, revoked, expired or disabled ones alike."""
    now = now or datetime.now(UTC)
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(secret)))
    if (
        token is None
        or token.revoked_at is not None
        or token.expires_at <= now
        or token.user.disabled
    ):
        raise LoginRefused("the token is not valid")
    if token.last_used_at is None or now - token.last_used_at > TOKEN_USE_GRANULARITY:
        token.last_used_at = now  # not on every request: reading must not mean writing
    return token.user, token


def revoke_token(session: Session, token_id: int, by: str) -> ApiToken:
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFound(f"no token {token_id}")
    if token.revoked_at is None:
        token.revoked_at = datetime.now(UTC)
        record_event(session, by, "token.revoke", f"token:{token.id}")
    return token


def need(user: User, permission: Permission) -> None:
    """Refuse unless the user's account is active and its role grants `permission`: the check
    every service that acts for a user makes first, whatever called it (web, API or tests)."""
    if user.disabled or not allows(user.role, permission):
        raise Forbidden(f"your role ({user.role.value}) does not allow {permission.value}")


def check_manages(manager: User, partner: str | None, role: Role) -> None:
    """Refuse unless `manager` may create or change a user of `partner` with `role`: the
    secretariat manages everyone; a partner admin only its own partner's users, never giving
    more than its own role."""
    if manager.disabled:
        raise Forbidden("your account is disabled")
    if allows(manager.role, Permission.USERS_MANAGE_ALL):
        return
    if not allows(manager.role, Permission.USERS_MANAGE_OWN):
        raise Forbidden("your role does not manage users")
    own = manager.partner.key if manager.partner else None
    if partner is None or own is None or partner.upper() != own.upper():
        raise Forbidden("a partner admin manages only its own partner's users")
    if role is Role.SECRETARIAT_ADMIN:
        raise Forbidden("only the secretariat makes secretariat admins")


def add_user_by(session: Session, manager: User, new: NewUser, password: str) -> User:
    """`add_user` on behalf of a signed-in manager (the web and API path)."""
    partner = get_actor(session, new.partner).key if new.partner else None
    check_manages(manager, partner, new.role)
    return add_user(session, new, password, manager.username)


def disable_by(session: Session, manager: User, username: str) -> User:
    """`set_disabled` on behalf of a signed-in manager, who may not disable itself."""
    user = get_user(session, username)
    check_manages(manager, partner_key_or_none(user), user.role)
    if user.id == manager.id:
        raise Forbidden("you cannot disable yourself")
    return set_disabled(session, username, True, manager.username)


def set_role(session: Session, manager: User, username: str, role: Role) -> User:
    user = get_user(session, username)
    if user.id == manager.id:
        raise Forbidden("nobody changes their own role")
    check_manages(manager, partner_key_or_none(user), user.role)
    check_manages(manager, partner_key_or_none(user), role)
    if (role is Role.SECRETARIAT_ADMIN) != (user.partner is None):
        raise InvalidInput("secretariat admins have no partner; every other role needs one")
    previous, user.role = user.role, role
    record_event(
        session,
        manager.username,
        "user.role",
        f"user:{user.username}",
        {"from": previous.value, "to": role.value},
    )
    return user


def partner_key_or_none(user: User) -> str | None:
    return user.partner.key if user.partner else None
