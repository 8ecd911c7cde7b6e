"""Reading the sharing space: lists, counts, search, notifications and the audit view, each
filtered by the decision rule in SQL (`visible_to`), so a count never counts what a page hides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from coalition.audit.models import AuditEvent
from coalition.provenance.queries import count_rows
from coalition.sharing.decision import Reader
from coalition.sharing.models import ItemKind, SharedItem
from coalition.sharing.services import Policies, visible_to
from coalition.sharing.services import reach as count_reach
from coalition.storage.matching import contains


@dataclass(frozen=True)
class ItemPage:
    items: Sequence[SharedItem]
    total: int


def item_filter(
    reader: Reader | None,
    policies: Policies,
    *,
    q: str | None = None,
    kind: ItemKind = ItemKind.ITEM,
    since: datetime | None = None,
    scan: bool = False,
) -> Select[SharedItem]:
    """Items of a kind the reader may see, optionally matching words or newer than a time.
    `reader=None` leaves enforcement out: only the benchmark uses it, as the baseline."""
    statement = select(SharedItem).where(SharedItem.item_kind == kind)
    if reader is not None:
        statement = statement.where(visible_to(reader, policies, scan=scan))
    if q and q.strip():
        words = q.strip()
        statement = statement.where(
            or_(contains(SharedItem.title, words), contains(SharedItem.body, words))
        )
    if since is not None:
        statement = statement.where(SharedItem.created_at > since)
    return statement


# Above this many visible items, the newest ones are found by walking items in date order; below
# it, by fetching the visible items through their labels and sorting them.
DENSE = 2000
# Searching the items of a reader who sees up to this many goes through their labels; beyond
# it, one pass over all items (checking each label in a hashed set) is cheaper.
FEW = 100_000
# A search with up to this many matches is answered from one pass that reads the matches' ids
# and dates (the page is then cut in memory and its rows read by id); with more, the matches are
# counted and the page found by walking dates.
CAP = 50_000


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
    """One page of visible items, newest first, and how many there are in all.

    The reader's reach (how many items they may see at all) comes first, from the item counts of
    the visible labels: it is the total of the plain list, and it decides how to look for matches.
    `reader=None` runs the same steps without enforcement (the benchmark's baseline)."""
    reach: int | None = None
    if reader is not None:
        reach = count_reach(session, reader, policies)
    if not (q and q.strip()) and since is None:
        total = reach if reach is not None else count_rows(session, item_filter(None, policies))
        statement = item_filter(reader, policies, scan=total > DENSE)
        return ItemPage(_page(session, statement, offset, limit), total)
    broad = reach is None or reach > FEW
    matching = item_filter(reader, policies, q=q, since=since, scan=broad)
    found = session.execute(
        matching.with_only_columns(SharedItem.id, SharedItem.created_at).limit(CAP + 1)
    ).all()
    if len(found) <= CAP:
        newest = sorted(found, key=lambda row: (row.created_at, row.id), reverse=True)
        chosen = [row.id for row in newest[offset : offset + limit]]
        rows = session.scalars(select(SharedItem).where(SharedItem.id.in_(chosen))).all()
        by_id = {item.id: item for item in rows}
        return ItemPage([by_id[i] for i in chosen], len(found))
    dense = item_filter(reader, policies, q=q, since=since, scan=True)
    return ItemPage(_page(session, dense, offset, limit), count_rows(session, matching))


def _page(
    session: Session, statement: Select[SharedItem], offset: int, limit: int
) -> Sequence[SharedItem]:
    ordered = statement.order_by(SharedItem.created_at.desc(), SharedItem.id.desc())
    return session.scalars(ordered.offset(offset).limit(limit)).all()


def children(
    session: Session, reader: Reader, policies: Policies, parent: SharedItem, kind: ItemKind
) -> Sequence[SharedItem]:
    """Comments or attachments of an item the caller has already found visible."""
    statement = (
        item_filter(reader, policies, kind=kind)
        .where(SharedItem.parent_id == parent.id)
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
    total = count_rows(session, statement)
    rows = session.scalars(
        statement.order_by(AuditEvent.seq.desc()).offset(offset).limit(limit)
    ).all()
    return rows, total
