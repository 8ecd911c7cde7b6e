"""Meetings, their parallel tracks and their participants."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coalition.coalitions.models import Coalition
from coalition.partners.models import Actor
from coalition.provenance.models import Record
from coalition.storage.columns import choice, ref
from coalition.vocabulary import Qualifier, qualified


class MeetingLevel(enum.StrEnum):
    MINISTERIAL = "ministerial"
    SMALL_GROUP = "small_group"
    DEFENCE_MINISTERIAL = "defence_ministerial"
    POLITICAL_DIRECTORS = "political_directors"
    WORKING_GROUP = "working_group"
    PLEDGING_CONFERENCE = "pledging_conference"
    LEADERS = "leaders"
    OTHER = "other"


class MeetingFormat(enum.StrEnum):
    IN_PERSON = "in_person"
    VIRTUAL = "virtual"
    HYBRID = "hybrid"


class MeetingStatus(enum.StrEnum):
    ANNOUNCED = "announced"
    HELD = "held"
    CANCELLED = "cancelled"


class ParticipantRole(enum.StrEnum):
    HOST = "host"
    CO_HOST = "co_host"
    CHAIR = "chair"
    INVITED = "invited"
    ATTENDED = "attended"


class Meeting(Record):
    __tablename__ = "meetings"
    __mapper_args__ = {"polymorphic_identity": "meeting"}
    __table_args__ = (
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates"
        ),
    )

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    coalition_id: Mapped[int | None] = ref("coalitions", nullable=True)
    title: Mapped[str] = mapped_column(Text)
    level: Mapped[MeetingLevel] = choice(MeetingLevel, default=MeetingLevel.OTHER)
    format: Mapped[MeetingFormat | None] = choice(MeetingFormat)
    status: Mapped[MeetingStatus] = choice(MeetingStatus, default=MeetingStatus.HELD)
    start_date: Mapped[date | None] = mapped_column(Date, index=True)
    end_date: Mapped[date | None] = mapped_column(Date)
    city: Mapped[str | None] = mapped_column(Text)
    venue: Mapped[str | None] = mapped_column(Text)
    country_id: Mapped[int | None] = ref("actors", nullable=True)
    track: Mapped[str | None] = mapped_column(Text)
    parent_id: Mapped[int | None] = ref("meetings", nullable=True)
    invited_count: Mapped[int | None] = mapped_column(Integer)
    invited_qualifier: Mapped[Qualifier | None] = choice(Qualifier, name="invited_qualifier")
    attending_count: Mapped[int | None] = mapped_column(Integer)
    attending_qualifier: Mapped[Qualifier | None] = choice(Qualifier, name="attending_qualifier")
    outcomes: Mapped[str | None] = mapped_column(Text)

    coalition: Mapped[Coalition | None] = relationship(foreign_keys=[coalition_id])
    country: Mapped[Actor | None] = relationship(foreign_keys=[country_id])
    parent: Mapped[Meeting | None] = relationship(
        foreign_keys=[parent_id], remote_side="Meeting.id", back_populates="tracks"
    )
    tracks: Mapped[list[Meeting]] = relationship(
        foreign_keys=[parent_id], back_populates="parent", order_by="Meeting.start_date"
    )
    participants: Mapped[list[MeetingParticipant]] = relationship(
        back_populates="meeting", foreign_keys="MeetingParticipant.meeting_id"
    )

    def label(self) -> str:
        return self.title

    def place(self) -> str:
        return ", ".join(p for p in (self.venue, self.city) if p) or "-"

    def dates(self) -> str:
        if self.start_date is None:
            return "date unknown"
        if self.end_date and self.end_date != self.start_date:
            return f"{self.start_date} to {self.end_date}"
        return str(self.start_date)

    def attendance(self) -> str:
        parts = []
        if self.invited_count is not None:
            parts.append(f"{qualified(self.invited_count, self.invited_qualifier)} invited")
        if self.attending_count is not None:
            parts.append(f"{qualified(self.attending_count, self.attending_qualifier)} attending")
        return ", ".join(parts)


class MeetingParticipant(Record):
    """A delegation (or person) at a meeting, in a role, with its head where known."""

    __tablename__ = "meeting_participants"
    __mapper_args__ = {"polymorphic_identity": "meeting_participant"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    meeting_id: Mapped[int] = ref("meetings")
    actor_id: Mapped[int] = ref("actors")
    role: Mapped[ParticipantRole] = choice(ParticipantRole, default=ParticipantRole.ATTENDED)
    head_id: Mapped[int | None] = ref("actors", nullable=True)

    meeting: Mapped[Meeting] = relationship(
        back_populates="participants", foreign_keys=[meeting_id]
    )
    actor: Mapped[Actor] = relationship(foreign_keys=[actor_id])
    head: Mapped[Actor | None] = relationship(foreign_keys=[head_id])

    def label(self) -> str:
        head = f" (led by {self.head.name})" if self.head else ""
        return f"{self.actor.name}: {self.role.value}{head}"
