"""The sharing space: labelled items, their comments and attachments, exports, notifications,
and the audit log, for pages and the API alike.

Every read goes through sharing.queries / services.visible_item with the signed-in user as the
reader, so lists, counts, search, pages, files, exports and the API all answer from the one rule;
an item the user may not see is a 404 worded like a missing one.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from coalition.accounts.permissions import Permission, Role
from coalition.accounts.services import partner_key
from coalition.sharing import items, queries
from coalition.sharing.attachments import MAX_BYTES
from coalition.sharing.labels import Label
from coalition.sharing.markdown import render as render_markdown
from coalition.sharing.models import Blob, ItemKind, SharedItem
from coalition.sharing.policy import TLP_LEVELS
from coalition.sharing.services import Policies, label_of, visible_item
from coalition.sharing.stix import bundle, statement_of
from coalition.web.auth import Principal, require
from coalition.web.deps import PagingDep, SessionDep, WriteSessionDep
from coalition.web.listing import Column, Listing, all_rows, api_page, export
from coalition.web.rendering import render

router = APIRouter()

Reads = Annotated[Principal, Depends(require(Permission.SHARING_READ))]
Creates = Annotated[Principal, Depends(require(Permission.SHARING_CREATE))]
Comments = Annotated[Principal, Depends(require(Permission.SHARING_COMMENT))]
Audits = Annotated[Principal, Depends(require(Permission.AUDIT_READ))]
AUDIT = [
    Column("seq", "No.", numeric=True),
    Column("at", "When"),
    Column("actor", "Who"),
    Column("action", "What"),
    Column("subject", "About"),
    Column("details", "Details"),
]
FIELDS = ["uuid", "title", "originator", "classification", "tlp", "marking", "created_at", "body"]


def _policies(request: Request) -> Policies:
    policies: Policies = request.app.state.policies
    return policies


def item_row(item: SharedItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "uuid": item.uuid,
        "kind": item.item_kind.value,
        "title": item.title,
        "originator": item.originator,
        "author": item.author.username,
        "classification": item.classification,
        "caveats": list(item.caveats),
        "releasable_to": list(item.releasable_to),
        "groups": list(item.groups),
        "tlp": item.tlp,
        "marking": statement_of(item),
        "created_at": item.created_at,
        "body": item.body,
        "filename": item.filename,
        "url": f"/sharing/{item.uuid}",
    }


class ItemFilters:
    def __init__(
        self,
        q: Annotated[
            str | None, Query(max_length=200, description="Words in title or body.")
        ] = None,
        since: Annotated[
            datetime | None, Query(description="Only items shared after this time (ISO 8601).")
        ] = None,
    ) -> None:
        self.q = q or None
        self.since = since


Filters = Annotated[ItemFilters, Depends()]


def _listing(
    request: Request, session: Session, me: Principal, paging: Any, filters: ItemFilters
) -> Listing:
    page = queries.list_items(
        session,
        me.reader,
        _policies(request),
        q=filters.q,
        since=filters.since,
        offset=paging.offset,
        limit=paging.per_page,
    )
    return Listing([item_row(i) for i in page.items], page.total, paging)


# --- pages ----------------------------------------------------------------------------------------


@router.get("/sharing", response_class=HTMLResponse, tags=["sharing"])
def sharing_page(
    request: Request, session: SessionDep, me: Reads, paging: PagingDep, filters: Filters
) -> Response:
    listing = _listing(request, session, me, paging, filters)
    context = {
        "title": "Shared items",
        "listing": listing,
        "filters": filters,
        "may_share": me.may(Permission.SHARING_CREATE, False),
    }
    return render(request, "sharing/list.html", context)


def _form_context(request: Request, me: Principal, **extra: Any) -> dict[str, Any]:
    policies = _policies(request)
    policy = policies[max(policies)]
    return {
        "policy": policy,
        "tlp_levels": TLP_LEVELS,
        "csrf": me.csrf,
        "partner": partner_key(me.user) if me.user else "",
        **extra,
    }


@router.get("/sharing/new", response_class=HTMLResponse, tags=["sharing"])
def new_item_page(request: Request, me: Creates) -> Response:
    return render(request, "sharing/new.html", _form_context(request, me, title="Share an item"))


def _label_from_form(
    request: Request,
    originator: str,
    classification: str,
    caveats: list[str],
    releasable_to: str,
    groups: list[str],
    tlp: str,
) -> Label:
    return items.label_from(
        _policies(request),
        originator,
        classification,
        caveats=caveats,
        releasable_to=[
            p.strip().upper() if p.strip() != "secretariat" else p.strip()
            for p in releasable_to.replace(";", ",").split(",")
        ],
        groups=groups,
        tlp=tlp,
    )


@router.post("/sharing", tags=["sharing"])
def share_from_form(
    request: Request,
    session: WriteSessionDep,
    me: Creates,
    title: Annotated[str, Form(max_length=items.MAX_TITLE)],
    classification: Annotated[str, Form(max_length=40)],
    body: Annotated[str, Form(max_length=items.MAX_BODY)] = "",
    caveats: Annotated[list[str], Form()] = [],  # noqa: B006 - FastAPI copies defaults
    releasable_to: Annotated[str, Form(max_length=2000)] = "",
    groups: Annotated[list[str], Form()] = [],  # noqa: B006
    tlp: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    user = me.user_in(session)
    label = _label_from_form(
        request, partner_key(user), classification, caveats, releasable_to, groups, tlp
    )
    item = items.share(session, user, title, body, label, _policies(request))
    return RedirectResponse(f"/sharing/{item.uuid}", status_code=303)


def _detail(request: Request, session: Session, me: Principal, ident: str) -> dict[str, Any]:
    policies, reader = _policies(request), me.reader
    item = visible_item(session, reader, policies, ident, ItemKind.ITEM)
    comments = queries.children(session, reader, policies, item, ItemKind.COMMENT)
    attachments = queries.children(session, reader, policies, item, ItemKind.ATTACHMENT)
    user = me.user
    may_relabel = user is not None and (
        partner_key(user) == item.originator or user.role is Role.SECRETARIAT_ADMIN
    )
    return {
        "item": item_row(item),
        "body_html": render_markdown(item.body),
        "comments": [{**item_row(c), "body_html": render_markdown(c.body)} for c in comments],
        "attachments": [item_row(a) for a in attachments],
        "label": label_of(item),
        "may_comment": me.may(Permission.SHARING_COMMENT, False),
        "may_attach": me.may(Permission.SHARING_CREATE, False),
        "may_relabel": may_relabel and me.may(Permission.SHARING_CREATE, False),
        "max_mb": MAX_BYTES // (1024 * 1024),
    }


@router.get("/sharing/{ident}", response_class=HTMLResponse, tags=["sharing"])
def item_page(request: Request, session: SessionDep, me: Reads, ident: str) -> Response:
    detail = _detail(request, session, me, ident)
    context = _form_context(request, me, title=detail["item"]["title"], **detail)
    return render(request, "sharing/item.html", context)


@router.post("/sharing/{ident}/comments", tags=["sharing"])
def comment_from_form(
    request: Request,
    session: WriteSessionDep,
    me: Comments,
    ident: str,
    body: Annotated[str, Form(max_length=items.MAX_BODY)],
) -> Response:
    note = items.comment(session, me.user_in(session), ident, body, _policies(request))
    return RedirectResponse(f"/sharing/{ident}#item-{note.uuid}", status_code=303)


@router.post("/sharing/{ident}/attachments", tags=["sharing"])
async def attach_from_form(
    request: Request,
    session: WriteSessionDep,
    me: Creates,
    ident: str,
    file: Annotated[UploadFile, File()],
) -> Response:
    data = await file.read(MAX_BYTES + 1)
    items.attach(session, me.user_in(session), ident, file.filename or "", data, _policies(request))
    return RedirectResponse(f"/sharing/{ident}#attachments", status_code=303)


@router.post("/sharing/{ident}/label", tags=["sharing"])
def relabel_from_form(
    request: Request,
    session: WriteSessionDep,
    me: Creates,
    ident: str,
    classification: Annotated[str, Form(max_length=40)],
    caveats: Annotated[list[str], Form()] = [],  # noqa: B006
    releasable_to: Annotated[str, Form(max_length=2000)] = "",
    groups: Annotated[list[str], Form()] = [],  # noqa: B006
    tlp: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    label = _label_from_form(request, "", classification, caveats, releasable_to, groups, tlp)
    items.relabel(session, me.user_in(session), ident, label, _policies(request))
    return RedirectResponse(f"/sharing/{ident}", status_code=303)


def _file(session: Session, request: Request, me: Principal, ident: str) -> Response:
    item = visible_item(session, me.reader, _policies(request), ident, ItemKind.ATTACHMENT)
    blob = session.get(Blob, item.blob_sha256)
    if blob is None:  # pragma: no cover - the foreign key keeps it
        raise LookupError(item.blob_sha256)
    name = quote(item.filename or "attachment", safe="")
    headers = {
        # Always a download, with the sniffed type and no guessing by the browser: a file from
        # another partner is never rendered inside our pages' origin.
        "Content-Disposition": f"attachment; filename*=UTF-8''{name}",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
    }
    return Response(blob.data, media_type=blob.media_type, headers=headers)


@router.get("/sharing/files/{ident}", tags=["sharing"])
def download(request: Request, session: SessionDep, me: Reads, ident: str) -> Response:
    return _file(session, request, me, ident)


@router.get("/sharing.{fmt}", tags=["exports"])
def export_items(
    request: Request,
    session: SessionDep,
    me: Reads,
    filters: Filters,
    fmt: Literal["csv", "json", "stix"],
) -> Response:
    """Every item the reader may see (with the filters), as CSV, JSON or a STIX 2.1 bundle."""
    statement = queries.item_filter(
        me.reader, _policies(request), q=filters.q, since=filters.since
    ).order_by(SharedItem.created_at, SharedItem.id)
    if fmt != "stix":
        return export(
            request, lambda s: all_rows(s, statement, item_row), FIELDS, fmt, "shared-items"
        )
    headers = {"Content-Disposition": 'attachment; filename="shared-items.stix"'}
    body = json.dumps(bundle(session.scalars(statement)), ensure_ascii=False, indent=1)
    return Response(body, media_type="application/stix+json;version=2.1", headers=headers)


@router.get("/audit", response_class=HTMLResponse, tags=["pages"])
def audit_page(request: Request, session: SessionDep, me: Audits, paging: PagingDep) -> Response:
    events, total = queries.audit_events(
        session, me.reader, _policies(request), offset=paging.offset, limit=paging.per_page
    )
    rows = [{**_event_row(e), "details": json.dumps(e.details, ensure_ascii=False)} for e in events]
    context = {"title": "Audit log", "listing": Listing(rows, total, paging), "columns": AUDIT}
    return render(request, "sharing/audit.html", context)


def _event_row(event: Any) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "at": event.at,
        "actor": event.actor,
        "action": event.action,
        "subject": event.subject,
        "details": event.details,
        "hash": event.hash,
    }


# --- API ------------------------------------------------------------------------------------------


class LabelIn(BaseModel):
    classification: str = Field(max_length=40)
    policy: str | None = Field(default=None, max_length=80)
    version: int | None = Field(default=None, ge=1)
    caveats: list[str] = Field(default_factory=list, max_length=20)
    releasable_to: list[str] = Field(default_factory=list, max_length=200)
    groups: list[str] = Field(default_factory=list, max_length=50)
    tlp: str | None = Field(default=None, max_length=20)

    def label(self, policies: Policies, originator: str) -> Label:
        return items.label_from(
            policies,
            originator,
            self.classification,
            policy=self.policy,
            version=self.version,
            caveats=self.caveats,
            releasable_to=self.releasable_to,
            groups=self.groups,
            tlp=self.tlp,
        )


class ItemIn(BaseModel):
    title: str = Field(max_length=items.MAX_TITLE)
    body: str = Field(default="", max_length=items.MAX_BODY)
    label: LabelIn


class CommentIn(BaseModel):
    body: str = Field(max_length=items.MAX_BODY)
    label: LabelIn | None = None


@router.get("/api/v1/sharing/items", tags=["sharing"])
def api_items(
    request: Request, session: SessionDep, me: Reads, paging: PagingDep, filters: Filters
) -> dict[str, Any]:
    return api_page(request, _listing(request, session, me, paging, filters))


@router.get("/api/v1/sharing/notifications", tags=["sharing"])
def api_notifications(
    request: Request,
    session: SessionDep,
    me: Reads,
    paging: PagingDep,
    since: Annotated[datetime, Query(description="Items shared after this time (ISO 8601).")],
) -> dict[str, Any]:
    """New items the caller may read since a time: what a notifier polls."""
    return api_page(request, _listing(request, session, me, paging, ItemFilters(since=since)))


@router.post("/api/v1/sharing/items", status_code=201, tags=["sharing"])
def api_share(
    request: Request, session: WriteSessionDep, me: Creates, body: ItemIn
) -> dict[str, Any]:
    user, policies = me.user_in(session), _policies(request)
    label = body.label.label(policies, partner_key(user))
    return item_row(items.share(session, user, body.title, body.body, label, policies))


@router.get("/api/v1/sharing/items/{ident}", tags=["sharing"])
def api_item(request: Request, session: SessionDep, me: Reads, ident: str) -> dict[str, Any]:
    detail = _detail(request, session, me, ident)
    return {
        **detail["item"],
        "comments": [{k: v for k, v in c.items() if k != "body_html"} for c in detail["comments"]],
        "attachments": detail["attachments"],
    }


@router.post("/api/v1/sharing/items/{ident}/comments", status_code=201, tags=["sharing"])
def api_comment(
    request: Request, session: WriteSessionDep, me: Comments, ident: str, body: CommentIn
) -> dict[str, Any]:
    user, policies = me.user_in(session), _policies(request)
    label = body.label.label(policies, "") if body.label else None  # the item's originator
    return item_row(items.comment(session, user, ident, body.body, policies, label=label))


@router.post("/api/v1/sharing/items/{ident}/attachments", status_code=201, tags=["sharing"])
async def api_attach(
    request: Request,
    session: WriteSessionDep,
    me: Creates,
    ident: str,
    file: Annotated[UploadFile, File()],
) -> dict[str, Any]:
    data = await file.read(MAX_BYTES + 1)
    user = me.user_in(session)
    item = items.attach(session, user, ident, file.filename or "", data, _policies(request))
    return item_row(item)


@router.get("/api/v1/sharing/files/{ident}", tags=["sharing"])
def api_download(request: Request, session: SessionDep, me: Reads, ident: str) -> Response:
    return _file(session, request, me, ident)


@router.put("/api/v1/sharing/items/{ident}/label", tags=["sharing"])
def api_relabel(
    request: Request, session: WriteSessionDep, me: Creates, ident: str, body: LabelIn
) -> dict[str, Any]:
    user, policies = me.user_in(session), _policies(request)
    label = body.label(policies, "")  # the originator is the item's, which never changes
    return item_row(items.relabel(session, user, ident, label, policies))


@router.get("/api/v1/audit/events", tags=["audit"])
def api_audit(
    request: Request, session: SessionDep, me: Audits, paging: PagingDep
) -> dict[str, Any]:
    events, total = queries.audit_events(
        session, me.reader, _policies(request), offset=paging.offset, limit=paging.per_page
    )
    return api_page(request, Listing([_event_row(e) for e in events], total, paging))
