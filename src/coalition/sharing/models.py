"""Shared items, their comments and attachments, and the tables that let SQL enforce labels.

Comments and attachments are items too (with a parent), so one rule and one query guard every
kind. Each distinct label is stored once, whole for display, and flattened into `label_access`
(who it is released to, after TLP narrowing) and `label_caveats`, so a list filters in the
database.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coalition.accounts.models import User
from coalition.storage.base import Base, UTCDateTime, utcnow
from coalition.storage.columns import choice


class ItemKind(enum.StrEnum):
    ITEM = "item"
    COMMENT = "comment"
    ATTACHMENT = "attachment"


class StoredLabel(Base):
    """One distinct label, shared by every item that carries it (labels repeat: a partner shares
    under a handful of markings). Whom it releases to is flattened into `label_access` and
    `label_caveats`, so a reader's visible labels are found once per query and items are
    filtered by label id: enforcement costs about as much as no enforcement."""

    __tablename__ = "labels"

    id: Mapped[int] = mapped_column(primary_key=True)
    # SHA-256 of the label's canonical form, so equal labels are stored once.
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    policy: Mapped[str] = mapped_column(String(80))
    policy_version: Mapped[int] = mapped_column(Integer)
    classification: Mapped[str] = mapped_column(String(40))
    classification_rank: Mapped[int] = mapped_column(Integer)
    originator: Mapped[str] = mapped_column(String(80))
    tlp: Mapped[str | None] = mapped_column(String(16))
    caveats: Mapped[list[str]] = mapped_column(JSON, default=list)
    releasable_to: Mapped[list[str]] = mapped_column(JSON, default=list)
    groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    # How many items (not comments or attachments) carry the label, kept by `apply_label` in the
    # same transaction: a reader's total is the sum over the labels they may see.
    items: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    access: Mapped[list[LabelAccess]] = relationship(cascade="all, delete-orphan")
    caveat_rows: Mapped[list[LabelCaveat]] = relationship(cascade="all, delete-orphan")


class LabelAccess(Base):
    """One row per grantee a label releases to: 'p:<partner key>' or 'g:<policy:version:group>'."""

    __tablename__ = "label_access"

    label_id: Mapped[int] = mapped_column(
        ForeignKey("labels.id", ondelete="CASCADE"), primary_key=True
    )
    grantee: Mapped[str] = mapped_column(String(120), primary_key=True, index=True)


class LabelCaveat(Base):
    __tablename__ = "label_caveats"

    label_id: Mapped[int] = mapped_column(
        ForeignKey("labels.id", ondelete="CASCADE"), primary_key=True
    )
    caveat: Mapped[str] = mapped_column(String(80), primary_key=True)


class SharedItem(Base):
    __tablename__ = "shared_items"
    # Counting what a reader may see reads this index alone: one range per visible label.
    __table_args__ = (
        Index("ix_shared_items_label_kind_created", "label_id", "item_kind", "created_at"),
    )

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
    label_id: Mapped[int] = mapped_column(ForeignKey("labels.id"))
    label_version: Mapped[int] = mapped_column(Integer, default=1)  # bumped on each relabel
    # Attachments only: the file, stored once by content hash.
    blob_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    filename: Mapped[str | None] = mapped_column(Text)

    # Joined when an item is loaded: every page of items shows its marking and author.
    label: Mapped[StoredLabel] = relationship(lazy="joined")
    author: Mapped[User] = relationship(lazy="joined")
    parent: Mapped[SharedItem | None] = relationship(remote_side=[id])

    # The label's parts, read through the stored label.
    @property
    def policy(self) -> str:
        return self.label.policy

    @property
    def policy_version(self) -> int:
        return self.label.policy_version

    @property
    def classification(self) -> str:
        return self.label.classification

    @property
    def tlp(self) -> str | None:
        return self.label.tlp

    @property
    def caveats(self) -> list[str]:
        return self.label.caveats

    @property
    def releasable_to(self) -> list[str]:
        return self.label.releasable_to

    @property
    def groups(self) -> list[str]:
        return self.label.groups


class Blob(Base):
    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(120))  # sniffed from the bytes, not the name
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
