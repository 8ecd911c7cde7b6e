"""Partners: the list (filter by kind, region, member on a date), a page per partner, the API."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from coalition.partners.models import ActorKind
from coalition.partners.queries import (
    evidence_of,
    partner_profile,
    partner_row,
    partners_query,
    profile_dict,
)
from coalition.partners.regions import regions
from coalition.web.deps import PagingDep, SessionDep
from coalition.web.listing import Column, all_rows, api_page, export, paginate, plain
from coalition.web.rendering import render

router = APIRouter()

COLUMNS = [
    Column("name", "Name", link=lambda row: f"/partners/{row['key']}"),
    Column("kind", "Kind"),
    Column("code", "Code"),
    Column("region", "Region"),
]
FIELDS = ["key", "name", "kind", "code", "region"]


class PartnerFilters:
    """The filters of the partners list, the same for the page, the API and the exports."""

    def __init__(
        self,
        kind: Annotated[ActorKind | None, Query(description="country or organisation")] = None,
        member_at: Annotated[
            date | None, Query(description="Only members on this date (YYYY-MM-DD).")
        ] = None,
        members_only: Annotated[
            bool, Query(description="Only actors recorded as members at some time.")
        ] = False,
        name: Annotated[str | None, Query(max_length=200, description="Part of the name.")] = None,
        region: Annotated[
            str | None,
            Query(max_length=100, description="Countries of this region (see regions.yaml)."),
        ] = None,
    ) -> None:
        self.kind = kind
        self.member_at = member_at
        self.members_only = members_only
        self.name = name or None
        self.region = region or None

    def query(self) -> Any:
        return partners_query(
            kind=self.kind,
            member_at=self.member_at,
            members_only=self.members_only,
            name=self.name,
            region=self.region,
        )


Filters = Annotated[PartnerFilters, Depends()]


@router.get("/partners", response_class=HTMLResponse, tags=["pages"])
def partners_page(
    request: Request, session: SessionDep, paging: PagingDep, filters: Filters
) -> Response:
    listing = paginate(session, filters.query(), paging, partner_row)
    return render(
        request,
        "partners/list.html",
        {
            "title": "Partners",
            "listing": listing,
            "columns": COLUMNS,
            "filters": filters,
            "kinds": [k for k in ActorKind if k in (ActorKind.COUNTRY, ActorKind.ORGANISATION)],
            "regions": regions(),
        },
    )


@router.get("/partners.{fmt}", tags=["exports"])
def partners_export(request: Request, fmt: Literal["csv", "json"], filters: Filters) -> Response:
    statement = filters.query()
    return export(request, lambda s: all_rows(s, statement, partner_row), FIELDS, fmt, "partners")


@router.get("/partners/{key}", response_class=HTMLResponse, tags=["pages"])
def partner_page(request: Request, session: SessionDep, key: str) -> Response:
    profile = partner_profile(session, key)
    return render(
        request,
        "partners/detail.html",
        {"title": profile.actor.name, "profile": profile, "evidence_of": evidence_of},
    )


@router.get("/api/v1/partners", tags=["api"])
def partners_api(
    request: Request, session: SessionDep, paging: PagingDep, filters: Filters
) -> dict[str, Any]:
    """Partners (countries and organisations), filtered and paged."""
    return api_page(request, paginate(session, filters.query(), paging, partner_row))


@router.get("/api/v1/partners/{key}", tags=["api"])
def partner_api(session: SessionDep, key: str) -> dict[str, Any]:
    """One partner by key, with its memberships, the bodies it leads, the meetings it attended,
    its pledges and the statements of its officials (the newest of each, with totals), each
    with its evidence."""
    profile: dict[str, Any] = plain(profile_dict(partner_profile(session, key)))
    return profile
