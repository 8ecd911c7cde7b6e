"""The review queue: candidates intake proposed, accepted, edited or rejected in place.

Every action is a plain form POST: with HTMX the reply is the candidate's row in its new state
(swapped in place); without JavaScript it is a redirect back to the queue (303). Each action
commits explicitly; when one fails it is rolled back and the row shows why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from coalition.accounts.permissions import Permission
from coalition.errors import CoalitionError
from coalition.intake.models import Candidate, CandidateStatus
from coalition.intake.queue import (
    accept_candidate,
    acceptable,
    candidate_row,
    candidate_types,
    candidates_query,
    editable_fields,
    form_changes,
)
from coalition.intake.review import decided, edit, get_candidate, reject
from coalition.web.auth import Principal, require
from coalition.web.deps import PagingDep, SessionDep
from coalition.web.listing import all_rows, api_page, export, paginate
from coalition.web.rendering import render

router = APIRouter()

# Reading the queue is reading the record; deciding on a candidate changes it.
Decides = Annotated[Principal, Depends(require(Permission.REVIEW_DECIDE))]

FIELDS = ["id", "key", "type", "status", "confidence", "source", "summary", "evidence", "record"]
Action = Literal["accept", "reject", "edit"]


class CandidateFilters:
    """The filters of the review queue, the same for the page, the API and the exports."""

    def __init__(
        self,
        type: Annotated[
            str | None, Query(max_length=40, description="Only candidates of this type.")
        ] = None,
        source: Annotated[
            str | None, Query(max_length=300, description="Only candidates from this source key.")
        ] = None,
        min_confidence: Annotated[
            float | None, Query(ge=0, le=1, description="Only this confident or more (0 to 1).")
        ] = None,
        status: Annotated[
            CandidateStatus | None, Query(description="pending (the default), accepted, rejected")
        ] = CandidateStatus.PENDING,
    ) -> None:
        self.type = type or None
        self.source = source or None
        self.min_confidence = min_confidence
        self.status = status

    def query(self) -> Any:
        return candidates_query(
            status=self.status,
            kind=self.type,
            source=self.source,
            min_confidence=self.min_confidence,
        )


Filters = Annotated[CandidateFilters, Depends()]


def _view(candidate: Candidate, error: str | None = None) -> dict[str, Any]:
    """A candidate as its row in the queue shows it."""
    return {
        **candidate_row(candidate),
        "acceptable": acceptable(candidate),
        "editable": editable_fields(candidate),
        "error": error,
    }


@router.get("/review", response_class=HTMLResponse, tags=["pages"])
def review_page(
    request: Request, session: SessionDep, paging: PagingDep, filters: Filters
) -> Response:
    listing = paginate(session, filters.query(), paging, _view)
    return render(
        request,
        "review/queue.html",
        {
            "title": "Review queue",
            "listing": listing,
            "filters": filters,
            "types": candidate_types(session),
            "statuses": list(CandidateStatus),
        },
    )


@router.get("/review.{fmt}", tags=["exports"])
def review_export(request: Request, fmt: Literal["csv", "json"], filters: Filters) -> Response:
    statement = filters.query()
    return export(
        request, lambda s: all_rows(s, statement, candidate_row), FIELDS, fmt, "candidates"
    )


def _apply(
    session: Session, me: Principal, ident: str, name: str, action: Callable[[Candidate], object]
) -> Candidate:
    """Run one action on a candidate and commit it with its audit event; roll back on failure."""
    candidate = get_candidate(session, ident)
    try:
        action(candidate)
        decided(session, me.name, name, candidate)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return candidate


def _act(
    session: Session, me: Principal, ident: str, name: str, action: Callable[[Candidate], object]
) -> tuple[Candidate, str | None]:
    """`_apply` for the page: a refusal comes back as the row's message, not as an error."""
    try:
        return _apply(session, me, ident, name, action), None
    except CoalitionError as error:
        return get_candidate(session, ident), str(error)


def _action(
    session: Session, name: Action, form: Mapping[str, Any]
) -> Callable[[Candidate], object]:
    if name == "accept":
        return lambda candidate: accept_candidate(session, candidate)
    if name == "reject":
        return reject
    return lambda candidate: edit(candidate, form_changes(candidate, form))


def _back(form: Mapping[str, Any]) -> str:
    """Where a form without JavaScript returns: the queue as it was shown (never elsewhere)."""
    target = form.get("back")
    if isinstance(target, str) and (target == "/review" or target.startswith("/review?")):
        return target
    return "/review"


@router.post("/review/{ident}/{name}", response_class=HTMLResponse, tags=["pages"])
async def review_action(
    request: Request, session: SessionDep, me: Decides, ident: str, name: Action
) -> Response:
    form = await request.form()
    candidate, error = _act(session, me, ident, name, _action(session, name, form))
    if request.headers.get("HX-Request") == "true":
        return render(
            request, "review/_row.html", {"row": _view(candidate, error), "back": _back(form)}
        )
    if error is not None:
        # Without JavaScript the row cannot change in place: the queue is shown with the error.
        return render(
            request,
            "review/error.html",
            {"title": "Not done", "row": _view(candidate, error), "back": _back(form)},
            status_code=409,
        )
    return RedirectResponse(f"{_back(form)}#candidate-{candidate.id}", status_code=303)


@router.get("/api/v1/candidates", tags=["api"])
def candidates_api(
    request: Request, session: SessionDep, paging: PagingDep, filters: Filters
) -> dict[str, Any]:
    """Candidate facts proposed by intake, pending by default, filtered and paged."""
    return api_page(request, paginate(session, filters.query(), paging, candidate_row))


def _api_act(
    session: Session, me: Principal, ident: str, name: str, action: Callable[[Candidate], object]
) -> dict[str, Any]:
    # A refusal propagates: the shared handlers answer with a JSON error (400, 404 or 409).
    return candidate_row(_apply(session, me, ident, name, action))


@router.post("/api/v1/candidates/{ident}/accept", tags=["api"])
def accept_api(session: SessionDep, me: Decides, ident: str) -> dict[str, Any]:
    """Accept a pending candidate: it becomes a record (or new evidence on an equal record) in
    the database's coalition. Returns the candidate, with the id of its record."""
    return _api_act(session, me, ident, "accept", lambda c: accept_candidate(session, c))


@router.post("/api/v1/candidates/{ident}/reject", tags=["api"])
def reject_api(session: SessionDep, me: Decides, ident: str) -> dict[str, Any]:
    """Reject a pending candidate; it stays in the database, marked rejected."""
    return _api_act(session, me, ident, "reject", reject)


@router.patch("/api/v1/candidates/{ident}", tags=["api"])
def edit_api(
    session: SessionDep, me: Decides, ident: str, changes: dict[str, Any]
) -> dict[str, Any]:
    """Change fields of a pending candidate before accepting it: a JSON object of field names
    and their new values (null or "" clears a field)."""
    return _api_act(session, me, ident, "edit", lambda c: edit(c, changes))
