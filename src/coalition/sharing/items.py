"""Sharing, commenting, attaching and relabelling: every change checked and audited.

Readers reach items only through `services.visible_to` / `visible_item`, so an item the user may
not see behaves exactly like one that does not exist. Acting on an item needs, on top of the
role's permission, that the user can see it.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.accounts.models import User
from coalition.accounts.permissions import Permission, Role
from coalition.accounts.services import need, partner_key
from coalition.audit.services import record_event
from coalition.errors import Forbidden, InvalidInput
from coalition.partners.models import Actor
from coalition.sharing.attachments import checked
from coalition.sharing.decision import Reader, decide
from coalition.sharing.labels import Label, at_least_as_restrictive, narrowest, widens
from coalition.sharing.models import Blob, ItemKind, SharedItem
from coalition.sharing.policy import SECRETARIAT
from coalition.sharing.services import (
    Policies,
    apply_label,
    label_of,
    new_uuid,
    valid_policy,
    visible_item,
)

MAX_TITLE = 300
MAX_BODY = 100_000


def reader_of(user: User) -> Reader:
    return Reader(partner_key(user), user.clearance, frozenset(user.caveats))


def _readable_by_author(user: User, label: Label, policies: Policies) -> None:
    """A label must be valid, and its author able to read it back: anything else would be a
    mistake, or a way to write above one's own clearance."""
    valid_policy(label, policies)
    if not decide(label, reader_of(user), policies):
        raise InvalidInput("you could not read an item with that label yourself")


def _known_partners(session: Session, label: Label) -> None:
    named = set(label.releasable_to) - {SECRETARIAT}
    found = set(session.scalars(select(Actor.key).where(Actor.key.in_(sorted(named)))))
    if unknown := sorted(named - found):
        raise InvalidInput(f"unknown partner(s) in releasable-to: {', '.join(unknown)}")


def _text(title: str, body: str, *, title_needed: bool) -> tuple[str, str]:
    title, body = title.strip(), body.strip()
    if title_needed and not title:
        raise InvalidInput("a shared item needs a title")
    if len(title) > MAX_TITLE:
        raise InvalidInput(f"a title is at most {MAX_TITLE} characters")
    if len(body) > MAX_BODY:
        raise InvalidInput(f"a body is at most {MAX_BODY:,} characters")
    return title, body


def share(
    session: Session, user: User, title: str, body: str, label: Label, policies: Policies
) -> SharedItem:
    """A new item shared by the user's partner (the label's originator must be that partner)."""
    need(user, Permission.SHARING_CREATE)
    title, body = _text(title, body, title_needed=True)
    if label.originator != partner_key(user):
        raise InvalidInput("the originator of an item is the sharing user's own partner")
    _readable_by_author(user, label, policies)
    _known_partners(session, label)
    item = SharedItem(
        uuid=new_uuid(), title=title, body=body, author=user, originator=label.originator
    )
    return _stored(session, user, item, label, policies, "item.share")


def _stored(
    session: Session,
    user: User,
    item: SharedItem,
    label: Label,
    policies: Policies,
    action: str,
) -> SharedItem:
    session.add(item)
    apply_label(session, item, label, policies)  # flushes, and refuses an invalid label
    record_event(
        session,
        user.username,
        action,
        f"item:{item.id}",
        {"kind": item.item_kind.value, "label": _label_details(label)},
        item_id=item.id,
    )
    return item


def _child_label(user: User, parent: SharedItem, label: Label | None, policies: Policies) -> Label:
    parent_label = label_of(parent)
    # A child belongs to its item's originator: a label given without one takes the item's.
    child = label or parent_label
    if not child.originator:
        child = replace(child, originator=parent_label.originator)
    _readable_by_author(user, child, policies)
    if not at_least_as_restrictive(child, parent_label, valid_policy(child, policies)):
        raise InvalidInput("a comment or attachment must be at least as restrictive as its item")
    return child


def comment(
    session: Session,
    user: User,
    parent_ident: str,
    body: str,
    policies: Policies,
    label: Label | None = None,
) -> SharedItem:
    """A comment on an item the user can see; it carries the item's label unless given a
    narrower one."""
    need(user, Permission.SHARING_COMMENT)
    parent = visible_item(session, reader_of(user), policies, parent_ident, ItemKind.ITEM)
    _, body = _text("", body, title_needed=False)
    if not body:
        raise InvalidInput("a comment needs some text")
    child = _child_label(user, parent, label, policies)
    item = SharedItem(
        uuid=new_uuid(),
        item_kind=ItemKind.COMMENT,
        parent=parent,
        title="",
        body=body,
        author=user,
        originator=child.originator,
    )
    return _stored(session, user, item, child, policies, "item.comment")


