"""The overview (/): a coalition at a glance, and the same data as JSON at /api/v1/overview."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from coalition.coalitions.queries import chosen_coalition, coalition_choices, overview
from coalition.web.deps import SessionDep
from coalition.web.listing import plain
from coalition.web.rendering import render

router = APIRouter()

CoalitionKey = Annotated[
    str | None,
    Query(
        max_length=300,
        description="Key of the coalition to show; needed only when several are recorded.",
    ),
]


def _overview_data(session: Session, key: str | None) -> dict[str, Any]:
    """The choices and, when one coalition is chosen (or the only one), its overview."""
    choices = coalition_choices(session)
    chosen = chosen_coalition(session, key or None, choices)
    data = overview(session, chosen, date.today()) if chosen is not None else None
    return {"coalitions": choices, "overview": data}


@router.get("/", response_class=HTMLResponse, tags=["pages"])
def overview_page(
    request: Request, session: SessionDep, coalition: CoalitionKey = None
) -> Response:
    context = _overview_data(session, coalition)
    data = context["overview"]
    title = data["coalition"]["name"] if data else "Overview"
    chart = chart_data(data) if data else None
    return render(request, "overview/page.html", {"title": title, "chart": chart, **context})


@router.get("/api/v1/overview", tags=["api"])
def overview_api(session: SessionDep, coalition: CoalitionKey = None) -> dict[str, Any]:
    """A coalition at a glance: reported sizes and members known by name over time, recent and
    upcoming meetings, money pledged against targets per currency, the latest statements and the
    latest value of key figures. `overview` is null when the database holds no coalition, or
    several and none was chosen; `coalitions` lists the keys to choose from."""
    result: dict[str, Any] = plain(_overview_data(session, coalition))
    return result


def chart_data(data: dict[str, Any]) -> dict[str, Any] | None:
    """What the membership chart draws (ISO dates, counts, links to evidence), or None if empty."""
    membership = data["membership"]
    if not membership["reported"] and not membership["named"]:
        return None
    reported = [
        {
            "x": plain(size["as_of"]),
            "y": size["count"],
            "qualifier": size["qualifier"],
            "url": size["evidence"]["url"] if size["evidence"] else None,
        }
        for size in membership["reported"]
    ]
    named = [{"x": plain(point["on"]), "y": point["count"]} for point in membership["named"]]
    return {"reported": reported, "named": named}
