"""Candidates: facts proposed by intake that wait for review before they enter the record."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coalition.provenance.models import Source
from coalition.storage.base import Base, UTCDateTime, utcnow
from coalition.storage.columns import choice


class CandidateStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Candidate(Base):
    """Not a record yet: its spans become the record's evidence when it is accepted."""

    __tablename__ = "candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    candidate_type: Mapped[str] = mapped_column(String(40), index=True)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    spans: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    confidence: Mapped[float] = mapped_column(Float)
    status: Mapped[CandidateStatus] = choice(CandidateStatus, default=CandidateStatus.PENDING)
    record_id: Mapped[int | None] = mapped_column(ForeignKey("records.id"), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)

    source: Mapped[Source | None] = relationship()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
