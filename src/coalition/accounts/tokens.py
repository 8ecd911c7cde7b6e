"""Secrets for sessions and API tokens: random, shown once, stored only as a hash.

The secrets are 256 random bits, so a plain SHA-256 is enough to store them: unlike passwords
they cannot be guessed, and a fast hash keeps each authenticated request cheap.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_PREFIX = "coal_"


def new_secret(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def same(a: str, b: str) -> bool:
    """Constant-time comparison, for CSRF tokens and the like."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
