"""Every fact is a `Record`, and a record cannot exist without `Evidence`.

All fact tables inherit from `Record` (joined-table inheritance), which gives every fact a global id
and key, so `coalition show ID` finds any of them and evidence has one real foreign key.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, Float, ForeignKey, Integer, String, Text, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from coalition.errors import ProvenanceError
from coalition.storage.base import Base, UTCDateTime, utcnow


class Source(Base):
    """A document that facts are drawn from: a report, an article, a communiqué."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    published_note: Mapped[str | None] = mapped_column(Text)
    retrieved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    content_hash: Mapped[str | None] = mapped_column(Text, index=True)
    text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set by intake: where the document came from and how it was read, cleaned and dated.
    origin: Mapped[str | None] = mapped_column(Text)
    raw_format: Mapped[str | None] = mapped_column(String(10))
    encoding: Mapped[str | None] = mapped_column(String(40))
    published_earliest: Mapped[date | None] = mapped_column(Date)
    published_latest: Mapped[date | None] = mapped_column(Date)
    published_confidence: Mapped[float | None] = mapped_column(Float)
    date_reasons: Mapped[list[str] | None] = mapped_column(JSON)
    cleaning: Mapped[list[list[Any]] | None] = mapped_column(JSON)
    fingerprint: Mapped[str | None] = mapped_column(String(16), index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)


class Record(Base):
    """A sourced fact. Subclasses are the domain records (meetings, pledges, statements...)."""

    __tablename__ = "records"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="record",
        cascade="all, delete-orphan",
        order_by="Evidence.id",
        lazy="selectin",
    )

    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "record"}

    def __init__(self, *, evidence: Sequence[Evidence], key: str | None = None, **fields: Any):
        # Evidence is a required keyword: creating a fact without it fails here, at the call.
        if not evidence:
            raise ProvenanceError(f"a {self.kind_name()} cannot be recorded without evidence")
        super().__init__(key=key or f"{self.kind_name()}-{uuid.uuid4().hex[:12]}", **fields)
        self.evidence = list(evidence)

    @classmethod
    def kind_name(cls) -> str:
        return str(cls.__mapper__.polymorphic_identity)

    def label(self) -> str:
        """A short human name for lists and `show`; subclasses say something better."""
        return self.key


class Evidence(Base):
    """Why we believe a record: a span of a source, or a manual entry by a named user."""

    __tablename__ = "evidence"
    __table_args__ = (
        CheckConstraint(
            "(source_id IS NOT NULL AND span_start IS NOT NULL AND span_end IS NOT NULL"
            " AND span_start >= 0 AND span_end >= span_start)"
            " OR (source_id IS NULL AND entered_by IS NOT NULL AND entered_at IS NOT NULL)",
            name="span_or_manual",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    entered_by: Mapped[str | None] = mapped_column(String(300))
    entered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)

    record: Mapped[Record] = relationship(back_populates="evidence")
    source: Mapped[Source | None] = relationship(lazy="joined")


@event.listens_for(Session, "before_flush")
def _refuse_unsourced_records(session: Session, _context: object, _instances: object) -> None:
    """The last line of defence: nothing reaches the database as a fact without evidence."""
    for obj in session.new:
        if isinstance(obj, Record) and not obj.evidence:
            raise ProvenanceError(f"{obj.kind_name()} {obj.key!r} has no evidence")
