"""Search across everything: actors and their aliases, meetings, statements, figures, pledges and
the text of sources; counts per kind, pages, a snippet per result."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from coalition.search.index import KINDS, refresh
from coalition.search.query import hit_for_api, marked, search
from coalition.web.deps import Paging, PagingDep, SessionDep
from coalition.web.listing import Listing, api_page, plain
from coalition.web.rendering import render

router = APIRouter()

Kind = Literal["actor", "meeting", "statement", "figure", "pledge", "source"]
QueryParam = Annotated[str, Query(max_length=500, description="Words to find (all of them).")]
KindParam = Annotated[Kind | None, Query(description="Only results of this kind.")]


def _results(session: Session, q: str, kind: str | None, paging: Paging) -> tuple[Listing, Any]:
    """One page of results; the index first catches up with whatever was added since."""
    refresh(session)
    found = search(session, q, kind, paging.offset, paging.per_page)
    return Listing(found.hits, found.total, paging), found.facets


@router.get("/search", response_class=HTMLResponse, tags=["pages"])
def search_page(
    request: Request,
    session: SessionDep,
    paging: PagingDep,
    q: QueryParam = "",
    kind: KindParam = None,
) -> Response:
    listing, facets = _results(session, q, kind, paging)
    for hit in listing.rows:
        hit["snippet_html"] = marked(hit["snippet"])
    return render(
        request,
        "search/results.html",
        {
            "title": f"Search: {q}" if q.strip() else "Search",
            "query": q,
            "kind": kind,
            "kinds": KINDS,
            "facets": facets,
            "listing": listing,
        },
    )


@router.get("/api/v1/search", tags=["api"])
def search_api(
    request: Request,
    session: SessionDep,
    paging: PagingDep,
    q: QueryParam = "",
    kind: KindParam = None,
) -> dict[str, Any]:
    """Search everything for records and sources holding every word of `q` (the last word may be
    the start of one), best matches first. `facets` counts the matches of each kind; `kind`
    keeps one of them. Punctuation and search syntax in `q` are ignored, never an error."""
    listing, facets = _results(session, q, kind, paging)
    listing.rows = [hit_for_api(hit) for hit in listing.rows]
    return {**api_page(request, listing), "query": q, "facets": plain(facets)}
