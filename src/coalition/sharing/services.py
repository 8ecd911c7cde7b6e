"""Sharing items under labels, and the one loader every channel uses to see only what it may.

`visible_to(reader)` is the decision rule written as SQL; `decide` in decision.py is the same
rule in Python. Property tests hold the two to each other, so lists, counts, search, exports and
single reads (which all go through `visible_to`) agree with the rule.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, or_, select
from sqlalchemy.orm import Session

from coalition.errors import InvalidInput, NotFound
from coalition.sharing.decision import Reader
from coalition.sharing.labels import Label, problems
from coalition.sharing.models import ItemAccess, ItemCaveat, ItemKind, SharedItem
from coalition.sharing.policy import Policy

Policies = Mapping[tuple[str, int], Policy]
MAX_ID = 2**31 - 1


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


def visible_to(reader: Reader, policies: Policies) -> ColumnElement[bool]:
    """SQL condition on SharedItem: the reader may see the row under the decision rule."""
    cleared = [
        and_(
            SharedItem.policy == policy.name,
            SharedItem.policy_version == policy.version,
            SharedItem.classification_rank <= policy.rank(reader.clearance),
        )
        for policy in policies.values()
        if reader.clearance in policy.classifications
    ]
    lacking_caveat = exists().where(
        ItemCaveat.item_id == SharedItem.id, ItemCaveat.caveat.not_in(sorted(reader.caveats))
    )
    released = exists().where(
        ItemAccess.item_id == SharedItem.id,
        ItemAccess.grantee.in_(sorted(reader_grantees(reader, policies))),
    )
    return and_(or_(*cleared) if cleared else false(), ~lacking_caveat, released)


def label_of(item: SharedItem) -> Label:
    return Label(
        policy=item.policy,
        version=item.policy_version,
        classification=item.classification,
        originator=item.originator,
        caveats=frozenset(item.caveats),
        releasable_to=frozenset(item.releasable_to),
        groups=frozenset(item.groups),
        tlp=item.tlp,
    )


def apply_label(session: Session, item: SharedItem, label: Label, policies: Policies) -> None:
    """Write `label` onto the item and its flattened access rows, refusing invalid labels."""
    policy = policies.get((label.policy, label.version))
    if policy is None:
        raise InvalidInput(f"unknown policy {label.policy} v{label.version}")
    if found := problems(label, policy):
        raise InvalidInput("invalid label: " + "; ".join(found))
    item.policy, item.policy_version = policy.name, policy.version
    item.classification = label.classification
    item.classification_rank = policy.rank(label.classification)
    item.tlp = label.tlp
    item.caveats, item.releasable_to = sorted(label.caveats), sorted(label.releasable_to)
    item.groups = sorted(label.groups)
    new = item.id is None
    session.flush()
    if not new:  # a relabel: the old release goes first; a new item has nothing to remove
        session.query(ItemAccess).filter(ItemAccess.item_id == item.id).delete()
        session.query(ItemCaveat).filter(ItemCaveat.item_id == item.id).delete()
    session.add_all(ItemAccess(item_id=item.id, grantee=g) for g in grantees(label, policy))
    session.add_all(ItemCaveat(item_id=item.id, caveat=c) for c in label.caveats)
    session.flush()


def new_uuid() -> str:
    return str(uuid.uuid4())


def visible_item(
    session: Session, reader: Reader, policies: Policies, ident: str, kind: ItemKind | None = None
) -> SharedItem:
    """An item by number or UUID, if the reader may see it and its parent; else NotFound, worded
    exactly as for an item that does not exist, so a refusal reveals nothing."""
    if ident.isdigit() and int(ident) > MAX_ID:
        raise NotFound(f"no shared item {ident!r}")  # beyond any id a database hands out
    key: Any = SharedItem.id == int(ident) if ident.isdigit() else SharedItem.uuid == ident
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
