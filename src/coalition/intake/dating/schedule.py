"""A day scheduled in this or next month, said with words that place it relative to the report.

"The March 22-23 session" with "later this month" means the report was written in March,
before the 22nd.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from coalition.intake.dating.cues import (
    MONTH,
    MONTHS,
    NO_YEAR,
    W_SCHEDULE,
    YEARS,
    Cue,
    Piece,
    day_of,
    month_range,
)
from coalition.intake.dating.text import Doc, snippet_of

_MONTH_DAY = re.compile(
    rf"({MONTH})\s+(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?(?:st|nd|rd|th)?\b"
    rf"{NO_YEAR}"
)
_THIS_MONTH = re.compile(r"\b(later this month|earlier this month|next month)\b")  # lower case


def schedule_cues(doc: Doc) -> Iterator[Cue]:
    """'The March 22-23 session' with 'later this month': written in March, before the 22nd.

    Only used when every month-day mention names the same month, so the relative words can only
    refer to it.
    """
    relative = _THIS_MONTH.search(doc.lower) if "month" in doc.lower else None
    if relative is None:
        return
    mentions = [
        (m, MONTHS[m.group(1).lower()], int(m.group(2)))
        for m in _MONTH_DAY.finditer(doc.text)
        if doc.starts_word(m.start()) and 1 <= int(m.group(2)) <= 31
    ]
    months = {month for _, month, _ in mentions}
    if len(months) != 1:
        return
    month, phrase = months.pop(), relative.group(1).lower()
    day = min(d for _, _, d in mentions)
    pieces = tuple(p for year in YEARS if (p := _scheduled(year, month, day, phrase)))
    said = f"'{snippet_of(mentions[0][0].group())}' with '{phrase}' →"
    name = date(2000, month, 1).strftime("%B")
    what = {
        "later this month": f"written in {name}, before the {_nth(day)}",
        "earlier this month": f"written in {name}, after the {_nth(day)}",
        "next month": f"written in the month before {name}",
    }[phrase]
    yield Cue(pieces, W_SCHEDULE, f"{said} {what}: {{span}}", "schedule")


def _scheduled(year: int, month: int, day: int, phrase: str) -> Piece | None:
    when = day_of(year, month, day)
    if when is None:
        return None
    scheduled = when.toordinal()
    first, last = month_range(scheduled, -1 if phrase == "next month" else 0)
    if phrase == "later this month":
        last = scheduled - 1
    elif phrase == "earlier this month":
        first = scheduled
    return Piece(first, last) if first <= last else None


def _nth(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"
