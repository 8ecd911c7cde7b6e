"""The meeting timeline."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coalition.meetings.models import Meeting


def timeline(session: Session, start: date | None = None, end: date | None = None) -> list[Meeting]:
    """Meetings in date order (undated ones last), within [start, end] when given."""
    query = select(Meeting).options(selectinload(Meeting.participants))
    if start is not None:
        query = query.where(Meeting.start_date >= start)
    if end is not None:
        query = query.where(Meeting.start_date <= end)
    meetings = session.scalars(query).all()
    return sorted(meetings, key=lambda m: (m.start_date or date.max, m.parent_id or 0, m.key))
