"""The audit chain names the first changed, deleted or reordered event."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from coalition.audit.chain import GENESIS, event_hash, verify


@dataclass(frozen=True)
class Event:
    seq: int
    at: str
    actor: str
    action: str
    subject: str
    details: dict[str, Any]
    prev_hash: str
    hash: str
    item_id: int | None = None


def chain(n: int) -> list[Event]:
    events, previous = [], GENESIS
    for seq in range(1, n + 1):
        fields = (f"2026-11-21T10:00:{seq:02d}Z", "admin", "item.read", f"item:{seq}", {"n": seq})
        digest = event_hash(previous, seq, *fields)
        events.append(Event(seq, *fields, prev_hash=previous, hash=digest))
        previous = digest
    return events


def test_an_intact_chain_verifies() -> None:
    events = chain(10)
    assert verify(events) is None
    assert verify(events, expect_head=events[-1].hash) is None


def test_a_changed_event_is_named() -> None:
    events = chain(10)
    events[4] = replace(events[4], actor="someone else")
    found = verify(events)
    assert found is not None and found.seq == 5 and "changed" in str(found)


def test_a_changed_event_with_a_recomputed_hash_breaks_the_next_link() -> None:
    events = chain(10)
    forged = replace(events[4], details={"n": 99})
    events[4] = replace(
        forged,
        hash=event_hash(
            forged.prev_hash,
            5,
            forged.at,
            forged.actor,
            forged.action,
            forged.subject,
            forged.details,
        ),
    )
    found = verify(events)
    assert found is not None and found.seq == 6


def test_a_deleted_event_is_named() -> None:
    events = chain(10)
    del events[6]
    found = verify(events)
    assert found is not None and found.seq == 7 and "missing" in str(found)


def test_reordered_events_are_named() -> None:
    events = chain(10)
    events[2], events[3] = events[3], events[2]
    found = verify(events)
    assert found is not None and found.seq == 3


def test_events_cut_from_the_end_need_the_head() -> None:
    events = chain(10)
    head = events[-1].hash
    assert verify(events[:8]) is None  # a shorter chain is still a chain...
    found = verify(events[:8], expect_head=head)  # ...but not the one we recorded
    assert found is not None and "cut" in str(found)


def test_changing_the_item_an_event_is_about_is_named() -> None:
    events, previous = [], GENESIS
    for seq in range(1, 4):
        fields = (f"2026-11-21T10:00:0{seq}Z", "admin", "item.share", f"item:{seq}", {})
        digest = event_hash(previous, seq, *fields, item_id=seq)
        events.append(Event(seq, *fields, prev_hash=previous, hash=digest, item_id=seq))
        previous = digest
    assert verify(events) is None
    events[1] = replace(events[1], item_id=99)
    found = verify(events)
    assert found is not None and found.seq == 2
