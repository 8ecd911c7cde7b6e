"""A day given with its weekday but not its year: "on Thursday 4 June", "Thursday, June 4".

Communiqués and news items often leave the year out, taking it for granted. The weekday puts it
back: 4 June fell on a Thursday only in 2015, 2020 and 2026 of the years tried, and the other
cues (who held which office) usually leave one of them. Said of the past, the report was written
on that day (its likeliest day: a dated account of an event is mostly written as it happens) or
in the month after; said of the future, in the month before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from coalition.intake.dating.cues import (
    MONTH,
    MONTHS,
    NO_YEAR,
    W_DAY,
    WEEKDAYS,
    YEARS,
    Cue,
    Piece,
    day_of,
)
from coalition.intake.dating.text import Doc, snippet_of
from coalition.intake.dating.weekdays import WEEKDAY_NAME

# Days after (or before) the day within which a report that dates it this way is written. A
# looking-back piece ("On Saturday, March 23, ...", written two weeks on) must stay inside.
REPORTED_WITHIN = 30
# British order ("Thursday 4 June") and American ("Thursday, June 4"); a year after them is a
# full date, which `years` reads.
_WEEKDAY_DATE = re.compile(
    rf"{WEEKDAY_NAME},?\s+(?:the\s+)?(?:(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+({MONTH})\b"
    rf"|({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b){NO_YEAR}"
)


def weekday_date_cues(doc: Doc) -> Iterator[Cue]:
    seen: set[tuple[int, int, int, bool]] = set()
    for m in _WEEKDAY_DATE.finditer(doc.text):
        if not doc.starts_word(m.start()):
            continue
        weekday = WEEKDAYS.index(m.group(1))
        month = MONTHS[(m.group(3) or m.group(4)).lower()]
        day = int(m.group(2) or m.group(5))
        future = doc.future(m.start(), m.end(), after=0)
        if (weekday, month, day, future) in seen:
            continue
        seen.add((weekday, month, day, future))
        pieces = tuple(
            _around(when.toordinal(), future)
            for year in YEARS
            if (when := day_of(year, month, day)) is not None and when.weekday() == weekday
        )
        said = "of the future: before it" if future else "of the past: on it or after"
        quoted = snippet_of(m.group())
        yield Cue(
            pieces,
            W_DAY,
            f"'{quoted}' said {said}, in a year it fell on a {m.group(1)} → {{span}}",
            "weekday date",
        )


def _around(day: int, future: bool) -> Piece:
    if future:
        return Piece(day - REPORTED_WITHIN, day - 1, anchor=day - 1)
    return Piece(day, day + REPORTED_WITHIN, anchor=day)