def attach(
    session: Session,
    user: User,
    parent_ident: str,
    filename: str,
    data: bytes,
    policies: Policies,
    label: Label | None = None,
) -> SharedItem:
    """A file attached to an item the user can see, its bytes stored once per content hash."""
    need(user, Permission.SHARING_CREATE)
    parent = visible_item(session, reader_of(user), policies, parent_ident, ItemKind.ITEM)
    digest, media_type = checked(data, filename)
    child = _child_label(user, parent, label, policies)
    if session.get(Blob, digest) is None:
        session.add(Blob(sha256=digest, media_type=media_type, size=len(data), data=data))
    item = SharedItem(
        uuid=new_uuid(),
        item_kind=ItemKind.ATTACHMENT,
        parent=parent,
        title=filename.strip(),
        body="",
        author=user,
        originator=child.originator,
        blob_sha256=digest,
        filename=filename.strip(),
    )
    return _stored(session, user, item, child, policies, "item.attach")


def relabel(session: Session, user: User, ident: str, new: Label, policies: Policies) -> SharedItem:
    """Change an item's label. Only its originator's users may, or a secretariat admin on the
    originator's behalf (audited as such); widening is never done by anyone else. The item's
    comments and attachments are narrowed with it where needed, never widened. `new` may leave
    its originator empty: it is the item's."""
    need(user, Permission.SHARING_CREATE)
    item = visible_item(session, reader_of(user), policies, ident, ItemKind.ITEM)
    old = label_of(item)
    if not new.originator:  # the originator never changes: a label given without one keeps it
        new = replace(new, originator=old.originator)
    own = partner_key(user) == item.originator
    on_behalf = not own and user.role is Role.SECRETARIAT_ADMIN
    if not own and not on_behalf:
        raise Forbidden("only the originator's users (or the secretariat) may relabel an item")
    if new.originator != old.originator:
        raise InvalidInput("an item's originator never changes")
    policy = valid_policy(new, policies)
    _known_partners(session, new)
    widened = widens(old, new, policy)
    apply_label(session, item, new, policies)
    item.label_version += 1
    for child in session.scalars(select(SharedItem).where(SharedItem.parent_id == item.id)):
        child_label = label_of(child)
        if not at_least_as_restrictive(child_label, new, policy):
            # A child that carried the item's label takes the new one; one labelled on its own
            # is tightened only as far as needed.
            follows = child_label == old
            apply_label(
                session, child, new if follows else narrowest(child_label, new, policy), policies
            )
            child.label_version += 1
    action = "item.relabel" + (".on-behalf" if on_behalf else "")
    details = {"from": _label_details(old), "to": _label_details(new), "widened": widened}
    record_event(session, user.username, action, f"item:{item.id}", details, item_id=item.id)
    return item


def _label_details(label: Label) -> dict[str, object]:
    # What the audit log keeps of a label: enough to reconstruct who could read, nothing of the
    # item's content.
    return {
        "policy": f"{label.policy} v{label.version}",
        "classification": label.classification,
        "originator": label.originator,
        "caveats": sorted(label.caveats),
        "releasable_to": sorted(label.releasable_to),
        "groups": sorted(label.groups),
        "tlp": label.tlp,
    }


def label_from(
    policies: Policies,
    originator: str,
    classification: str,
    *,
    policy: str | None = None,
    version: int | None = None,
    caveats: list[str] | None = None,
    releasable_to: list[str] | None = None,
    groups: list[str] | None = None,
    tlp: str | None = None,
) -> Label:
    """A label from form or API fields, under the newest policy unless one is named."""
    name, newest = max(policies) if policies else ("", 0)
    chosen = (policy or name, version or (newest if (policy or name) == name else 1))
    return Label(
        policy=chosen[0],
        version=chosen[1],
        classification=classification.strip(),
        originator=originator,
        caveats=frozenset(c.strip() for c in caveats or [] if c.strip()),
        releasable_to=frozenset(p.strip() for p in releasable_to or [] if p.strip()),
        groups=frozenset(g.strip() for g in groups or [] if g.strip()),
        tlp=(tlp or "").strip().upper() or None,
    )
