"""The meeting timeline, and meetings as an iCalendar file."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coalition.meetings.models import Meeting, MeetingStatus


def timeline(session: Session, start: date | None = None, end: date | None = None) -> list[Meeting]:
    """Meetings in date order (undated ones last), within [start, end] when given."""
    query = select(Meeting).options(selectinload(Meeting.participants))
    if start is not None:
        query = query.where(Meeting.start_date >= start)
    if end is not None:
        query = query.where(Meeting.start_date <= end)
    meetings = session.scalars(query).all()
    return sorted(meetings, key=lambda m: (m.start_date or date.max, m.parent_id or 0, m.key))


# iCalendar (RFC 5545), written here rather than with a library: the subset a calendar of dated
# meetings needs is small, and every rule it follows is named below.

# What each status means to a calendar program (RFC 5545 section 3.8.1.11).
CALENDAR_STATUS = {
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.ANNOUNCED: "TENTATIVE",
    MeetingStatus.CANCELLED: "CANCELLED",
}
PRODUCT_ID = "-//coalition//meetings//EN"
MAX_OCTETS = 75  # a content line's limit, before folding (section 3.1)


def calendar_text(value: str) -> str:
    """A TEXT value escaped (section 3.3.11): backslash, semicolon, comma and newlines."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """One content line folded into pieces of at most 75 octets, each ending in CRLF; a
    continuation starts with a space. A UTF-8 character is never split between pieces."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > MAX_OCTETS:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return "".join(piece + "\r\n" for piece in pieces)


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def calendar_event(meeting: Meeting, stamp: datetime, location: str | None) -> Iterator[str]:
    """The VEVENT of a dated meeting; all-day, with DTEND the day after its last day."""
    assert meeting.start_date is not None
    last = meeting.end_date or meeting.start_date
    lines = [
        "BEGIN:VEVENT",
        f"UID:{meeting.key}@coalition",
        f"DTSTAMP:{stamp.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART;VALUE=DATE:{_day(meeting.start_date)}",
        f"DTEND;VALUE=DATE:{_day(last + timedelta(days=1))}",
        f"SUMMARY:{calendar_text(meeting.title)}",
        f"STATUS:{CALENDAR_STATUS[meeting.status]}",
    ]
    if location:
        lines.append(f"LOCATION:{calendar_text(location)}")
    if meeting.outcomes:
        lines.append(f"DESCRIPTION:{calendar_text(meeting.outcomes)}")
    lines.append("END:VEVENT")
    yield from (fold(line) for line in lines)


def calendar(
    meetings: Iterable[Meeting], stamp: datetime, location: Callable[[Meeting], str | None]
) -> Iterator[str]:
    """A VCALENDAR of the dated meetings (a calendar event needs a date; undated ones are left
    out), written piece by piece so that a long calendar streams."""
    header = ("BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT_ID}", "CALSCALE:GREGORIAN")
    yield from (fold(line) for line in header)
    for meeting in meetings:
        if meeting.start_date is not None:
            yield "".join(calendar_event(meeting, stamp, location(meeting)))
    yield fold("END:VCALENDAR")
