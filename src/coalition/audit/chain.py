"""Hash-chaining audit events, and finding the first event that breaks the chain.

Each event's hash covers its number, time, actor, action, subject, details, the shared item it
is about (if any) and the previous
event's hash, so changing, deleting or reordering any event breaks every link after it; `verify`
names the first broken one. Deleting events from the end leaves a shorter but valid chain: that
is caught by comparing with a head hash kept elsewhere (`verify(..., expect_head=...)`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

GENESIS = "0" * 64


class ChainedEvent(Protocol):
    seq: int
    at: str
    actor: str
    action: str
    subject: str
    details: dict[str, Any]
    item_id: int | None
    prev_hash: str
    hash: str


def event_hash(
    prev_hash: str,
    seq: int,
    at: str,
    actor: str,
    action: str,
    subject: str,
    details: Any,
    item_id: int | None = None,
) -> str:
    body = [prev_hash, seq, at, actor, action, subject, details]
    if item_id is not None:
        # Only events about a shared item carry it, so every other event hashes as before.
        body.append(item_id)
    # Canonical JSON: sorted keys, no spaces, UTF-8 — the same bytes on every engine and run.
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Break:
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"event {self.seq}: {self.problem}"


def verify(events: Iterable[ChainedEvent], expect_head: str | None = None) -> Break | None:
    """The first break in events read in storage order, or None if the chain holds."""
    previous_hash, expected_seq = GENESIS, 1
    for event in events:
        if event.seq < expected_seq:
            return Break(event.seq, f"out of order (found after event {expected_seq - 1})")
        if event.seq > expected_seq:
            return Break(expected_seq, f"missing (event {event.seq} follows {expected_seq - 1})")
        recomputed = event_hash(
            event.prev_hash,
            event.seq,
            event.at,
            event.actor,
            event.action,
            event.subject,
            event.details,
            event.item_id,
        )
        if recomputed != event.hash:
            return Break(event.seq, "changed (its content no longer matches its hash)")
        if event.prev_hash != previous_hash:
            return Break(event.seq, "does not follow the event before it (reordered or replaced)")
        previous_hash, expected_seq = event.hash, expected_seq + 1
    if expect_head is not None and previous_hash != expect_head:
        return Break(expected_seq - 1, "the chain ends before the expected head (events cut)")
    return None
