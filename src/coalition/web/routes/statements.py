"""Statements: search by speaker, date and words; the API and the exports."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from coalition.statements.queries import (
    NEWEST_FIRST,
    StatementFilters,
    search_dialect,
    statement_ids,
    statement_row,
    statements_by_id,
    statements_query,
)
from coalition.web.deps import Paging, PagingDep, SessionDep
from coalition.web.late_rows import paginate_late
from coalition.web.listing import Listing, all_rows, api_page, export
from coalition.web.rendering import render

router = APIRouter()

FIELDS = [
    "key",
    "said_on",
    "speaker",
    "speaker_key",
    "speaker_title",
    "affiliation",
    "quote",
    "summary",
    "meeting",
    "meeting_key",
    "evidence",
]


class Filters:
    """The search of the statements list, the same for the page, the API and the exports."""

    def __init__(
        self,
        speaker: Annotated[
            str | None,
            Query(max_length=200, description="Part of the speaker's name or description."),
        ] = None,
        since: Annotated[date | None, Query(description="Said on or after.")] = None,
        until: Annotated[date | None, Query(description="Said on or before.")] = None,
        q: Annotated[
            str | None, Query(max_length=200, description="Text in the quote or summary.")
        ] = None,
    ) -> None:
        self.values = StatementFilters(speaker or None, since, until, q or None)

    def _dialect(self, session: Session) -> str:
        return search_dialect(session, self.values)

    def query(self, session: Session) -> Any:
        return statements_query(self.values, self._dialect(session))

    def page(self, session: Session, paging: Paging) -> Listing:
        ids = statement_ids(self.values, self._dialect(session))
        # A search by words finds all its statements before sorting them: count them meanwhile.
        together = NEWEST_FIRST if self.values.words is not None else ()
        return paginate_late(
            session, ids, paging, statements_by_id, statement_row, counted_together=together
        )


FiltersDep = Annotated[Filters, Depends()]


@router.get("/statements", response_class=HTMLResponse, tags=["pages"])
def statements_page(
    request: Request, session: SessionDep, paging: PagingDep, filters: FiltersDep
) -> Response:
    listing = filters.page(session, paging)
    return render(
        request,
        "statements/list.html",
        {"title": "Statements", "listing": listing, "filters": filters.values},
    )


@router.get("/statements.{fmt}", tags=["exports"])
def statements_export(
    request: Request, fmt: Literal["csv", "json"], filters: FiltersDep
) -> Response:
    return export(
        request,
        lambda s: all_rows(s, filters.query(s), statement_row),
        FIELDS,
        fmt,
        "statements",
    )


@router.get("/api/v1/statements", tags=["api"])
def statements_api(
    request: Request, session: SessionDep, paging: PagingDep, filters: FiltersDep
) -> dict[str, Any]:
    """Statements, newest first, searched by speaker, date range and words; each with links to
    its evidence (`/sources/{key}#span-{start}-{end}`)."""
    return api_page(request, filters.page(session, paging))
