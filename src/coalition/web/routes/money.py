"""Money: pledges with sort and filters, a page per pledge with its ledger, totals per donor, line
of effort and meeting (per currency), and what was raised against each target."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from coalition.money.models import Target
from coalition.money.queries import (
    GroupBy,
    PledgeFilters,
    PledgeSort,
    PledgeStatus,
    choices,
    get_pledge,
    pledge_ids,
    pledge_row,
    pledged_sums,
    pledges_by_id,
    pledges_query,
    raised_towards,
    target_row,
    targets_query,
    total_row,
)
from coalition.provenance.queries import count_rows, evidence_dict
from coalition.web.deps import Paging, PagingDep, SessionDep
from coalition.web.late_rows import paginate_late
from coalition.web.listing import Listing, all_rows, api_page, export, plain
from coalition.web.rendering import render

router = APIRouter()

FIELDS = [
    "key",
    "pledged_on",
    "donor",
    "donor_key",
    "qualifier",
    "amount",
    "currency",
    "pledged_now",
    "committed",
    "disbursed",
    "status",
    "line",
    "meeting",
    "meeting_key",
    "purpose",
]
SORTS: dict[str, str] = {
    "date": "Date, oldest first",
    "-date": "Date, newest first",
    "amount": "Amount, smallest first",
    "-amount": "Amount, largest first",
    "donor": "Donor, A to Z",
    "-donor": "Donor, Z to A",
}
STATUSES = ["pledged", "committed", "partly disbursed", "disbursed", "cancelled"]
GROUPINGS = {"donor": "donor", "line": "line of effort", "meeting": "meeting"}


class Filters:
    """The filters and sort of the pledges list, the same for the page, the API and exports."""

    def __init__(
        self,
        donor: Annotated[str | None, Query(max_length=300, description="Donor key.")] = None,
        currency: Annotated[
            str | None, Query(pattern="^[A-Za-z]{3}$", description="ISO 4217 code.")
        ] = None,
        line: Annotated[
            str | None, Query(max_length=300, description="Line of effort key.")
        ] = None,
        meeting: Annotated[str | None, Query(max_length=300, description="Meeting key.")] = None,
        status: Annotated[
            PledgeStatus | None, Query(description="Status derived from the ledger.")
        ] = None,
        since: Annotated[date | None, Query(description="Pledged on or after.")] = None,
        until: Annotated[date | None, Query(description="Pledged on or before.")] = None,
        sort: Annotated[
            PledgeSort, Query(description="date, amount or donor; a leading - reverses.")
        ] = "date",
    ) -> None:
        self.values = PledgeFilters(
            donor or None, currency or None, line or None, meeting or None, status, since, until
        )
        self.sort: PledgeSort = sort

    def query(self) -> Any:
        return pledges_query(self.values, self.sort)

    def page(self, session: Session, paging: Paging) -> Listing:
        ids = pledge_ids(self.values, self.sort)
        return paginate_late(session, ids, paging, pledges_by_id, pledge_row)


FiltersDep = Annotated[Filters, Depends()]


@router.get("/money", response_class=HTMLResponse, tags=["pages"])
def money_page(
    request: Request, session: SessionDep, paging: PagingDep, filters: FiltersDep
) -> Response:
    listing = filters.page(session, paging)
    targets = _target_rows(session, session.scalars(targets_query()).all())
    return render(
        request,
        "money/index.html",
        {
            "title": "Money",
            "listing": listing,
            "filters": filters.values,
            "sort": filters.sort,
            "sorts": SORTS,
            "statuses": STATUSES,
            "choices": choices(session),
            "targets": targets,
            "groupings": GROUPINGS,
        },
    )


@router.get("/pledges", include_in_schema=False)
def pledges_redirect(request: Request) -> Response:
    # The list of pledges lives on the money page; /pledges is where people guess it is.
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(f"/money{query}", status_code=307)


@router.get("/pledges.{fmt}", tags=["exports"])
def pledges_export(request: Request, fmt: Literal["csv", "json"], filters: FiltersDep) -> Response:
    statement = filters.query()
    return export(request, lambda s: all_rows(s, statement, pledge_row), FIELDS, fmt, "pledges")


@router.get("/pledges/{key}", response_class=HTMLResponse, tags=["pages"])
def pledge_page(request: Request, session: SessionDep, key: str) -> Response:
    found = get_pledge(session, key)
    pledge, row = found[0], pledge_row(found)
    return render(
        request,
        "money/pledge.html",
        {
            "title": f"Pledge: {row['donor']}",
            "pledge": pledge,
            "row": row,
            "evidence": [evidence_dict(e) for e in pledge.evidence],
            "ledger": [
                (entry, [evidence_dict(e) for e in entry.evidence]) for entry in pledge.transactions
            ],
        },
    )


@router.get("/money/totals", response_class=HTMLResponse, tags=["pages"])
def totals_page(request: Request, session: SessionDep, by: GroupBy = "donor") -> Response:
    rows = [total_row(t) for t in pledged_sums(session, by)]
    return render(
        request,
        "money/totals.html",
        {"title": f"Pledged by {GROUPINGS[by]}", "by": by, "rows": rows, "groupings": GROUPINGS},
    )


@router.get("/api/v1/pledges", tags=["api"])
def pledges_api(
    request: Request, session: SessionDep, paging: PagingDep, filters: FiltersDep
) -> dict[str, Any]:
    """Pledges with their delivery so far (derived from the ledger), filtered, sorted and paged.

    `pledged_now` is the amount after any revision; `committed` and `disbursed` are in the
    pledge's currency (entries in another currency without an exchange rate are counted in
    `unconverted`, not added).
    """
    return api_page(request, filters.page(session, paging))


@router.get("/api/v1/pledges/{key}", tags=["api"])
def pledge_api(session: SessionDep, key: str) -> dict[str, Any]:
    """One pledge by key, with its evidence and its ledger."""
    found = get_pledge(session, key)
    pledge = found[0]
    row = pledge_row(found)
    row["evidence"] = [evidence_dict(e) for e in pledge.evidence]
    row["ledger"] = [
        {
            "key": entry.key,
            "type": entry.type.value,
            "amount": entry.amount,
            "currency": entry.currency,
            "date": entry.transaction_date,
            "fx_rate": entry.fx_rate,
            "fx_source": entry.fx_source,
            "evidence": [evidence_dict(e) for e in entry.evidence],
        }
        for entry in pledge.transactions
    ]
    result: dict[str, Any] = plain(row)
    return result


@router.get("/api/v1/money/totals", tags=["api"])
def totals_api(session: SessionDep, by: GroupBy = "donor") -> dict[str, Any]:
    """Amounts now pledged (cancelled pledges left out) per donor, line of effort or meeting,
    one row per group and currency: different currencies are never added together."""
    return {"by": by, "items": [plain(total_row(t)) for t in pledged_sums(session, by)]}


@router.get("/api/v1/targets", tags=["api"])
def targets_api(request: Request, session: SessionDep, paging: PagingDep) -> dict[str, Any]:
    """Funding targets and what was pledged towards each, in the target's own currency."""
    statement = targets_query()
    page = session.scalars(statement.limit(paging.per_page).offset(paging.offset)).all()
    listing = Listing(_target_rows(session, page), count_rows(session, statement), paging)
    return api_page(request, listing)


def _target_rows(session: Session, targets: Sequence[Target]) -> list[dict[str, Any]]:
    # What was raised is summed for all the targets at once, not one query per target.
    raised = raised_towards(session, targets)
    return [target_row(target, raised[target.id]) for target in targets]
