"""Every router of the web interface; each module holds the pages and API of one part."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from coalition.accounts.permissions import Permission
from coalition.web.auth import require
from coalition.web.routes import (
    account,
    figures,
    meetings,
    money,
    overview,
    partners,
    proposals,
    review,
    search,
    sharing,
    sources,
    statements,
)

# The record's routers read the record; routes that change it add their own, stronger permission.
RECORD_ROUTERS: list[APIRouter] = [
    overview.router,
    partners.router,
    meetings.router,
    money.router,
    statements.router,
    figures.router,
    sources.router,
    review.router,
    search.router,
]
READS_RECORD = [Depends(require(Permission.RECORD_READ))]
# The account and sharing routers declare a permission on every route themselves.
OWN_PERMISSIONS: list[APIRouter] = [account.router, sharing.router, proposals.router]
