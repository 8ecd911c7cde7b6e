"""Every router of the web interface; each module holds the pages and API of one part."""

from __future__ import annotations

from fastapi import APIRouter

from coalition.web.routes import (
    figures,
    meetings,
    money,
    overview,
    partners,
    review,
    search,
    sources,
    statements,
)

ROUTERS: list[APIRouter] = [
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
