"""A past day given without its year: "On Feb. 16 the General Assembly condemned", "elected on
July 30".

A report leaves the year out of a date only when the date is recent, so it was written after
the day and within months of it. News style also names the weekday, not the date, for the past
week ("on Thursday"): a day given by its date is likely a week or more before the report. The
likeliest day is therefore a week after the latest such date (`best_day` takes only the latest).
A day given with its weekday ("on Thursday, March 14") is `weekday_dates`' cue; one said of the
future is left to `schedule` and the weekday mentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from coalition.intake.dating.cues import (
    MONTH,
    MONTHS,
    NO_YEAR,
    W_PAST_DATE,
    YEARS,
    Cue,
    Piece,
    day_of,
)
from coalition.intake.dating.text import Doc, snippet_of

# How long after a yearless date a report may be written, and how long after it it likeliest is.
WRITTEN_WITHIN = 183
LIKELIEST_AFTER = 7
# "on Feb. 16", "on 16 February", "on the 16th of February" (American and British order), read
# on the lower-case text: a pattern that opens with a literal "on" (the word start is checked
# apart) lets the engine jump between them.
_ON_DATE = re.compile(
    rf"on\s+(?:the\s+)?(?:({MONTH.lower()})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+({MONTH.lower()})(?![\w.]))"
    rf"(?!\s*[-–]){NO_YEAR}"
)
# A verb in the past in the clause: the date is of something done, not of something to come.
_PAST_VERB = re.compile(r"\b(?:was|were|had|did|[a-z]{3,}ed)\b")


def past_date_cues(doc: Doc) -> Iterator[Cue]:
    seen: set[tuple[int, int]] = set()
    for m in _ON_DATE.finditer(doc.lower):
        if not doc.starts_word(m.start()):
            continue
        month = MONTHS.get(m.group(1) or m.group(4))
        day = int(m.group(2) or m.group(3))
        if month is None or (month, day) in seen:
            continue
        clause = doc.clause(m.start(), m.end()).lower()
        if doc.future(m.start(), m.end()) or not _PAST_VERB.search(clause):
            continue
        seen.add((month, day))
        days = (day_of(year, month, day) for year in YEARS)
        pieces = tuple(_after(when.toordinal()) for when in days if when is not None)
        yield Cue(
            pieces,
            W_PAST_DATE,
            f"'{snippet_of(doc.phrase(m.start(), m.end()))}' said of the past without a year: "
            f"on the day or within half a year after → {{span}}",
            "past date",
        )


def _after(day: int) -> Piece:
    return Piece(day, day + WRITTEN_WITHIN, anchor=day + LIKELIEST_AFTER)
