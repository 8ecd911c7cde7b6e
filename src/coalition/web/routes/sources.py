"""Sources: the list, a page per source (its clean text with every evidence span highlighted and
linked to its record, how it was dated, what cleaning dropped), any record's page, the API."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from coalition.intake.queue import pending_spans
from coalition.provenance.highlight import Mark, segments
from coalition.provenance.models import Source
from coalition.provenance.queries import (
    cited_spans,
    dropped_lines,
    get_record,
    record_dict,
    source_dict,
    source_row,
    sources_query,
)
from coalition.provenance.services import get_source
from coalition.web.deps import PagingDep, SessionDep
from coalition.web.listing import Column, all_rows, api_page, export, paginate, plain
from coalition.web.rendering import render

router = APIRouter()

COLUMNS = [
    Column("key", "Key", link=lambda row: f"/sources/{quote(row['key'], safe='')}"),
    Column("title", "Title"),
    Column("published", "Published"),
    Column("between", "Between"),
    Column("origin", "Origin"),
    Column("spans", "Evidence spans", numeric=True),
]
FIELDS = ["number", "key", "title", "origin", "published", "earliest", "latest", "spans"]


class SourceFilters:
    """The filters of the sources list, the same for the page, the API and the exports."""

    def __init__(
        self,
        text: Annotated[
            str | None, Query(max_length=200, description="Part of the title or key.")
        ] = None,
        origin: Annotated[
            str | None, Query(max_length=300, description="Part of where it came from.")
        ] = None,
        published_from: Annotated[
            date | None, Query(description="Published on or after (YYYY-MM-DD).")
        ] = None,
        published_to: Annotated[
            date | None, Query(description="Published on or before (YYYY-MM-DD).")
        ] = None,
        cited: Annotated[
            bool, Query(description="Only sources that evidence points into.")
        ] = False,
    ) -> None:
        self.text = text or None
        self.origin = origin or None
        self.published_from = published_from
        self.published_to = published_to
        self.cited = cited

    def query(self) -> Any:
        return sources_query(
            text=self.text,
            origin=self.origin,
            published_from=self.published_from,
            published_to=self.published_to,
            cited=self.cited,
        )


Filters = Annotated[SourceFilters, Depends()]


def _list_row(row: Any) -> dict[str, Any]:
    """A list row with the inferred interval as one cell for the page."""
    found = source_row(row)
    earliest, latest = found["earliest"], found["latest"]
    found["between"] = f"{earliest} – {latest}" if earliest and earliest != latest else None
    return found


@router.get("/sources", response_class=HTMLResponse, tags=["pages"])
def sources_page(
    request: Request, session: SessionDep, paging: PagingDep, filters: Filters
) -> Response:
    listing = paginate(session, filters.query(), paging, _list_row)
    return render(
        request,
        "sources/list.html",
        {"title": "Sources", "listing": listing, "columns": COLUMNS, "filters": filters},
    )


@router.get("/sources.{fmt}", tags=["exports"])
def sources_export(request: Request, fmt: Literal["csv", "json"], filters: Filters) -> Response:
    statement = filters.query()
    return export(request, lambda s: all_rows(s, statement, source_row), FIELDS, fmt, "sources")


@router.get("/api/v1/sources", tags=["api"])
def sources_api(
    request: Request, session: SessionDep, paging: PagingDep, filters: Filters
) -> dict[str, Any]:
    """Sources (the documents evidence points into), filtered and paged, with how many evidence
    spans point into each."""
    return api_page(request, paginate(session, filters.query(), paging, source_row))


def _marks(session: Session, source: Source) -> tuple[list[Mark], int]:
    spans, total = cited_spans(session, source)
    marks = [
        Mark(
            s.start,
            s.end,
            f"{s.record_kind} {s.record_key}",
            f"/records/{quote(s.record_key, safe='')}",
        )
        for s in spans
    ]
    marks += [
        Mark(
            start,
            end,
            f"candidate {c.id} ({c.candidate_type})",
            f"/review#candidate-{c.id}",
            "candidate",
        )
        for start, end, c in pending_spans(session, source)
    ]
    return marks, total


@router.get("/sources/{key}", response_class=HTMLResponse, tags=["pages"])
def source_page(request: Request, session: SessionDep, key: str) -> Response:
    source = get_source(session, key)
    marks, total = _marks(session, source)
    evidence = [m for m in marks if m.kind == "evidence"]
    return render(
        request,
        "sources/detail.html",
        {
            "title": source.title or source.key,
            "source": source_dict(source),
            "segments": segments(source.text or "", marks),
            "has_text": bool(source.text),
            "evidence_total": total,
            "evidence_shown": len(evidence),
            "candidates": len(marks) - len(evidence),
            "dropped": dropped_lines(source),
        },
    )


@router.get("/api/v1/sources/{key}", tags=["api"])
def source_api(session: SessionDep, key: str) -> dict[str, Any]:
    """One source by key or number: its metadata, its date inference with the reasons, its clean
    text, the evidence spans that point into it (each with its record), the spans of candidates
    waiting for review, and the lines cleaning dropped."""
    source = get_source(session, key)
    spans, total = cited_spans(session, source)
    data: dict[str, Any] = plain(source_dict(source))
    data["text"] = source.text
    data["evidence_total"] = total
    data["evidence"] = [
        {"start": s.start, "end": s.end, "record": s.record_key, "kind": s.record_kind}
        for s in spans
    ]
    data["candidates"] = [
        {"start": start, "end": end, "candidate": c.id, "type": c.candidate_type}
        for start, end, c in pending_spans(session, source)
    ]
    data["dropped"] = dropped_lines(source)
    return data


@router.get("/records/{key}", response_class=HTMLResponse, tags=["pages"])
def record_page(request: Request, session: SessionDep, key: str) -> Response:
    record = record_dict(get_record(session, key))
    return render(request, "sources/record.html", {"title": record["label"], "record": record})


@router.get("/api/v1/records/{key}", tags=["api"])
def record_api(session: SessionDep, key: str) -> dict[str, Any]:
    """Any record by key or number: its kind, its fields (references shown by their label and
    key) and its evidence."""
    found: dict[str, Any] = plain(record_dict(get_record(session, key)))
    return found
