"""Name normalisation: how "U.S.", "US" and "the U.S." come to mean the same thing."""

from __future__ import annotations

import re
import unicodedata

_PUNCTUATION = re.compile(r"[.\u2019'`’]")
_SPACES = re.compile(r"[\s\-]+")


def normalize(name: str) -> str:
    """Lower case, accents folded, dots and apostrophes dropped, a leading "the" removed."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = _SPACES.sub(" ", _PUNCTUATION.sub("", folded)).strip()
    return folded.removeprefix("the ").strip()
