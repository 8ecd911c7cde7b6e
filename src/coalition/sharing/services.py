"""Sharing items under labels, and the one loader every channel uses to see only what it may.

`visible_to(reader)` is the decision rule written as SQL; `decide` in decision.py is the same
rule in Python. Property tests hold the two to each other, so lists, counts, search, exports and
single reads (which all go through `visible_to`) agree with the rule.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, func, or_, select, update
from sqlalchemy.orm import Session

from coalition.errors import InvalidInput, NotFound
from coalition.sharing.decision import Reader
from coalition.sharing.labels import Label, problems
from coalition.sharing.models import (
    ItemKind,
    LabelAccess,
    LabelCaveat,
    SharedItem,
    StoredLabel,
)
from coalition.sharing.policy import Policy
from coalition.storage.idents import row_number

Policies = Mapping[tuple[str, int], Policy]


def _group(policy: Policy, group: str) -> str:
    # Groups belong to a policy version: "small-group" in v1 need not have v2's members.
    return f"g:{policy.name}:{policy.version}:{group}"


def grantees(label: Label, policy: Policy) -> set[str]:
    """Who a label releases to, after TLP narrows it (RED: originator; AMBER+STRICT: no groups)."""
    found = {f"p:{label.originator}"}
    if label.tlp == "RED":
        return found
    found |= {f"p:{partner}" for partner in label.releasable_to}
    if label.tlp != "AMBER+STRICT":
        found |= {_group(policy, group) for group in label.groups}
    return found


def reader_grantees(reader: Reader, policies: Policies) -> set[str]:
    found = {f"p:{reader.partner}"}
    for policy in policies.values():
        found |= {_group(policy, g) for g in policy.groups_of(reader.partner)}
    return found


def visible_labels(reader: Reader, policies: Policies) -> Select[int]:
    """The ids of the labels the reader may see: the decision rule in SQL. It starts from the
    labels released to the reader (an index range on grantee), then keeps those within clearance
    and caveats, so the database never walks every label."""
    cleared = [
        and_(
            StoredLabel.policy == policy.name,
            StoredLabel.policy_version == policy.version,
            StoredLabel.classification_rank <= policy.rank(reader.clearance),
        )
        for policy in policies.values()
        if reader.clearance in policy.classifications
    ]
    lacking_caveat = exists().where(
        LabelCaveat.label_id == StoredLabel.id, LabelCaveat.caveat.not_in(sorted(reader.caveats))
    )
    released = select(LabelAccess.label_id).where(
        LabelAccess.grantee.in_(sorted(reader_grantees(reader, policies)))
    )
    return select(StoredLabel.id).where(
        StoredLabel.id.in_(released), or_(*cleared) if cleared else false(), ~lacking_caveat
    )


def visible_to(reader: Reader, policies: Policies, *, scan: bool = False) -> ColumnElement[bool]:
    """SQL condition on SharedItem: the reader may see the row under the decision rule. The
    visible labels are an uncorrelated subquery, so the database works them out once per query,
    however many items it then filters.

    `scan=True` writes the same condition so that no index on the label serves it (`label_id + 0`):
    for a reader who sees many items, walking the newest items and checking each is far cheaper
    than fetching every visible item by label and sorting them all (SQLite cannot tell which)."""
    column = SharedItem.label_id + 0 if scan else SharedItem.label_id
    return column.in_(visible_labels(reader, policies))


def reach(session: Session, reader: Reader, policies: Policies) -> int:
    """How many items (not comments or attachments) the reader may see: the sum of the item
    counts of the visible labels, read from a few thousand label rows at most."""
    total = select(func.coalesce(func.sum(StoredLabel.items), 0)).where(
        StoredLabel.id.in_(visible_labels(reader, policies))
    )
    return int(session.scalar(total) or 0)


def label_of(item: SharedItem) -> Label:
    stored = item.label
    return Label(
        policy=stored.policy,
        version=stored.policy_version,
        classification=stored.classification,
        originator=stored.originator,
        caveats=frozenset(stored.caveats),
        releasable_to=frozenset(stored.releasable_to),
        groups=frozenset(stored.groups),
        tlp=stored.tlp,
    )


def fingerprint(label: Label) -> str:
    canonical = json.dumps(
        [
            label.policy,
            label.version,
            label.classification,
            label.originator,
            sorted(label.caveats),
            sorted(label.releasable_to),
            sorted(label.groups),
            label.tlp,
        ],
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def stored_label(session: Session, label: Label, policy: Policy) -> StoredLabel:
    """The row for `label`, written (with its access and caveat rows) the first time it is used."""
    key = fingerprint(label)
    with session.no_autoflush:  # the item being labelled may not be complete yet
        found = session.scalar(select(StoredLabel).where(StoredLabel.fingerprint == key))
    if found is not None:
        return found
    return StoredLabel(
        fingerprint=key,
        policy=policy.name,
        policy_version=policy.version,
        classification=label.classification,
        classification_rank=policy.rank(label.classification),
        originator=label.originator,
        tlp=label.tlp,
        caveats=sorted(label.caveats),
        releasable_to=sorted(label.releasable_to),
        groups=sorted(label.groups),
        access=[LabelAccess(grantee=g) for g in sorted(grantees(label, policy))],
        caveat_rows=[LabelCaveat(caveat=c) for c in sorted(label.caveats)],
    )


def valid_policy(label: Label, policies: Policies) -> Policy:
    """The policy `label` is written under, or InvalidInput saying why the label is not valid."""
    policy = policies.get((label.policy, label.version))
    if policy is None:
        raise InvalidInput(f"unknown policy {label.policy} v{label.version}")
    if found := problems(label, policy):
        raise InvalidInput("invalid label: " + "; ".join(found))
    return policy


def apply_label(session: Session, item: SharedItem, label: Label, policies: Policies) -> None:
    """Put `label` on the item, refusing invalid labels, and keep the labels' item counts."""
    policy = valid_policy(label, policies)
    previous = item.label_id
    item.label = stored_label(session, label, policy)
    session.flush()
    if item.item_kind is ItemKind.ITEM and previous != item.label_id:
        # In SQL (items = items + 1), so two people sharing at once both count.
        if previous is not None:
            _count_items(session, previous, -1)
        _count_items(session, item.label_id, +1)


def _count_items(session: Session, label_id: int, change: int) -> None:
    session.execute(
        update(StoredLabel)
        .where(StoredLabel.id == label_id)
        .values(items=StoredLabel.items + change)
    )


def new_uuid() -> str:
    return str(uuid.uuid4())


def visible_item(
    session: Session, reader: Reader, policies: Policies, ident: str, kind: ItemKind | None = None
) -> SharedItem:
    """An item by number or UUID, if the reader may see it and its parent; else NotFound, worded
    exactly as for an item that does not exist, so a refusal reveals nothing."""
    number = row_number(ident)
    if number is None and ident.isdigit():
        raise NotFound(f"no shared item {ident!r}")  # digits that cannot be an id
    key: Any = SharedItem.id == number if number is not None else SharedItem.uuid == ident
    statement = select(SharedItem).where(key, visible_to(reader, policies))
    if kind is not None:
        statement = statement.where(SharedItem.item_kind == kind)
    item = session.scalar(statement)
    if item is None or (
        item.parent is not None and not _parent_visible(session, item, reader, policies)
    ):
        raise NotFound(f"no shared item {ident!r}")
    return item


def _parent_visible(session: Session, item: SharedItem, reader: Reader, policies: Policies) -> bool:
    statement = select(SharedItem.id).where(
        SharedItem.id == item.parent_id, visible_to(reader, policies)
    )
    return session.scalar(statement) is not None
