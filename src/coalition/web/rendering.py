"""Server-rendered pages: one Jinja2 environment, its filters, and the navigation."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from coalition.accounts.permissions import Permission
from coalition.provenance.highlight import span_url
from coalition.storage.base import format_decimal
from coalition.web.listing import EXPORT_FORMATS, page_url

TEMPLATES = Path(__file__).parent / "templates"

# (path, label): the main navigation, in the order people use it.
NAVIGATION = [
    ("/", "Overview"),
    ("/partners", "Partners"),
    ("/meetings", "Meetings"),
    ("/money", "Money"),
    ("/statements", "Statements"),
    ("/figures", "Figures"),
    ("/sources", "Sources"),
    ("/review", "Review"),
    ("/sharing", "Shared"),
]


def amount(value: Decimal | int | None) -> str:
    """1234567.5 -> '1,234,567.5': exact, grouped, no trailing zeros."""
    if value is None:
        return ""
    text = format_decimal(Decimal(value))
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-')):,}"
    return f"{sign}{grouped}.{fraction}" if fraction else f"{sign}{grouped}"


def day(value: date | datetime | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def signed_in(request: Request) -> Any:
    """The signed-in user of the request, or None (every route resolves it through `require`)."""
    principal = getattr(request.state, "principal", None)
    return principal.user if principal is not None else None


def csrf_token(request: Request) -> str:
    principal = getattr(request.state, "principal", None)
    return (principal.csrf or "") if principal is not None else ""


def allowed(request: Request, permission: str) -> bool:
    """Whether the reader of the request may do `permission` (its value, as templates name it):
    a page offers only the controls its reader can use."""
    principal = getattr(request.state, "principal", None)
    public = bool(getattr(request.app.state, "public_read", True))
    return principal is not None and bool(principal.may(Permission(permission), public))


templates = Jinja2Templates(directory=TEMPLATES)
templates.env.globals["allowed"] = allowed
templates.env.globals["signed_in"] = signed_in
templates.env.globals["csrf_token"] = csrf_token
templates.env.filters["amount"] = amount
templates.env.filters["day"] = day
templates.env.globals["navigation"] = NAVIGATION
templates.env.globals["export_formats"] = EXPORT_FORMATS
templates.env.globals["page_url"] = page_url
templates.env.globals["span_url"] = span_url


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """The page `name`, whole even for an HTMX request: htmx picks out the part it swaps
    (`#results` on the lists), so one template serves both."""
    return templates.TemplateResponse(request, name, context, status_code=status_code)
