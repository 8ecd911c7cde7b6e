"""Words near an event mention that say how long before or after it the report was written.

"Yesterday", "last week", "later this month", a weekday or a month name each become a `Tighten`:
a function from the event's day to the days the report may have been written on, and the
likeliest of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from coalition.intake.dating.cues import (
    MONTH,
    MONTHS,
    WEEKDAYS,
    month_range,
    year_range,
)
from coalition.intake.dating.text import Doc

_WEEKDAY_NAME = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_MONTH_NAME = re.compile(rf"\b({MONTH})(?!\s*(?:of\s+)?(?:\d{{1,2}},?\s+)?(?:19|20)\d\d)")

Tighten = Callable[[int], tuple[int, int, int | None]]


def relative_phrase(
    doc: Doc, hit: re.Match[str], window: str, future: bool
) -> tuple[str, Tighten | None]:
    """Words near a mention that say how long before or after the event the report was written."""
    pattern, tightens, hints = _FUTURE_RELATIVE if future else _PAST_RELATIVE
    lowered = window.lower()
    if any(hint in lowered for hint in hints) and (found := pattern.search(lowered)):
        return found.group(), tightens[found.lastindex or 0]
    if weekday := _WEEKDAY_NAME.search(window):
        day = WEEKDAYS.index(weekday.group())
        return weekday.group(), _on_weekday(day, future)
    near = doc.text[max(0, hit.start() - 30) : hit.end() + 30]
    if not future and (month := _MONTH_NAME.search(near)):
        number = MONTHS[month.group(1).lower()]
        return month.group(1), lambda d: (d, d + 330, None) if _month(d) == number else _NO_PIECE
    return "", None


_NO_PIECE = (1, 0, None)  # what a Tighten returns for an event the words cannot refer to


def _on_weekday(day: int, future: bool) -> Tighten:
    """'the attack on Thursday': only events that fell on a Thursday, reported within a week."""

    def tighten(d: int) -> tuple[int, int, int | None]:
        if (d - 1) % 7 != day:
            return _NO_PIECE
        return (d - 6, d, d - 1) if future else (d, d + 6, d)

    return tighten


def _month(ordinal: int) -> int:
    return date.fromordinal(ordinal).month


_Table = tuple[re.Pattern[str], list[Tighten], tuple[str, ...]]


def _relative_table(rows: list[tuple[str, Tighten]], hints: tuple[str, ...]) -> _Table:
    """One lower-case pattern with a group per row, what each group means, and the `hints`.

    Every row starts at a word boundary. The `\\b` is written once, in front of all the rows, so
    that the engine gives up at once inside words instead of trying each row there. Every
    alternative of every row holds one of the hints: a window without any is not searched at
    all, which is what most windows are."""
    pattern = re.compile(r"\b(?:" + "|".join(f"({p})" for p, _ in rows) + ")")
    return pattern, [rows[0][1], *(tighten for _, tighten in rows)], hints


_PAST_RELATIVE = _relative_table(
    [
        (r"hours (?:after|since|following)\b|(?:earlier )?today\b", lambda d: (d, d + 2, d)),
        (r"yesterday\b|last night\b|overnight\b", lambda d: (d, d + 2, d + 1)),
        (r"last week\b", lambda d: (d + 1, d + 13, d + 7)),
        (
            r"(?:earlier )?this week\b|days (?:after|since|following|ago|earlier)\b"
            r"|(?:over )?(?:the|this|last) weekend\b",
            lambda d: (d, d + 9, d + 2),
        ),
        (
            r"weeks (?:after|since|following|ago|earlier)\b|within weeks\b"
            r"|(?:a few|several|two|three) weeks\b",
            lambda d: (d, d + 70, d + 14),
        ),
        (r"last month\b", lambda d: (*month_range(d, 1), None)),
        (r"(?:earlier )?this month\b", lambda d: (d, month_range(d, 0)[1], None)),
        (r"months (?:after|since|following|ago|earlier)\b", lambda d: (d + 28, d + 730, d + 90)),
        (r"last year\b", lambda d: (*year_range(d, 1), None)),
        (r"(?:earlier )?this year\b", lambda d: (d, year_range(d, 0)[1], None)),
    ],
    ("hour", "day", "night", "week", "month", "year"),
)
_FUTURE_RELATIVE = _relative_table(
    [
        (r"tomorrow\b", lambda d: (d - 2, d - 1, d - 1)),
        (r"next week\b", lambda d: (d - 13, d - 1, d - 7)),
        (r"(?:later )?this week\b", lambda d: (d - 6, d - 1, d - 2)),
        (r"next month\b", lambda d: (*month_range(d, -1), None)),
        (r"(?:later )?this month\b", lambda d: (month_range(d, 0)[0], d - 1, None)),
        (r"next year\b", lambda d: (*year_range(d, -1), None)),
        (r"(?:later )?this year\b", lambda d: (year_range(d, 0)[0], d - 1, None)),
    ],
    ("tomorrow", "week", "month", "year"),
)
