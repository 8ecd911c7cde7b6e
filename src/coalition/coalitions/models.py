"""A coalition and its structure over time."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coalition.partners.models import Actor
from coalition.provenance.models import Record
from coalition.storage.columns import choice, ref
from coalition.vocabulary import Qualifier


class MembershipRole(enum.StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"


class BodyKind(enum.StrEnum):
    SMALL_GROUP = "small_group"
    WORKING_GROUP = "working_group"
    FOCUS_GROUP = "focus_group"
    OTHER = "other"


class LeadRole(enum.StrEnum):
    LEAD = "lead"
    CO_LEAD = "co-lead"


class Coalition(Record):
    __tablename__ = "coalitions"
    __mapper_args__ = {"polymorphic_identity": "coalition"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    founded: Mapped[date | None] = mapped_column(Date)
    names: Mapped[list[CoalitionName]] = relationship(
        back_populates="coalition",
        foreign_keys="CoalitionName.coalition_id",
        order_by="CoalitionName.valid_from",
    )

    def name_at(self, when: date | None = None) -> str:
        """The name in use on `when` (the latest name if no date), or the key if none is known."""
        usable = [n for n in self.names if when is None or n.in_force(when)]
        return usable[-1].name if usable else self.key

    def label(self) -> str:
        return self.name_at()


class CoalitionName(Record):
    __tablename__ = "coalition_names"
    __mapper_args__ = {"polymorphic_identity": "coalition_name"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    coalition_id: Mapped[int] = ref("coalitions")
    name: Mapped[str] = mapped_column(String(300))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)

    coalition: Mapped[Coalition] = relationship(back_populates="names", foreign_keys=[coalition_id])

    def in_force(self, when: date) -> bool:
        return (self.valid_from is None or self.valid_from <= when) and (
            self.valid_to is None or when < self.valid_to
        )

    def label(self) -> str:
        return self.name


class Membership(Record):
    """An actor's membership of a coalition. Observers are recorded but never counted."""

    __tablename__ = "memberships"
    __mapper_args__ = {"polymorphic_identity": "membership"}
    __table_args__ = (
        CheckConstraint("left_on IS NULL OR joined IS NULL OR left_on >= joined", name="dates"),
        CheckConstraint("joined IS NOT NULL OR observed_on IS NOT NULL", name="dated"),
    )

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    coalition_id: Mapped[int] = ref("coalitions")
    actor_id: Mapped[int] = ref("actors")
    role: Mapped[MembershipRole] = choice(MembershipRole, default=MembershipRole.MEMBER)
    joined: Mapped[date | None] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    observed_on: Mapped[date | None] = mapped_column(Date)

    coalition: Mapped[Coalition] = relationship(foreign_keys=[coalition_id])
    actor: Mapped[Actor] = relationship(foreign_keys=[actor_id])

    def label(self) -> str:
        return f"{self.actor.name} ({self.role.value})"


class ReportedSize(Record):
    """A size a source gives for a coalition, usually without saying who is in it."""

    __tablename__ = "reported_sizes"
    __mapper_args__ = {"polymorphic_identity": "reported_size"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    coalition_id: Mapped[int] = ref("coalitions")
    count: Mapped[int] = mapped_column(Integer)
    qualifier: Mapped[Qualifier | None] = choice(Qualifier)
    counts: Mapped[str | None] = mapped_column(Text)
    as_of: Mapped[date] = mapped_column(Date, index=True)

    coalition: Mapped[Coalition] = relationship(foreign_keys=[coalition_id])

    def label(self) -> str:
        return f"{self.count} {self.counts or 'members'} ({self.as_of})"


class Body(Record):
    """A group inside a coalition: the Small Group, a working group, a focus group."""

    __tablename__ = "bodies"
    __mapper_args__ = {"polymorphic_identity": "body"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    coalition_id: Mapped[int] = ref("coalitions")
    name: Mapped[str] = mapped_column(String(300))
    body_kind: Mapped[BodyKind] = choice(BodyKind, default=BodyKind.OTHER)
    established: Mapped[date | None] = mapped_column(Date)

    coalition: Mapped[Coalition] = relationship(foreign_keys=[coalition_id])

    def label(self) -> str:
        return self.name


class BodyLead(Record):
    __tablename__ = "body_leads"
    __mapper_args__ = {"polymorphic_identity": "body_lead"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    body_id: Mapped[int] = ref("bodies")
    actor_id: Mapped[int] = ref("actors")
    role: Mapped[LeadRole] = choice(LeadRole, default=LeadRole.CO_LEAD)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    body: Mapped[Body] = relationship(foreign_keys=[body_id])
    actor: Mapped[Actor] = relationship(foreign_keys=[actor_id])


class LineOfEffort(Record):
    """One line of a coalition's list of lines of effort; the list is versioned as it changes."""

    __tablename__ = "lines_of_effort"
    __mapper_args__ = {"polymorphic_identity": "line_of_effort"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    coalition_id: Mapped[int] = ref("coalitions")
    name: Mapped[str] = mapped_column(String(300))
    version: Mapped[int] = mapped_column(Integer, default=1)
    position: Mapped[int | None] = mapped_column(Integer)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)

    coalition: Mapped[Coalition] = relationship(foreign_keys=[coalition_id])

    def label(self) -> str:
        return self.name
