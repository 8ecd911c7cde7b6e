"""Meetings: the timeline (filter by dates, level, status, place), a page per meeting, the API,
and exports as CSV, JSON and iCalendar."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from coalition.meetings.models import MeetingLevel, MeetingStatus
from coalition.meetings.queries import (
    by_year,
    meeting_profile,
    meeting_row,
    meetings_query,
    place_of,
    profile_dict,
)
from coalition.meetings.services import calendar
from coalition.partners.queries import evidence_of
from coalition.storage.base import utcnow
from coalition.web.deps import PagingDep, SessionDep
from coalition.web.listing import Column, all_rows, api_page, export, paginate, plain
from coalition.web.rendering import render

router = APIRouter()

COLUMNS = [
    Column("start_date", "Starts"),
    Column("end_date", "Ends"),
    Column("title", "Meeting", link=lambda row: f"/meetings/{row['key']}"),
    Column("level", "Level"),
    Column("status", "Status"),
    Column("place", "Place"),
    Column("hosts", "Hosts"),
]
FIELDS = [
    "key",
    "title",
    "level",
    "format",
    "status",
    "start_date",
    "end_date",
    "place",
    "city",
    "venue",
    "country",
    "track",
    "hosts",
    "invited",
    "attending",
]


class MeetingFilters:
    """The filters of the timeline, the same for the page, the API and the exports."""

    def __init__(
        self,
        start: Annotated[
            date | None, Query(alias="from", description="Starting on or after (YYYY-MM-DD).")
        ] = None,
        end: Annotated[
            date | None, Query(alias="to", description="Starting on or before (YYYY-MM-DD).")
        ] = None,
        level: Annotated[MeetingLevel | None, Query(description="ministerial, ...")] = None,
        status: Annotated[MeetingStatus | None, Query(description="held, ...")] = None,
        place: Annotated[
            str | None,
            Query(max_length=200, description="Part of the city, venue or country name."),
        ] = None,
    ) -> None:
        self.start = start
        self.end = end
        self.level = level
        self.status = status
        self.place = place or None

    def query(self) -> Any:
        return meetings_query(
            start=self.start, end=self.end, level=self.level, status=self.status, place=self.place
        )


Filters = Annotated[MeetingFilters, Depends()]


@router.get("/meetings", response_class=HTMLResponse, tags=["pages"])
def meetings_page(
    request: Request, session: SessionDep, paging: PagingDep, filters: Filters
) -> Response:
    listing = paginate(session, filters.query(), paging, meeting_row)
    return render(
        request,
        "meetings/list.html",
        {
            "title": "Meetings",
            "listing": listing,
            "years": by_year(listing.rows),
            "columns": COLUMNS,
            "filters": filters,
            "levels": list(MeetingLevel),
            "statuses": list(MeetingStatus),
        },
    )


@router.get("/meetings.ics", tags=["exports"])
def meetings_calendar(request: Request, filters: Filters) -> Response:
    statement = filters.query()

    def body() -> Iterator[str]:
        # Read in a session of the download's own: the request's is closed before streaming.
        with request.app.state.sessions() as session:
            found = session.scalars(statement.execution_options(yield_per=500))
            yield from calendar(found, utcnow(), place_of)

    headers = {"Content-Disposition": 'attachment; filename="meetings.ics"'}
    return StreamingResponse(body(), media_type="text/calendar; charset=utf-8", headers=headers)


@router.get("/meetings.{fmt}", tags=["exports"])
def meetings_export(request: Request, fmt: Literal["csv", "json"], filters: Filters) -> Response:
    statement = filters.query()
    return export(request, lambda s: all_rows(s, statement, meeting_row), FIELDS, fmt, "meetings")


@router.get("/meetings/{key}", response_class=HTMLResponse, tags=["pages"])
def meeting_page(request: Request, session: SessionDep, key: str) -> Response:
    profile = meeting_profile(session, key)
    return render(
        request,
        "meetings/detail.html",
        {"title": profile.meeting.title, "profile": profile, "evidence_of": evidence_of},
    )


@router.get("/api/v1/meetings", tags=["api"])
def meetings_api(
    request: Request, session: SessionDep, paging: PagingDep, filters: Filters
) -> dict[str, Any]:
    """Meetings in date order (undated last), filtered by start date, level, status and place."""
    return api_page(request, paginate(session, filters.query(), paging, meeting_row))


@router.get("/api/v1/meetings/{key}", tags=["api"])
def meeting_api(session: SessionDep, key: str) -> dict[str, Any]:
    """One meeting by key: its delegations, tracks, outcomes, the pledges and statements made
    there (the first of each, with totals), and every source span behind them."""
    profile: dict[str, Any] = plain(profile_dict(meeting_profile(session, key)))
    return profile
