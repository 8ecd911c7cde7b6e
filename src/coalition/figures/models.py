"""A reported quantity with its qualifier and the date it describes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coalition.partners.models import Actor
from coalition.provenance.models import Record
from coalition.storage.base import Amount, format_decimal
from coalition.storage.columns import choice, ref
from coalition.vocabulary import Qualifier, qualified


def grouped(value: Decimal) -> str:
    """4100 as "4,100", keeping every decimal that was given."""
    whole, _, decimals = format_decimal(value).partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-')):,}" + (f".{decimals}" if decimals else "")


class Figure(Record):
    __tablename__ = "figures"
    __mapper_args__ = {"polymorphic_identity": "figure"}
    # Charts and the subject list read one subject's figures in date order.
    __table_args__ = (Index("ix_figures_subject_as_of", "subject", "as_of"),)

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    subject: Mapped[str] = mapped_column(Text)
    value: Mapped[Decimal] = mapped_column(Amount)
    unit: Mapped[str | None] = mapped_column(Text)
    qualifier: Mapped[Qualifier | None] = choice(Qualifier)
    as_of: Mapped[date | None] = mapped_column(Date, index=True)
    place_id: Mapped[int | None] = ref("actors", nullable=True)

    place: Mapped[Actor | None] = relationship(foreign_keys=[place_id])

    def amount_text(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return qualified(grouped(self.value), self.qualifier) + unit

    def label(self) -> str:
        return f"{self.subject}: {self.amount_text()}"
