"""Pledges and the ledger that tells whether they arrived.

A pledge keeps its original amount and currency for ever; what happened to it afterwards is a list
of transactions that is only ever appended to. A pledge's status is derived from that list (see
`money.services.pledge_status`), never stored.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coalition.coalitions.models import Coalition, LineOfEffort
from coalition.meetings.models import Meeting
from coalition.partners.models import Actor
from coalition.provenance.models import Record
from coalition.storage.base import Amount, format_decimal
from coalition.storage.columns import choice, ref
from coalition.vocabulary import Qualifier, qualified


class TransactionType(enum.StrEnum):
    """The steps of a pledge's life, after IATI's transaction types."""

    PLEDGED = "pledged"
    COMMITTED = "committed"
    ALLOCATED = "allocated"
    DISBURSED = "disbursed"
    REVISED = "revised"
    CANCELLED = "cancelled"


def money(amount: Decimal, currency: str, qualifier: Qualifier | None = None) -> str:
    return qualified(
        f"{currency} {int(amount):,}"
        if amount == int(amount)
        else f"{currency} {format_decimal(amount)}",
        qualifier,
    )


class Pledge(Record):
    """Money promised by a donor, or an aggregate reported for several unnamed donors."""

    __tablename__ = "pledges"
    __mapper_args__ = {"polymorphic_identity": "pledge"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    donor_id: Mapped[int | None] = ref("actors", nullable=True)
    amount: Mapped[Decimal] = mapped_column(Amount)
    currency: Mapped[str] = mapped_column(String(3))
    qualifier: Mapped[Qualifier | None] = choice(Qualifier)
    purpose: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(Text)
    line_id: Mapped[int | None] = ref("lines_of_effort", nullable=True)
    meeting_id: Mapped[int | None] = ref("meetings", nullable=True)
    coalition_id: Mapped[int | None] = ref("coalitions", nullable=True)
    # The money page sorts and windows pledges by date.
    pledged_on: Mapped[date | None] = mapped_column(Date, index=True)

    donor: Mapped[Actor | None] = relationship(foreign_keys=[donor_id])
    line: Mapped[LineOfEffort | None] = relationship(foreign_keys=[line_id])
    meeting: Mapped[Meeting | None] = relationship(foreign_keys=[meeting_id])
    coalition: Mapped[Coalition | None] = relationship(foreign_keys=[coalition_id])
    transactions: Mapped[list[FundingTransaction]] = relationship(
        back_populates="pledge",
        foreign_keys="FundingTransaction.pledge_id",
        order_by="FundingTransaction.id",
    )

    def donor_name(self) -> str:
        return self.donor.name if self.donor else "several donors (aggregate)"

    def label(self) -> str:
        return f"{self.donor_name()}: {money(self.amount, self.currency, self.qualifier)}"


class FundingTransaction(Record):
    """One entry of a pledge's ledger. Rows are never updated or deleted (a trigger refuses it)."""

    __tablename__ = "funding_transactions"
    __mapper_args__ = {"polymorphic_identity": "transaction"}
    # Totals find the few revised or cancelled pledges by entry type, from the index alone.
    __table_args__ = (Index("ix_funding_transactions_type_pledge_id", "type", "pledge_id"),)

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    pledge_id: Mapped[int] = ref("pledges")
    type: Mapped[TransactionType] = choice(TransactionType)
    amount: Mapped[Decimal] = mapped_column(Amount)
    currency: Mapped[str] = mapped_column(String(3))
    transaction_date: Mapped[date | None] = mapped_column(Date)
    fx_rate: Mapped[Decimal | None] = mapped_column(Amount)
    fx_source: Mapped[str | None] = mapped_column(Text)

    pledge: Mapped[Pledge] = relationship(back_populates="transactions", foreign_keys=[pledge_id])

    def label(self) -> str:
        return f"{self.type.value} {money(self.amount, self.currency)}"


class Target(Record):
    """A sum a coalition aims to raise, to compare with what was raised."""

    __tablename__ = "targets"
    __mapper_args__ = {"polymorphic_identity": "target"}

    id: Mapped[int] = mapped_column(ForeignKey("records.id"), primary_key=True)
    amount: Mapped[Decimal] = mapped_column(Amount)
    currency: Mapped[str] = mapped_column(String(3))
    qualifier: Mapped[Qualifier | None] = choice(Qualifier)
    purpose: Mapped[str | None] = mapped_column(Text)
    coalition_id: Mapped[int | None] = ref("coalitions", nullable=True)
    meeting_id: Mapped[int | None] = ref("meetings", nullable=True)
    set_on: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date)

    coalition: Mapped[Coalition | None] = relationship(foreign_keys=[coalition_id])
    meeting: Mapped[Meeting | None] = relationship(foreign_keys=[meeting_id])

    def label(self) -> str:
        return f"aim: {money(self.amount, self.currency, self.qualifier)}"
