"""Phases of US presidential transitions, which date a report without naming anyone.

"President-elect" and "the incoming administration" fall between an election and the
inauguration; "the new administration" within six months after one. The dates come from the
president and president-elect terms in people.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from coalition.intake.dating.cues import (
    W_ELECT,
    W_INCOMING,
    W_NEW_ADMINISTRATION,
    Cue,
    Piece,
)
from coalition.intake.dating.people import people_index
from coalition.intake.dating.text import Doc

_ELECT = re.compile(r"\b[Pp]resident[- ][Ee]lect\b(?!\s+[A-Z])")  # named ones are office-holders
_INCOMING = re.compile(
    r"\b(?:incoming (?:u\.s\. |us |american |trump |biden )?(?:administration|president)"
    r"|(?:presidential )?transition team|presidential transition)\b"
)  # searched in the lower-case copy
_NEW_ADMINISTRATION = re.compile(
    r"\bnew (?:u\.s\. |us |american |trump |biden |obama )?administration\b"
)


def transition_cues(doc: Doc) -> Iterator[Cue]:
    """Phases of US transitions: 'President-elect' between election and inauguration, etc."""
    ref = people_index()
    elect = _ELECT.search(doc.text) if "elect" in doc.lower else None
    incoming = None
    if "incoming" in doc.lower or "transition" in doc.lower:
        incoming = _INCOMING.search(doc.lower)
    if found := elect or incoming:  # both say the same thing; count it once
        reason = f"'{found.group()}' → between election and inauguration {{span}}"
        yield Cue(ref.elect, W_ELECT if elect else W_INCOMING, reason, "transition")
    if "administration" in doc.lower and (m := _NEW_ADMINISTRATION.search(doc.lower)):
        pieces = tuple(Piece(day, day + 180) for day in ref.inaugurations)
        reason = f"'{m.group()}' → within six months of an inauguration {{span}}"
        yield Cue(pieces, W_NEW_ADMINISTRATION, reason, "transition")
