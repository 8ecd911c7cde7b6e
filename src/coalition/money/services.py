"""What a pledge's ledger says about it, and totals that never mix currencies."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coalition.money.models import FundingTransaction, Pledge, Target, TransactionType


@dataclass(frozen=True)
class PledgeState:
    """Derived from the ledger: the amount now pledged, and how much of it has moved."""

    status: str
    pledged: Decimal
    committed: Decimal
    disbursed: Decimal
    unconverted: int  # entries in another currency with no exchange rate: not counted


def in_pledge_currency(pledge: Pledge, entry: FundingTransaction) -> Decimal | None:
    if entry.currency == pledge.currency:
        return entry.amount
    return entry.amount * entry.fx_rate if entry.fx_rate is not None else None


def pledge_state(pledge: Pledge) -> PledgeState:
    pledged, committed, disbursed, unconverted = pledge.amount, Decimal(0), Decimal(0), 0
    cancelled = False
    for entry in pledge.transactions:
        amount = in_pledge_currency(pledge, entry)
        if amount is None:
            unconverted += 1
            continue
        if entry.type is TransactionType.REVISED:
            pledged = amount
        elif entry.type in (TransactionType.COMMITTED, TransactionType.ALLOCATED):
            committed += amount
        elif entry.type is TransactionType.DISBURSED:
            disbursed += amount
        elif entry.type is TransactionType.CANCELLED:
            cancelled = True
    return PledgeState(
        _status(cancelled, pledged, committed, disbursed),
        pledged,
        committed,
        disbursed,
        unconverted,
    )


def _status(cancelled: bool, pledged: Decimal, committed: Decimal, disbursed: Decimal) -> str:
    if cancelled:
        return "cancelled"
    if disbursed and disbursed >= pledged:
        return "disbursed"
    if disbursed:
        return "partly disbursed"
    return "committed" if committed else "pledged"


def list_pledges(session: Session) -> list[Pledge]:
    return list(
        session.scalars(
            select(Pledge)
            .options(selectinload(Pledge.transactions))
            .order_by(Pledge.pledged_on, Pledge.key)
        )
    )


def pledge_group(pledge: Pledge, by: str) -> str:
    if by == "donor":
        return pledge.donor_name()
    if by == "line":
        return pledge.line.name if pledge.line else "(no line of effort)"
    if by == "meeting":
        return pledge.meeting.title if pledge.meeting else "(no meeting)"
    raise ValueError(f"cannot group pledges by {by!r}")


def totals(pledges: Iterable[Pledge], by: str) -> dict[str, dict[str, Decimal]]:
    """Amounts now pledged (cancelled pledges left out), per group and currency, never converted."""
    sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for pledge in pledges:
        state = pledge_state(pledge)
        if state.status != "cancelled":
            sums[pledge_group(pledge, by)][pledge.currency] += state.pledged
    return {group: dict(per_currency) for group, per_currency in sorted(sums.items())}


def list_targets(session: Session) -> list[Target]:
    return list(session.scalars(select(Target).order_by(Target.set_on, Target.key)))
