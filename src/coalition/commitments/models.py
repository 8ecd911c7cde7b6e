"""Communiqué commitments and per-member compliance scores (-1, 0, +1)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coalition.coalitions.models import Coalition, LineOfEffort
from coalition.meetings.models import Meeting
from coalition.partners.models import Actor
from coalition.provenance.models import Record
from coalition.storage.columns import ref


class Commitment(Record):
    __tablename__ = "commitments"
    __mapper_args__ = {"polymorphic_identity": "commitment"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    paragraph: Mapped[str | None] = mapped_column(Text)
    coalition_id: Mapped[int | None] = ref("coalitions", nullable=True)
    meeting_id: Mapped[int | None] = ref("meetings", nullable=True)
    line_id: Mapped[int | None] = ref("lines_of_effort", nullable=True)
    due: Mapped[date | None] = mapped_column(Date)

    coalition: Mapped[Coalition | None] = relationship(foreign_keys=[coalition_id])
    meeting: Mapped[Meeting | None] = relationship(foreign_keys=[meeting_id])
    line: Mapped[LineOfEffort | None] = relationship(foreign_keys=[line_id])

    def label(self) -> str:
        return self.text


class ComplianceScore(Record):
    """G7 Research Group style: -1 no compliance, 0 partial, +1 full, as assessed on a date."""

    __tablename__ = "compliance_scores"
    __mapper_args__ = {"polymorphic_identity": "compliance_score"}
    __table_args__ = (CheckConstraint("score IN (-1, 0, 1)", name="score"),)

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    commitment_id: Mapped[int] = ref("commitments")
    actor_id: Mapped[int] = ref("actors")
    score: Mapped[int] = mapped_column(Integer)
    assessed_on: Mapped[date | None] = mapped_column(Date)

    commitment: Mapped[Commitment] = relationship(foreign_keys=[commitment_id])
    actor: Mapped[Actor] = relationship(foreign_keys=[actor_id])

    def label(self) -> str:
        return f"{self.actor.name}: {self.score:+d}"
