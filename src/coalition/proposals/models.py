"""A proposed change to the record, waiting for the secretariat's decision."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coalition.accounts.models import User
from coalition.partners.models import Actor
from coalition.storage.base import Base, UTCDateTime, utcnow
from coalition.storage.columns import choice


class ProposalKind(enum.StrEnum):
    DISBURSEMENT = "disbursement"  # money a partner's pledge has paid out
    DELEGATION = "delegation"  # a partner's delegation at a meeting


class ProposalStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Proposal(Base):
    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ProposalKind] = choice(ProposalKind)
    status: Mapped[ProposalStatus] = choice(
        ProposalStatus, default=ProposalStatus.PENDING, index=True
    )
    # The partner the change concerns: always the proposing officer's own.
    partner_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    target_key: Mapped[str] = mapped_column(String(300))  # the pledge or meeting it changes
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(Text)
    record_id: Mapped[int | None] = mapped_column(ForeignKey("records.id"))

    partner: Mapped[Actor] = relationship(foreign_keys=[partner_id])
    proposed_by: Mapped[User] = relationship(foreign_keys=[proposed_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
