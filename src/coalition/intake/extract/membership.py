"""Members and non-members the text names."""

from __future__ import annotations

import re
from collections.abc import Iterator

from coalition.intake.document import CandidateFact, Span
from coalition.intake.extract.text import folded, sentences
from coalition.intake.gazetteer import Mention

NOT_MEMBER = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:a\s+)?not\s+(?:a\s+)?(?:member|members|part)\s+of|"
    r"(?:is|are)\s+not\s+in\s+the|not\s+(?:a\s+)?members?\s+of|outside\s+the)\b[^.]{0,40}coalition",
)
LIST_OF_MEMBERS = re.compile(
    r"\b(?:countries|nations|members|delegations|partners)\s+(?:represented|present|attending|"
    r"taking\s+part|participating)|\b(?:attended|represented)\s+by\b|\bcoalition\s+members?\s+"
    r"(?:including|such\s+as)|\bincluding\b",
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
