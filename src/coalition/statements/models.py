"""A quote with its speaker, or an anonymous official with the affiliation the text gives."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coalition.meetings.models import Meeting
from coalition.partners.models import Actor
from coalition.provenance.models import Record
from coalition.storage.columns import ref


class Statement(Record):
    __tablename__ = "statements"
    __mapper_args__ = {"polymorphic_identity": "statement"}
    __table_args__ = (
        CheckConstraint("speaker_id IS NOT NULL OR anonymous IS NOT NULL", name="speaker"),
        CheckConstraint("quote IS NOT NULL OR summary IS NOT NULL", name="content"),
    )

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    quote: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    speaker_id: Mapped[int | None] = ref("actors", nullable=True)
    speaker_title: Mapped[str | None] = mapped_column(Text)
    anonymous: Mapped[str | None] = mapped_column(Text)
    affiliation_id: Mapped[int | None] = ref("actors", nullable=True)
    said_on: Mapped[date | None] = mapped_column(Date, index=True)
    meeting_id: Mapped[int | None] = ref("meetings", nullable=True)
    context: Mapped[str | None] = mapped_column(Text)

    speaker: Mapped[Actor | None] = relationship(foreign_keys=[speaker_id])
    affiliation: Mapped[Actor | None] = relationship(foreign_keys=[affiliation_id])
    meeting: Mapped[Meeting | None] = relationship(foreign_keys=[meeting_id])

    def speaker_name(self) -> str:
        if self.speaker is not None:
            return self.speaker.name
        of = f" ({self.affiliation.name})" if self.affiliation else ""
        return f"{self.anonymous}{of}"

    def words(self) -> str:
        """The quote if we hold it, else the quoted span of the evidence, else our summary."""
        if self.quote:
            return self.quote
        spans = [e.text for e in self.evidence if e.text]
        return spans[0] if spans else (self.summary or "")

    def label(self) -> str:
        return f"{self.speaker_name()}: {self.summary or self.words()}"
