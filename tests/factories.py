"""Small builders for test records; each one passes real evidence, as production code must."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from coalition.coalitions.models import Coalition, CoalitionName, Membership, ReportedSize
from coalition.money.models import FundingTransaction, Pledge, TransactionType
from coalition.partners.services import get_actor
from coalition.provenance.models import Evidence, Source
from coalition.provenance.services import manual


def by_hand(note: str | None = None) -> list[Evidence]:
    return [manual("tester@example.org", note=note)]


def coalition(
    session: Session, key: str = "test-coalition", name: str = "Test Coalition"
) -> Coalition:
    made = Coalition(evidence=by_hand(), key=key)
    session.add(made)
    session.add(CoalitionName(evidence=by_hand(), coalition=made, name=name))
    session.flush()
    return made


def member(session: Session, of: Coalition, actor: str, **dates: Any) -> Membership:
    made = Membership(evidence=by_hand(), coalition=of, actor=get_actor(session, actor), **dates)
    session.add(made)
    session.flush()
    return made


def size(session: Session, of: Coalition, count: int, as_of: date, **extra: Any) -> ReportedSize:
    made = ReportedSize(evidence=by_hand(), coalition=of, count=count, as_of=as_of, **extra)
    session.add(made)
    session.flush()
    return made


def pledge(
    session: Session, amount: str, currency: str = "USD", donor: str | None = "USA"
) -> Pledge:
    made = Pledge(
        evidence=by_hand(),
        donor=get_actor(session, donor) if donor else None,
        amount=Decimal(amount),
        currency=currency,
    )
    session.add(made)
    session.flush()
    return made


def entry(
    session: Session,
    of: Pledge,
    kind: TransactionType,
    amount: str,
    currency: str = "USD",
    fx_rate: str | None = None,
) -> FundingTransaction:
    made = FundingTransaction(
        evidence=by_hand(),
        pledge=of,
        type=kind,
        amount=Decimal(amount),
        currency=currency,
        fx_rate=Decimal(fx_rate) if fx_rate else None,
    )
    session.add(made)
    session.flush()
    return made


def source(session: Session, key: str = "report.txt", text: str | None = "Some text.") -> Source:
    made = Source(key=key, text=text)
    session.add(made)
    session.flush()
    return made
