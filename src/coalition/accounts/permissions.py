"""Who may do what: permissions named `area:resource:action`, granted to roles.

Every route declares the one permission it needs; the table below is the whole policy, and a
table-driven test checks it for each role.
"""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    SECRETARIAT_ADMIN = "secretariat_admin"
    PARTNER_ADMIN = "partner_admin"
    PARTNER_OFFICER = "partner_officer"
    ANALYST = "analyst"


class Permission(enum.StrEnum):
    RECORD_READ = "record:any:read"
    RECORD_EDIT = "record:any:edit"
    RECORD_PROPOSE = "record:own-partner:propose"
    PROPOSAL_DECIDE = "record:proposal:decide"
    REVIEW_DECIDE = "intake:candidate:decide"
    SHARING_READ = "sharing:item:read"
    SHARING_CREATE = "sharing:item:create"
    SHARING_COMMENT = "sharing:comment:create"
    USERS_MANAGE_ALL = "accounts:user:manage-any"
    USERS_MANAGE_OWN = "accounts:user:manage-own-partner"
    TOKENS_OWN = "accounts:token:manage-own"
    AUDIT_READ = "audit:event:read"
    # Opening the sign-in form and signing in: everyone, including visitors without an account.
    SIGN_IN = "accounts:session:open"


_EVERYONE = {
    Permission.SIGN_IN,
    Permission.RECORD_READ,
    Permission.SHARING_READ,
    Permission.TOKENS_OWN,
}
_OFFICER = _EVERYONE | {
    Permission.RECORD_PROPOSE,
    Permission.SHARING_CREATE,
    Permission.SHARING_COMMENT,
}

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ANALYST: frozenset(_EVERYONE),
    Role.PARTNER_OFFICER: frozenset(_OFFICER),
    Role.PARTNER_ADMIN: frozenset(_OFFICER | {Permission.USERS_MANAGE_OWN}),
    Role.SECRETARIAT_ADMIN: frozenset(
        _OFFICER
        | {
            Permission.RECORD_EDIT,
            Permission.PROPOSAL_DECIDE,
            Permission.REVIEW_DECIDE,
            Permission.USERS_MANAGE_ALL,
            Permission.USERS_MANAGE_OWN,
            Permission.AUDIT_READ,
        }
    ),
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in GRANTS[role]
