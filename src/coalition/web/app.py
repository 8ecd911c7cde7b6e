"""The application: one engine per process, one session per request, every router mounted."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.orm import sessionmaker

from coalition.sharing.policy import packaged_policies
from coalition.storage.database import open_database
from coalition.web import errors
from coalition.web.assets import STATIC, missing_vendor_assets
from coalition.web.auth import Throttle
from coalition.web.rendering import render
from coalition.web.routes import OWN_PERMISSIONS, READS_RECORD, RECORD_ROUTERS


@asynccontextmanager
async def _frozen_heap(_app: FastAPI) -> AsyncIterator[None]:
    """Once the server has started, move everything loaded so far (the libraries, reference
    data, compiled templates) out of the garbage collector's reach. Otherwise every full
    collection walks those hundreds of thousands of long-lived objects again, and the request
    that triggers it waits some 100 ms for nothing."""
    gc.collect()
    gc.freeze()
    yield


def create_app(url: str, *, public_read: bool = True, serving: bool = False) -> FastAPI:
    """The web application over the database at `url` (opened, never created or replaced).
    `public_read`: visitors without an account may read the record (never shared items).
    `serving`: a long-running server (`coalition serve`), which freezes its start-up heap."""
    engine = open_database(url)
    app = FastAPI(
        lifespan=_frozen_heap if serving else None,
        title="coalition",
        summary="A sourced record of a multinational coalition.",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.engine = engine
    app.state.sessions = sessionmaker(engine, expire_on_commit=False)
    app.state.missing_assets = missing_vendor_assets()
    app.state.public_read = public_read
    app.state.throttle = Throttle()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.state.policies = packaged_policies()
    for router in RECORD_ROUTERS:
        app.include_router(router, dependencies=READS_RECORD)
    for router in OWN_PERMISSIONS:
        app.include_router(router)
    errors.install(app)
    app.openapi = _declaring_tokens(app)  # type: ignore[method-assign]

    # FastAPI's own docs page loads Swagger UI from a CDN and has no language, skip link or
    # readable contrast; ours is one of our pages, around Swagger UI served from the package.
    @app.get("/api/docs", include_in_schema=False, dependencies=READS_RECORD)
    def api_docs(request: Request) -> HTMLResponse:
        context = {"title": "API", "openapi_url": app.openapi_url}
        return render(request, "api/docs.html", context)

    return app


def _declaring_tokens(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """The OpenAPI document, declaring the API tokens: `auth` reads the header itself (visitors
    may read without one), so FastAPI cannot know of it, and without the declaration Swagger UI
    offers no way to send a token. Sending one is optional on every route; a route refuses
    without it (401) where the record or the action needs an account."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        first = app.openapi_schema is None
        schema = build()
        if first:
            schemes = schema.setdefault("components", {}).setdefault("securitySchemes", {})
            schemes["token"] = {
                "type": "http",
                "scheme": "bearer",
                "description": "An API token made on the account page (/account).",
            }
            schema["security"] = [{}, {"token": []}]
        return schema

    return openapi
