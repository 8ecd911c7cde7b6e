"""Writing audit events into the chain and checking the stored chain."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.audit.chain import GENESIS, Break, event_hash, verify
from coalition.audit.models import AuditEvent


def record_event(
    session: Session,
    actor: str,
    action: str,
    subject: str,
    details: dict[str, Any] | None = None,
    item_id: int | None = None,
) -> AuditEvent:
    """Append one event, chained to the latest. It is written with the caller's transaction, so
    the change and its audit event are stored together or not at all. Two writers racing for the
    same number collide on the unique `seq`, and one transaction fails rather than forking."""
    last = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).first()
    seq, previous = (last.seq + 1, last.hash) if last else (1, GENESIS)
    at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    details = details or {}
    event = AuditEvent(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        subject=subject,
        item_id=item_id,
        details=details,
        prev_hash=previous,
        hash=event_hash(previous, seq, at, actor, action, subject, details, item_id),
    )
    session.add(event)
    session.flush()
    return event


def verify_log(session: Session, expect_head: str | None = None) -> tuple[int, Break | None]:
    """How many events were checked, and the first break (None if the chain holds). Events are
    read in batches as they are checked: the log only grows, and is never held whole."""
    statement = select(AuditEvent).order_by(AuditEvent.id).execution_options(yield_per=1000)
    checked = 0

    def counted() -> Iterator[AuditEvent]:
        nonlocal checked
        for event in session.scalars(statement):
            checked += 1
            yield event

    broken = verify(counted(), expect_head=expect_head)
    return checked, broken


def head(session: Session) -> str:
    last = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).first()
    return last.hash if last else GENESIS
