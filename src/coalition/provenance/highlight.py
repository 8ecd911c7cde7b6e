"""A source's text cut into segments, so that every evidence span can be highlighted at once.

Spans may overlap or nest (a meeting's whole paragraph, a figure inside it). Cutting the text at
every span's start and end gives flat segments; each segment knows every span that covers it, so
a page can highlight it once and link it to all of their records.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from urllib.parse import quote


def span_anchor(start: int | None, end: int | None) -> str:
    """The id of the highlighted span [start, end) on its source's page."""
    return f"span-{start}-{end}"


def span_url(source_key: str, start: int | None, end: int | None) -> str:
    """The source's page, scrolled to the span [start, end). The key is quoted whole, as search
    results quote it: a "#" in a source's key would otherwise start the fragment."""
    return f"/sources/{quote(source_key, safe='')}#{span_anchor(start, end)}"


@dataclass(frozen=True)
class Mark:
    """One span to highlight: characters [start, end), what it belongs to, and where that is."""

    start: int
    end: int
    label: str
    url: str
    kind: str = "evidence"  # or "candidate": a fact waiting for review

    @property
    def anchor(self) -> str:
        return span_anchor(self.start, self.end)


@dataclass
class Segment:
    text: str
    marks: list[Mark] = field(default_factory=list)
    # Anchors of the spans that begin here (a link to `#span-START-END` lands on them).
    anchors: list[str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return sorted({mark.kind for mark in self.marks})


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """The text in pieces; joined again they are exactly `text`.

    Spans outside the text are clipped to it; an empty span leaves only its anchor.
    """
    size = len(text)
    clipped = [m for m in marks if 0 <= m.start <= size]
    cuts = sorted({0, size, *(m.start for m in clipped), *(min(m.end, size) for m in clipped)})
    starting: dict[int, list[str]] = {}
    for mark in clipped:
        anchors = starting.setdefault(mark.start, [])
        if mark.anchor not in anchors:
            anchors.append(mark.anchor)
    pieces = []
    for begin, end in itertools.pairwise(cuts):
        covering = [m for m in clipped if m.start <= begin and min(m.end, size) >= end]
        pieces.append(Segment(text[begin:end], covering, starting.pop(begin, [])))
    if starting:  # empty spans at the very end of the text
        pieces.append(Segment("", [], [a for group in starting.values() for a in group]))
    return pieces
