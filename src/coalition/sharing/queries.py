"""Reading the sharing space: lists, counts, search, notifications and the audit view, each
filtered by the decision rule in SQL (`visible_to`), so a count never counts what a page hides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from coalition.audit.models import AuditEvent
from coalition.sharing.decision import Reader
from coalition.sharing.models import ItemKind, SharedItem
from coalition.sharing.services import Policies, visible_to


@dataclass(frozen=True)
class ItemPage:
    items: Sequence[SharedItem]
    total: int


def _like(words: str) -> str:
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def item_filter(
    reader: Reader | None,
    policies: Policies,
    *,
    q: str | None = None,
    kind: ItemKind = ItemKind.ITEM,
    since: datetime | None = None,
) -> Select[SharedItem]:
    """Items of a kind the reader may see, optionally matching words or newer than a time.
    `reader=None` leaves enforcement out: only the benchmark uses it, as the baseline."""
    statement = select(SharedItem).where(SharedItem.item_kind == kind)
    if reader is not None:
        statement = statement.where(visible_to(reader, policies))
    if q and q.strip():
        pattern = _like(q.strip())
        statement = statement.where(
            or_(
                func.lower(SharedItem.title).like(pattern, escape="\\"),
                func.lower(SharedItem.body).like(pattern, escape="\\"),
            )
        )
    if since is not None:
        statement = statement.where(SharedItem.created_at > since)
    return statement


def list_items(
    session: Session,
    reader: Reader | None,
    policies: Policies,
    *,
    q: str | None = None,
    since: datetime | None = None,
    offset: int = 0,
    limit: int = 50,
) -> ItemPage:
    """One page of visible items, newest first, and how many there are in all."""
    statement = item_filter(reader, policies, q=q, since=since)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.scalars(
        statement.order_by(SharedItem.created_at.desc(), SharedItem.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return ItemPage(rows, total)


def children(
    session: Session, reader: Reader, policies: Policies, parent: SharedItem, kind: ItemKind
) -> Sequence[SharedItem]:
    """Comments or attachments of an item the caller has already found visible."""
    statement = (
        item_filter(reader, policies, kind=kind)
        .where(SharedItem.parent_id == parent.id)
        .options(selectinload(SharedItem.author))
        .order_by(SharedItem.created_at, SharedItem.id)
    )
    return session.scalars(statement).all()


def audit_events(
    session: Session, reader: Reader, policies: Policies, *, offset: int = 0, limit: int = 50
) -> tuple[Sequence[AuditEvent], int]:
    """The audit log as `reader` may see it: events about a shared item only if the reader may
    see that item, so the log reveals nothing the sharing space hides."""
    visible_ids = select(SharedItem.id).where(visible_to(reader, policies))
    statement = select(AuditEvent).where(
        or_(AuditEvent.item_id.is_(None), AuditEvent.item_id.in_(visible_ids))
    )
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.scalars(
        statement.order_by(AuditEvent.seq.desc()).offset(offset).limit(limit)
    ).all()
    return rows, total
