"""Passwords hashed with argon2id; the plain text is never stored or logged."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from coalition.errors import InvalidInput

# argon2-cffi's defaults are argon2id with RFC 9106's low-memory profile (64 MiB, 3 passes).
_hasher = PasswordHasher()

MIN_LENGTH = 12


def hash_password(password: str) -> str:
    check_strength(password)
    return _hasher.hash(password)


def check_strength(password: str) -> None:
    """Length is what matters (NIST SP 800-63B), not composition rules that breed patterns."""
    if len(password) < MIN_LENGTH:
        raise InvalidInput(f"a password needs at least {MIN_LENGTH} characters")
    if password.strip() != password or not password.strip():
        raise InvalidInput("a password may not begin or end with spaces")


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's: rehash at next login."""
    return _hasher.check_needs_rehash(stored_hash)


# A hash to verify against when the user does not exist, so that a login for an unknown name takes
# as long as one for a known name and the timing does not tell which names exist.
DUMMY_HASH = _hasher.hash("not a real password, only for timing")
