"""Passwords, secrets and the role table."""

from __future__ import annotations

import pytest

from coalition.accounts.passwords import hash_password, needs_rehash, verify_password
from coalition.accounts.permissions import GRANTS, Permission, Role, allows
from coalition.accounts.tokens import TOKEN_PREFIX, digest, new_secret, same
from coalition.errors import InvalidInput


def test_passwords_are_argon2id_and_verify() -> None:
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    assert verify_password(stored, "correct horse battery")
    assert not verify_password(stored, "correct horse battery!")
    assert not verify_password("not a hash", "anything at all")
    assert not needs_rehash(stored)


@pytest.mark.parametrize("weak", ["short", "", "   twelve chars  "])
def test_weak_passwords_are_refused(weak: str) -> None:
    with pytest.raises(InvalidInput):
        hash_password(weak)


def test_secrets_are_random_and_stored_as_hashes() -> None:
    one, two = new_secret(TOKEN_PREFIX), new_secret(TOKEN_PREFIX)
    assert one != two and one.startswith(TOKEN_PREFIX) and len(one) > 40
    assert digest(one) != digest(two) and len(digest(one)) == 64
    assert same(one, one) and not same(one, two)


# What each role may do: the whole permission table, row by row.
TABLE = {
    Permission.RECORD_READ: {"secretariat_admin", "partner_admin", "partner_officer", "analyst"},
    Permission.RECORD_EDIT: {"secretariat_admin"},
    Permission.RECORD_PROPOSE: {"secretariat_admin", "partner_admin", "partner_officer"},
    Permission.PROPOSAL_DECIDE: {"secretariat_admin"},
    Permission.REVIEW_DECIDE: {"secretariat_admin"},
    Permission.SHARING_READ: {"secretariat_admin", "partner_admin", "partner_officer", "analyst"},
    Permission.SHARING_CREATE: {"secretariat_admin", "partner_admin", "partner_officer"},
    Permission.SHARING_COMMENT: {"secretariat_admin", "partner_admin", "partner_officer"},
    Permission.USERS_MANAGE_ALL: {"secretariat_admin"},
    Permission.USERS_MANAGE_OWN: {"secretariat_admin", "partner_admin"},
    Permission.TOKENS_OWN: {"secretariat_admin", "partner_admin", "partner_officer", "analyst"},
    Permission.AUDIT_READ: {"secretariat_admin"},
    Permission.SIGN_IN: {"secretariat_admin", "partner_admin", "partner_officer", "analyst"},
}


@pytest.mark.parametrize("permission", list(Permission))
def test_role_table(permission: Permission) -> None:
    granted = {role.value for role in Role if allows(role, permission)}
    assert granted == TABLE[permission]


def test_analysts_only_read() -> None:
    reading = (":read", ":manage-own", ":open")  # reading, its own tokens, signing in
    assert all(p.value.endswith(reading) for p in GRANTS[Role.ANALYST])
