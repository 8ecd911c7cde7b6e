"""What every cue finder returns, and the calendar they all count in.

A cue is a set of days the report may have been written on ("pieces": day ordinals, both ends
included), with a weight and a reason. The vote only ever sees these shapes, which is what lets
each kind of cue live in its own module. The open ends of an interval, the weights side by side
(so that they can be compared), month and weekday names and month arithmetic are shared here.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

# Open ends of an interval. Real dates never come near them, so arithmetic on them is safe.
PAST = date(1900, 1, 1).toordinal()
FUTURE = date(2100, 12, 31).toordinal()
YEARS = range(2000, 2041)  # years tried for cues that name a month but not a year

# Weights: how much one cue counts in the vote.
W_COPYRIGHT_BOUND, W_COPYRIGHT_YEAR = 2.0, 1.0
W_OFFICE, W_EVENT, W_EVENT_FAMILY, W_TIGHT = 1.0, 1.0, 0.6, 0.8
W_ELECT, W_INCOMING, W_NEW_ADMINISTRATION, W_SCHEDULE = 0.8, 0.6, 0.4, 0.8
W_YEAR, W_MONTH, W_DAY, W_PAST_DATE = 0.4, 0.5, 0.6, 0.5

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {"jan.": 1, "feb.": 2, "aug.": 8, "sep.": 9, "sept.": 9, "oct.": 10, "nov.": 11}
MONTHS |= {"dec.": 12}
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
# After a month and day: no year follows (a full date is `years`' cue) and no percentage ("May 5
# percent" is not a day).
NO_YEAR = r"(?!,?\s*(?:19|20)\d\d)(?!\s*(?:percent|per cent|%))"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Piece:
    """Days the document may have been written on (ordinals, both ends included)."""

    lo: int
    hi: int
    anchor: int | None = None  # the likeliest day, when the cue says more than an interval
    note: str = ""  # which of several dated events this piece stands for


@dataclass(frozen=True)
class Cue:
    pieces: tuple[Piece, ...]
    weight: float
    reason: str  # "{note}" and "{span}" are filled in once the piece that counts is known
    kind: str  # copyright, office, transition, event, schedule, year, weekday date, past date


def day_of(year: int, month: int, day: int) -> date | None:
    """The date, or None for a day the month does not have (30 February)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def ordinal_or(value: Any, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, date):
        return value.toordinal()
    return date.fromisoformat(str(value)).toordinal()


def month_range(ordinal: int, shift: int) -> tuple[int, int]:
    """First and last day of the month `shift` months from the one containing `ordinal`."""
    day = date.fromordinal(ordinal)
    index = day.year * 12 + day.month - 1 + shift
    first = date(index // 12, index % 12 + 1, 1)
    following = date((index + 1) // 12, (index + 1) % 12 + 1, 1)
    return first.toordinal(), following.toordinal() - 1


def year_range(ordinal: int, shift: int) -> tuple[int, int]:
    year = date.fromordinal(ordinal).year + shift
    return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
