"""Explicit years and dates, with the tense of the clause they are said in.

"In June of 2014" said of the past dates the report after June 2014; "in 2016" said of the future,
before 2017. A bare year ("the 2016 election") says too little and is passed over.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from coalition.intake.dating.cues import (
    FUTURE,
    MONTH,
    MONTHS,
    PAST,
    W_DAY,
    W_MONTH,
    W_YEAR,
    Cue,
    Piece,
    month_range,
)
from coalition.intake.dating.text import Doc, snippet_of

_YEAR = re.compile(
    r"(?:19|20)\d\d\b(?![-–/]\d)(?!\s*(?:budget|fiscal|elections?|campaign|presidential|race"
    r"|vote|deadline|target|goal|World Cup|Olympics))"
)
# What may stand before a year: a preposition, then perhaps a month and a day ("in June of").
_BEFORE_YEAR = re.compile(
    rf"(?:\b((?i:in|since|from|during|of|to|by|and|on))\s+)?(?:(?:early|late|mid)[- ]?)?"
    rf"(?:({MONTH})\s+(?:(\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?:of\s+)?)?$"
)


def year_cues(doc: Doc) -> Iterator[Cue]:
    """'in June of 2014' said of the past: written after it; 'in 2016' of the future: before."""
    seen: set[tuple[int, int, bool]] = set()
    for m in _YEAR.finditer(doc.text):
        if not doc.starts_word(m.start()):
            continue
        before = _BEFORE_YEAR.search(doc.text, max(0, m.start() - 30), m.start())
        if before is None or not (before.group(1) or before.group(2)):
            continue  # a bare year ("the 2016 election", "(c) 2017") says little
        lo, hi, weight = _period(before, int(m.group()))
        start = before.start()
        future = doc.future(start, m.end())
        if (lo, hi, future) in seen:
            continue
        seen.add((lo, hi, future))
        piece = Piece(PAST, hi) if future else Piece(lo, FUTURE)
        said = "of the future" if future else "of the past"
        quoted = snippet_of(doc.text[start : m.end()])
        yield Cue((piece,), weight, f"'{quoted}' said {said} → {{span}}", "year")


def _period(m: re.Match[str], year: int) -> tuple[int, int, float]:
    if not m.group(2):
        return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal(), W_YEAR
    month = MONTHS[m.group(2).lower()]
    first, last = month_range(date(year, month, 1).toordinal(), 0)
    if m.group(3) and 1 <= int(m.group(3)) <= last - first + 1:
        day = first + int(m.group(3)) - 1
        return day, day, W_DAY
    return first, last, W_MONTH
