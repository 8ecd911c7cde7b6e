"""Dates a document states about itself: a "Published" line, a dateline."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
DATE = (
    rf"(?i:\b(?:(?P<m1>{_MONTHS})\.?\s+(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>[0-9]{{4}})"
    rf"|(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTHS})\.?,?\s+(?P<y2>[0-9]{{4}})"
    r"|(?P<y3>[0-9]{4})-(?P<m3>[0-9]{2})-(?P<d3>[0-9]{2}))\b)"
)
DATE_RE = re.compile(DATE)
_MONTH_NUMBERS = {
    name: n
    for n, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_PUBLISHED = re.compile(
    r"(?P<word>(?:first |originally )?published|posted|(?:last )?updated|(?:last )?modified)\b"
    r"(?:\s+(?:on|at))?\s*:?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?P<rest>.{0,80})",
    re.IGNORECASE,
)
# A line that holds a date and nothing else, as news sites print above or below a headline:
# "Friday, 16 January 2009".
DATE_LINE = re.compile(
    r"\s*(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?" + DATE + r"\.?\s*"
)
# A place in capitals, perhaps a state, perhaps an agency, a dash or comma, then the date.
DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]{1,30}(?:,\s*[A-Z][A-Za-z.]+)?\s*(?:\([A-Za-z .]{2,20}\))?\s*[,—–-]{1,2}\s*"
    + DATE
)


def date_from(found: re.Match[str] | None) -> date | None:
    """The full date (day, month and year) a match of `DATE` holds; None rather than a guess."""
    if found is None:
        return None
    parts = found.groupdict()
    year, month, day = (
        next(parts[f"{key}{n}"] for n in (1, 2, 3) if parts[f"{key}{n}"]) for key in "ymd"
    )
    # casefold, because a case-blind match also takes a long s (U+017F) for the s of "sept".
    number = int(month) if month.isdigit() else _MONTH_NUMBERS.get(month.casefold()[:3], 0)
    try:
        return date(int(year), number, int(day)) if 1900 <= int(year) <= 2100 else None
    except ValueError:
        return None


def published_date(text: str) -> tuple[date, bool] | None:
    """The date of a "Published: ..." line, and whether it is a first publication date."""
    found = _PUBLISHED.fullmatch(text)
    when = date_from(DATE_RE.match(found["rest"])) if found else None
    if found is None or when is None:
        return None
    return when, not found["word"].lower().endswith(("updated", "modified"))
