"""Actors and the names and offices they carry."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coalition.provenance.models import Record
from coalition.storage.base import Base
from coalition.storage.columns import choice, ref


class ActorKind(enum.StrEnum):
    COUNTRY = "country"
    ORGANISATION = "organisation"
    PERSON = "person"
    GROUP = "group"


class AliasKind(enum.StrEnum):
    NAME = "name"
    DEMONYM = "demonym"


class OfficeCategory(enum.StrEnum):
    HEAD_OF_STATE = "head_of_state"
    HEAD_OF_GOVERNMENT = "head_of_government"
    FOREIGN_MINISTER = "foreign_minister"
    DEPUTY_FOREIGN_MINISTER = "deputy_foreign_minister"
    DEFENCE_MINISTER = "defence_minister"
    SPECIAL_ENVOY = "special_envoy"
    MILITARY_COMMANDER = "military_commander"
    UN_OFFICIAL = "un_official"
    OTHER = "other"


class Actor(Record):
    """Anyone who can be a member, donor, speaker or subject: country, body, person, group."""

    __tablename__ = "actors"
    __mapper_args__ = {"polymorphic_identity": "actor"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    actor_kind: Mapped[ActorKind] = choice(ActorKind, index=True)
    name: Mapped[str] = mapped_column(String(300))
    code: Mapped[str | None] = mapped_column(String(40), unique=True)
    aliases: Mapped[list[Alias]] = relationship(
        back_populates="actor", cascade="all, delete-orphan", order_by="Alias.id"
    )

    def label(self) -> str:
        return self.name


class Alias(Base):
    """Another name for an actor; lookups use `normalized`, so case and dots do not matter."""

    __tablename__ = "aliases"
    __table_args__ = (UniqueConstraint("actor_id", "normalized", "alias_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)
    alias_kind: Mapped[AliasKind] = choice(AliasKind, default=AliasKind.NAME)
    normalized: Mapped[str] = mapped_column(Text, index=True)

    actor: Mapped[Actor] = relationship(back_populates="aliases")


class Office(Record):
    """A person holding an office over a dated interval (an open end means still in office)."""

    __tablename__ = "offices"
    __mapper_args__ = {"polymorphic_identity": "office"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    holder_id: Mapped[int] = ref("actors")
    title: Mapped[str] = mapped_column(String(300))
    organisation_id: Mapped[int | None] = ref("actors", nullable=True)
    category: Mapped[OfficeCategory] = choice(OfficeCategory, default=OfficeCategory.OTHER)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    acting: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set when a source gives only the month of a start or end; the day is then the first.
    approximate: Mapped[bool] = mapped_column(Boolean, default=False)

    holder: Mapped[Actor] = relationship(foreign_keys=[holder_id])
    organisation: Mapped[Actor | None] = relationship(foreign_keys=[organisation_id])

    def label(self) -> str:
        return f"{self.holder.name}, {self.title}"
