"""Figures: the list, the subjects, and a chart per subject over time whose points link to their
evidence; figures in conflict are marked everywhere."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from coalition.figures.queries import (
    FigureFilters,
    figure_ids,
    figure_row,
    figures_by_id,
    figures_query,
    subject_names,
    subject_points,
    subject_row,
    subjects_by_name,
)
from coalition.web.deps import Paging, PagingDep, SessionDep
from coalition.web.late_rows import paginate_late
from coalition.web.listing import Listing, Row, all_rows, api_page, export
from coalition.web.rendering import render

router = APIRouter()

FIELDS = [
    "key",
    "subject",
    "as_of",
    "qualifier",
    "value",
    "unit",
    "place",
    "conflict",
    "evidence",
]


class Filters:
    """The filters of the figures list, the same for the page, the API and the exports."""

    def __init__(
        self,
        subject: Annotated[
            str | None, Query(max_length=500, description="One subject, exactly.")
        ] = None,
        q: Annotated[str | None, Query(max_length=200, description="Part of the subject.")] = None,
        since: Annotated[date | None, Query(description="As of this date or later.")] = None,
        until: Annotated[date | None, Query(description="As of this date or earlier.")] = None,
    ) -> None:
        self.values = FigureFilters(subject or None, q or None, since, until)

    def query(self) -> Any:
        return figures_query(self.values)

    def page(self, session: Session, paging: Paging) -> Listing:
        ids = figure_ids(self.values)
        return paginate_late(session, ids, paging, figures_by_id, figure_row)


FiltersDep = Annotated[Filters, Depends()]


@router.get("/figures", response_class=HTMLResponse, tags=["pages"])
def figures_page(
    request: Request, session: SessionDep, paging: PagingDep, filters: FiltersDep
) -> Response:
    listing = filters.page(session, paging)
    return render(
        request,
        "figures/list.html",
        {"title": "Figures", "listing": listing, "filters": filters.values},
    )


@router.get("/figures.{fmt}", tags=["exports"])
def figures_export(request: Request, fmt: Literal["csv", "json"], filters: FiltersDep) -> Response:
    statement = filters.query()
    return export(request, lambda s: all_rows(s, statement, figure_row), FIELDS, fmt, "figures")


@router.get("/figures/subjects", response_class=HTMLResponse, tags=["pages"])
def subjects_page(
    request: Request,
    session: SessionDep,
    paging: PagingDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    listing = _subjects(session, paging, q)
    return render(
        request,
        "figures/subjects.html",
        {"title": "Subjects of figures", "listing": listing, "words": q or ""},
    )


def _subjects(session: Session, paging: Paging, words: str | None) -> Listing:
    names = subject_names(words or None)
    return paginate_late(
        session, names, paging, subjects_by_name, subject_row, key_of=lambda row: row[0]
    )


@router.get("/figures/chart", response_class=HTMLResponse, tags=["pages"])
def chart_page(
    request: Request,
    session: SessionDep,
    subject: Annotated[str, Query(min_length=1, max_length=500)],
    since: date | None = None,
    until: date | None = None,
    every: Annotated[
        bool,
        Query(
            alias="all",
            description="Draw every figure, not the latest of each month, when there are many.",
        ),
    ] = False,
) -> Response:
    filters = FigureFilters(subject=subject, since=since, until=until)
    chosen = subject_points(session, filters, every)
    rows = [figure_row(r) for r in chosen.rows]
    return render(
        request,
        "figures/chart.html",
        {
            "title": subject,
            "subject": subject,
            "filters": filters,
            "rows": rows,
            "points": chart_points(rows),
            "total": chosen.total,
            "monthly": chosen.monthly,
            "capped": not chosen.monthly and chosen.total > len(rows),
            "every_url": "/figures/chart?" + urlencode(_chart_query(filters, every=True)),
            "list_url": "/figures?" + urlencode(_chart_query(filters)),
        },
    )


def _chart_query(filters: FigureFilters, *, every: bool = False) -> dict[str, str]:
    query = {"subject": filters.subject or ""}
    query |= {"since": filters.since.isoformat()} if filters.since else {}
    query |= {"until": filters.until.isoformat()} if filters.until else {}
    return query | ({"all": "true"} if every else {})


def chart_points(rows: list[Row]) -> list[dict[str, Any]]:
    """The dated figures as the chart script reads them: x in milliseconds since 1970 (the chart
    has no date adapter), y as a number, and where a click on the point should go."""
    return [
        {
            "x": int(datetime.combine(r["as_of"], datetime.min.time(), UTC).timestamp() * 1000),
            "y": float(r["value"]),
            "label": f"{r['as_of'].isoformat()}: {r['text']}",
            "conflict": r["conflict"],
            "href": r["evidence"][0]
            if r["evidence"]
            else "/figures?" + urlencode({"subject": r["subject"]}),
        }
        for r in rows
        if r["as_of"] is not None
    ]


@router.get("/api/v1/figures", tags=["api"])
def figures_api(
    request: Request, session: SessionDep, paging: PagingDep, filters: FiltersDep
) -> dict[str, Any]:
    """Figures by subject and date, filtered by subject (exact, or words of it) and date range.

    `conflict` is true when another figure for the same subject and date gives a different value,
    qualifier or unit; `evidence` links into the sources."""
    return api_page(request, filters.page(session, paging))


@router.get("/api/v1/figures/subjects", tags=["api"])
def subjects_api(
    request: Request,
    session: SessionDep,
    paging: PagingDep,
    q: Annotated[str | None, Query(max_length=200, description="Part of the subject.")] = None,
) -> dict[str, Any]:
    """Subjects of figures, each with how many figures it has and the dates they span."""
    return api_page(request, _subjects(session, paging, q))
