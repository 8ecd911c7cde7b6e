"""The days a sentence gives a meeting: calendar dates ("March 22-23", "4 June", "the 4th of
June"), weekdays and ranges of them resolved against the document's date ("on Tuesday", "from
Monday to Wednesday"), days named from it ("yesterday"), and a stated length ("a two-day
meeting") that stretches a single day. Used by `extract.meetings`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import NamedTuple

from coalition.intake.extract.text import may_contain

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# A weekday's name, perhaps with "'s". Written without a leading \b, which would keep the regex
# engine from skipping ahead to "day"; `weekdays` checks the start of the word instead.
WEEKDAY = re.compile(r"((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?:[’']s)?\b")
_DAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
WEEKDAY_RANGE = re.compile(
    rf"\bbetween\s+(?P<a>{_DAY})\s+and\s+(?P<b>{_DAY})\b|"
    rf"\b(?P<c>{_DAY})(?:\s*[-–]\s*|\s+(?:to|through|until|till)\s+)(?P<d>{_DAY})\b"
)
RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1}
RELATIVE_DAY = re.compile(r"\b(?:yesterday|today|tomorrow)\b", re.IGNORECASE)
RELATIVE_DAY_WORDS = tuple(RELATIVE_DAYS)
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = r"January|February|March|April|May|June|July|August|September|October|November|December"
_ORDINAL = r"(?:st|nd|rd|th)?"
MONTH_DAYS = re.compile(
    rf"\b({_MONTH}|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+(\d{{1,2}}){_ORDINAL}"
    rf"(?:\s*[-–]\s*(\d{{1,2}}){_ORDINAL})?(?:,?\s+(\d{{4}}))?\b"
)
# The same the other way round, as communiqués and British or European reports write it.
DAY_MONTHS = re.compile(
    rf"\b(\d{{1,2}}){_ORDINAL}(?:\s*[-–]\s*(\d{{1,2}}){_ORDINAL})?\s+(?:of\s+)?({_MONTH})"
    r"(?:,?\s+(\d{4}))?\b"
)
DIGIT = re.compile(r"\d")  # as the patterns read a digit, in any script
# What comes just before or after a date that dates the meeting itself ("met on Tuesday", "on
# Thursday 4 June", "ran from Monday", "the March 22-23 session"), and just before one that dates
# only a statement ("said on Monday").
INTRODUCED = re.compile(rf"\b(?:on|from|between)\s+(?:{_DAY.lower()},?\s+)?(?:the\s+)?\Z")
NAMED_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:meeting|conference|session|summit|gathering|talks|ministerial)\b"
)
SAID = re.compile(r"\b(?:said|says|announced|added|told(?:\s+\w+){1,2})\s+(?:on\s+)?\Z")
# A meeting to come given only its month ("planned for October", "due in early June").
MONTH_ONLY = re.compile(
    r"\b(?:planned|scheduled|set|due|expected)\s+(?:for|in)\s+(?:early\s+|mid-?|late\s+)?"
    rf"(?:{_MONTH.lower()})\b(?!\s*\d)"
)
_NUMBER_OF_DAYS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
DURATION = re.compile(
    r"\b(two|three|four|five|[2-5])[-\s]day\s+(?:[\w-]+\s+){0,2}?"
    r"(?:meeting|conference|summit|gathering|session|talks|ministerial)"
)
# Words that put a date at a meeting's end ("the two-day talks ended on Thursday").
ENDING = re.compile(
    r"\b(?:ended|ends|closed|closes|concluded|concludes|wrapped\s+up|wraps\s+up)\b(?!-)|"
    r"\bthe\s+(?:end|close)\s+of\b"
)


class Dated(NamedTuple):
    """A date a sentence names: where, how sure a sign of the meeting's day (0 for a calendar
    date, 1 for a range of weekdays, 2 for a weekday, 3 for "today"), and the days."""

    at: int
    end: int
    rank: int
    days: tuple[date, date]


def weekdays(text: str) -> Iterator[str]:
    """The weekdays a text names, in order ("Monday", not "Mondays" or "XMonday")."""
    for match in _weekday_matches(text):
        yield match.group(1)


def _weekday_matches(text: str) -> Iterator[re.Match[str]]:
    for match in WEEKDAY.finditer(text):
        before = text[match.start() - 1 : match.start()]
        if not (before.isalnum() or before == "_"):
            yield match


def resolve_weekday(name: str, on: date, future: bool) -> date:
    """The named weekday nearest before the document's date (after it, for planned meetings)."""
    target = WEEKDAYS.index(name.lower())
    if future:
        return on + timedelta(days=(target - on.weekday()) % 7 or 7)
    return on - timedelta(days=(on.weekday() - target) % 7)


