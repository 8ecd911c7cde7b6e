"""Shared items, their comments and attachments, and the tables that let SQL enforce labels.

Comments and attachments are items too (with a parent), so one rule and one query guard every
kind. Each label is stored whole for display and also flattened into `item_access` (who it is
released to, after TLP narrowing) and `item_caveats`, so that a list filters in the database.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coalition.accounts.models import User
from coalition.storage.base import Base, UTCDateTime, utcnow
from coalition.storage.columns import choice


class ItemKind(enum.StrEnum):
    ITEM = "item"
    COMMENT = "comment"
    ATTACHMENT = "attachment"


class SharedItem(Base):
    __tablename__ = "shared_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    item_kind: Mapped[ItemKind] = choice(ItemKind, default=ItemKind.ITEM)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("shared_items.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown as written; sanitised on display
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # The partner key that shared the item, or "secretariat": a label's originator, which only
    # it (or the secretariat on its behalf, audited) may widen. It never changes.
    originator: Mapped[str] = mapped_column(String(80), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # The label, whole (policy, version, classification, caveats, releasable_to, groups, tlp).
    policy: Mapped[str] = mapped_column(String(80))
    policy_version: Mapped[int] = mapped_column(Integer)
    classification: Mapped[str] = mapped_column(String(40))
    classification_rank: Mapped[int] = mapped_column(Integer, index=True)
    tlp: Mapped[str | None] = mapped_column(String(16))
    caveats: Mapped[list[str]] = mapped_column(JSON, default=list)
    releasable_to: Mapped[list[str]] = mapped_column(JSON, default=list)
    groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    label_version: Mapped[int] = mapped_column(Integer, default=1)
    # Attachments only: the file, stored once by content hash.
    blob_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    filename: Mapped[str | None] = mapped_column(Text)

    author: Mapped[User] = relationship()
    parent: Mapped[SharedItem | None] = relationship(remote_side=[id])


class ItemAccess(Base):
    """One row per grantee an item is released to: 'p:<partner key>' or 'g:<group key>'."""

    __tablename__ = "item_access"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("shared_items.id", ondelete="CASCADE"), primary_key=True
    )
    grantee: Mapped[str] = mapped_column(String(120), primary_key=True, index=True)


class ItemCaveat(Base):
    __tablename__ = "item_caveats"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("shared_items.id", ondelete="CASCADE"), primary_key=True
    )
    caveat: Mapped[str] = mapped_column(String(80), primary_key=True)


class Blob(Base):
    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(120))  # sniffed from the bytes, not the name
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
