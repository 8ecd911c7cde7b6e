"""Members and non-members the text names, and office-holders it shows with their titles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from coalition.intake.document import CandidateFact, Span
from coalition.intake.extract.text import folded, sentences
from coalition.intake.gazetteer import Gazetteer, Mention

NOT_MEMBER = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:a\s+)?not\s+(?:a\s+)?(?:member|members|part)\s+of|"
    r"(?:is|are)\s+not\s+in\s+the|not\s+(?:a\s+)?members?\s+of|outside\s+the)\b[^.]{0,40}coalition",
)
LIST_OF_MEMBERS = re.compile(
    r"\b(?:countries|nations|members|delegations|partners)\s+(?:represented|present|attending|"
    r"taking\s+part|participating)|\b(?:attended|represented)\s+by\b|\bcoalition\s+members?\s+"
    r"(?:including|such\s+as)|\bincluding\b",
)
TITLE_BEFORE = re.compile(
    r"(?:^|[\s(])((?:[A-Z][\w.]*\.?\s+){0,3}(?:Secretary|Minister|President|"
    r"Prime Minister|Envoy|Chancellor|Gen\.|General|Commander)[\w\s.]{0,40}?)"
    r"\s*,?\s*$"
)


def find_membership(text: str, mentions: list[Mention]) -> Iterator[CandidateFact]:
    lower = folded(text)  # the two patterns are written in lower case
    for start, end in sentences(text):
        sentence = lower[start:end]
        here = [
            m
            for m in mentions
            if start <= m.start < end
            and m.entry.kind in ("country", "organisation")
            and not m.demonym
        ]
        if not here:
            continue
        if NOT_MEMBER.search(sentence):
            for m in here:
                yield CandidateFact(
                    "non_member",
                    {"actor": m.entry.key, "name": m.entry.name},
                    [Span(m.start, m.end, m.text)],
                    0.7,
                )
        elif LIST_OF_MEMBERS.search(sentence) and len(here) >= 2:
            for m in here:
                yield CandidateFact(
                    "member",
                    {"actor": m.entry.key, "name": m.entry.name},
                    [Span(m.start, m.end, m.text)],
                    0.6,
                )


def find_offices(
    text: str, gazetteer: Gazetteer, mentions: list[Mention], on: date | None
) -> Iterator[CandidateFact]:
    """A person named with a title of an office they held on the document's date."""
    seen: set[str] = set()
    for mention in mentions:
        if mention.entry.kind != "person" or mention.entry.key in seen:
            continue
        before = text[max(0, mention.start - 80) : mention.start]
        titled = TITLE_BEFORE.search(before)
        term = gazetteer.office_at(mention.entry.key, on)
        if titled is None or term is None:
            continue
        seen.add(mention.entry.key)
        start = mention.start - len(before) + titled.start(1)
        fields = {
            "person": mention.entry.key,
            "name": mention.entry.name,
            "title": term.title,
            "of": term.of,
            "title_in_text": titled.group(1).strip(),
        }
        yield CandidateFact(
            "office", fields, [Span(start, mention.end, text[start : mention.end])], 0.7
        )