def _calendar(
    month_name: str, first: str, last: str | None, year: str | None, on: date | None
) -> tuple[date, date] | None:
    """The days of "March 22-23" or "4 June 2020"; a date without a year takes the document's."""
    month = next(i for i, m in enumerate(MONTHS, 1) if m.startswith(month_name.lower()[:3]))
    in_year = int(year) if year else (on.year if on else None)
    if in_year is None:
        return None
    try:
        start = date(in_year, month, int(first))
        return start, date(in_year, month, int(last)) if last else start
    except ValueError:
        return None


def _calendar_dates(sentence: str, on: date | None) -> Iterator[Dated]:
    if DIGIT.search(sentence) is None:
        return  # every calendar date has a day number: most sentences need no scan for one
    for match in MONTH_DAYS.finditer(sentence):
        days = _calendar(match.group(1), match.group(2), match.group(3), match.group(4), on)
        if days:
            yield Dated(match.start(), match.end(), 0, days)
    for match in DAY_MONTHS.finditer(sentence):
        days = _calendar(match.group(3), match.group(1), match.group(2), match.group(4), on)
        if days:
            yield Dated(match.start(), match.end(), 0, days)


def _weekday_dates(sentence: str, lower: str, on: date | None, future: bool) -> Iterator[Dated]:
    """Weekdays ("on Tuesday"), ranges of them ("from Monday to Wednesday") and days named from
    the document's ("yesterday"), the last only where nothing else dates the sentence."""
    if on is None:
        return
    if "day" in sentence:  # both weekday patterns need it; most sentences need no scan for them
        for match in WEEKDAY_RANGE.finditer(sentence):
            name = "a" if match.group("a") else "c"
            first, last = match.group(name), match.group("b") or match.group("d")
            start = resolve_weekday(first, on, future)
            length = (WEEKDAYS.index(last.lower()) - WEEKDAYS.index(first.lower())) % 7
            yield Dated(match.start(name), match.end(), 1, (start, start + timedelta(days=length)))
        for match in _weekday_matches(sentence):
            day = resolve_weekday(match.group(1), on, future)
            yield Dated(match.start(), match.end(), 2, (day, day))
    if may_contain(sentence, RELATIVE_DAY_WORDS, lower):
        for match in RELATIVE_DAY.finditer(sentence):
            day = on + timedelta(days=RELATIVE_DAYS[match.group().lower()])
            yield Dated(match.start(), match.end(), 3, (day, day))


def meeting_dates(
    sentence: str, lower: str, on: date | None, future: bool
) -> tuple[date, date] | None:
    """The days of the meeting a sentence tells of. A date said to be the meeting's ("met on
    Tuesday") comes before one that only stands near it ("a week after the June 3 attack"), and a
    date that only says when someone spoke ("said on Monday") counts when there is no other,
    and never for a meeting to come."""
    found = [*_calendar_dates(sentence, on), *_weekday_dates(sentence, lower, on, future)]
    if not found:
        return None
    if future and all(d.rank for d in found) and MONTH_ONLY.search(lower):
        return None  # "the summit planned for October": a weekday here dates something else
    plain = [d for d in found if not SAID.search(lower, max(0, d.at - 40), d.at)]
    if not plain and future:
        return None  # "said on Monday that ministers will meet next month": the meeting has no day
    best = min(plain or found, key=lambda d: (not _meetings_own(d, lower), d.rank, d.at))
    return _lasting(best, lower)


def _meetings_own(dated: Dated, lower: str) -> bool:
    """Whether the words about a date make it the meeting's: "on Tuesday", "the June 4 summit"."""
    before = INTRODUCED.search(lower, max(0, dated.at - 25), dated.at)
    return bool(before or NAMED_AFTER.match(lower, dated.end))


def _lasting(dated: Dated, lower: str) -> tuple[date, date]:
    """A single day stretched over a stated length: "opened a two-day meeting on Wednesday"
    starts that day; "the three-day talks ended on Friday" ends it."""
    start, end = dated.days
    length = DURATION.search(lower)
    if start != end or length is None:
        return dated.days
    extra = timedelta(days=_NUMBER_OF_DAYS[length.group(1)] - 1)
    if ENDING.search(lower, 0, dated.at):
        return start - extra, end
    return start, end + extra
