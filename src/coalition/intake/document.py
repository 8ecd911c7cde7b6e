"""The shapes that flow through intake: a cleaned document, its date, and candidate facts.

Every stage is a plain function over these values (no database), so that workers in other
processes can run them and only the final write needs a session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class LineDecision:
    """One line of the input and what cleaning did with it."""

    number: int  # 1-based line number in the raw text
    text: str
    kept: bool
    rule: str  # why: "content", "quote", "number", or the boilerplate rule that matched


@dataclass(frozen=True)
class Segment:
    """A stretch of clean text copied from the raw text: clean[clean_start:+length] ==
    raw[raw_start:+length]. Lets offsets in the clean text be mapped back to the raw file."""

    clean_start: int
    raw_start: int
    length: int


@dataclass
class Cleaned:
    """Clean text (what spans point into) and how it was obtained."""

    text: str
    decisions: list[LineDecision] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    title: str | None = None
    explicit_date: date | None = None  # a date the document states about itself
    explicit_date_reason: str | None = None  # e.g. "dateline", "Published line", "htmldate: meta"

    def raw_offset(self, clean_offset: int) -> int | None:
        """The raw offset of a clean offset, when the clean text was copied from the raw text."""
        for segment in self.segments:
            if segment.clean_start <= clean_offset <= segment.clean_start + segment.length:
                return segment.raw_start + clean_offset - segment.clean_start
        return None


@dataclass(frozen=True)
class DateEstimate:
    """When a document was written: a best guess, the interval it must lie in, and why."""

    best: date | None
    earliest: date | None
    latest: date | None
    confidence: float  # 0..1
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class CandidateFact:
    """A fact proposed by an extractor, with the exact characters that support it."""

    type: str  # meeting, reported_size, member, non_member, money, statement, figure, office
    fields: dict[str, Any]
    spans: list[Span]
    confidence: float
