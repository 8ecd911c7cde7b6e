"""Errors as people and programs want them: a friendly page, or JSON under /api; never a trace."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException

from coalition.errors import CoalitionError, Forbidden, InvalidInput, NotFound
from coalition.web.rendering import render

log = logging.getLogger(__name__)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str, details: Any = None) -> Response:
    title = HTTPStatus(status).phrase
    if wants_json(request):
        body: dict[str, Any] = {"error": {"status": status, "title": title, "message": message}}
        if details is not None:
            body["error"]["details"] = details
        return JSONResponse(body, status_code=status)
    return render(
        request,
        "error.html",
        {"status": status, "title": title, "message": message, "details": details},
        status_code=status,
    )


def _validation_details(error: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {
            "parameter": ".".join(str(p) for p in e["loc"][1:]) or str(e["loc"][0]),
            "problem": e["msg"],
        }
        for e in error.errors()
    ]


def _has_nul(request: Request) -> bool:
    return "\x00" in request.url.path or "%00" in request.url.query or "\x00" in request.url.query


def install(app: FastAPI) -> None:
    @app.middleware("http")
    async def _refuse_nul(request: Request, call_next: Any) -> Response:
        # No database stores a NUL character in text (PostgreSQL refuses it outright), and no
        # honest address holds one: refuse it at the door rather than deep inside a query.
        if _has_nul(request):
            return error_response(request, 400, "the address contains a NUL character")
        response: Response = await call_next(request)
        return response

    @app.exception_handler(DataError)
    async def _data(request: Request, error: DataError) -> Response:
        # The database refused a value as data (out of range, NUL in text...): bad input, and
        # the request's transaction has been rolled back.
        return error_response(request, 400, "a value in the request cannot be stored or compared")

    @app.exception_handler(OverflowError)
    async def _overflow(request: Request, error: OverflowError) -> Response:
        return error_response(request, 400, "a number in the request is too large")

    @app.exception_handler(HTTPException)
    async def _http(request: Request, error: HTTPException) -> Response:
        message = str(error.detail) if error.detail else HTTPStatus(error.status_code).phrase
        if error.status_code == 404 and error.detail == "Not Found":
            message = f"There is nothing at {request.url.path}."
        return error_response(request, error.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> Response:
        details = _validation_details(error)
        message = "; ".join(f"{d['parameter']}: {d['problem']}" for d in details)
        return error_response(request, 400, message, details)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, error: NotFound) -> Response:
        return error_response(request, 404, str(error))

    @app.exception_handler(InvalidInput)
    async def _bad(request: Request, error: InvalidInput) -> Response:
        return error_response(request, 400, str(error))

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, error: Forbidden) -> Response:
        return error_response(request, 403, str(error))

    # Imported here: auth needs the accounts and sharing packages, errors.py is needed by all.
    from coalition.web.auth import CsrfRefused, SignInNeeded, bearer_secret

    @app.exception_handler(CsrfRefused)
    async def _csrf(request: Request, error: CsrfRefused) -> Response:
        return error_response(request, 403, str(error))

    @app.exception_handler(SignInNeeded)
    async def _sign_in(request: Request, error: SignInNeeded) -> Response:
        # A client that sent a token it cannot use (revoked, expired, unknown) is told so: sent
        # to the sign-in page with the same token, it would be sent there again and again.
        if wants_json(request) or request.method != "GET" or bearer_secret(request) is not None:
            response = error_response(request, 401, str(error))
            response.headers["WWW-Authenticate"] = 'Bearer realm="coalition"'
            return response
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(CoalitionError)
    async def _ours(request: Request, error: CoalitionError) -> Response:
        return error_response(request, 409, str(error))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "Something went wrong on our side; it has been logged.")
