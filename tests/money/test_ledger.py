"""The ledger is append-only, and a pledge's state is derived from it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from coalition.money.models import TransactionType as T
from coalition.money.services import pledge_state, totals
from tests import factories


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE funding_transactions SET amount = '1'",
        "DELETE FROM funding_transactions",
    ],
)
def test_the_database_refuses_to_change_the_ledger(session: Session, statement: str) -> None:
    pledge = factories.pledge(session, "100")
    factories.entry(session, pledge, T.PLEDGED, "100")
    with pytest.raises(DBAPIError, match="append-only"):
        session.execute(text(statement))


def test_a_fresh_pledge_is_pledged_for_its_original_amount(session: Session) -> None:
    pledge = factories.pledge(session, "100", "EUR")
    factories.entry(session, pledge, T.PLEDGED, "100", "EUR")
    state = pledge_state(pledge)
    assert (state.status, state.pledged, state.disbursed) == ("pledged", Decimal(100), 0)


def test_disbursements_move_a_pledge_to_partly_then_fully_disbursed(session: Session) -> None:
    pledge = factories.pledge(session, "100")
    factories.entry(session, pledge, T.COMMITTED, "100")
    assert pledge_state(pledge).status == "committed"
    factories.entry(session, pledge, T.DISBURSED, "40")
    assert pledge_state(pledge).status == "partly disbursed"
    factories.entry(session, pledge, T.DISBURSED, "60")
    assert pledge_state(pledge).status == "disbursed"


def test_a_revision_changes_the_amount_now_pledged_but_not_the_original(session: Session) -> None:
    pledge = factories.pledge(session, "100")
    factories.entry(session, pledge, T.REVISED, "80")
    factories.entry(session, pledge, T.DISBURSED, "80")
    state = pledge_state(pledge)
    assert (state.status, state.pledged, pledge.amount) == ("disbursed", Decimal(80), Decimal(100))


def test_entries_in_another_currency_count_only_with_a_rate(session: Session) -> None:
    pledge = factories.pledge(session, "100", "USD")
    factories.entry(session, pledge, T.DISBURSED, "50", "EUR", fx_rate="1.1")
    factories.entry(session, pledge, T.DISBURSED, "10", "GBP")
    state = pledge_state(pledge)
    assert state.disbursed == Decimal("55.0")
    assert state.unconverted == 1


def test_a_cancelled_pledge_is_cancelled_and_left_out_of_totals(session: Session) -> None:
    kept = factories.pledge(session, "100", "USD", donor="FRA")
    dropped = factories.pledge(session, "50", "USD", donor="FRA")
    factories.entry(session, dropped, T.CANCELLED, "50")
    assert pledge_state(dropped).status == "cancelled"
    assert totals([kept, dropped], "donor") == {"France": {"USD": Decimal(100)}}


def test_totals_never_mix_currencies(session: Session) -> None:
    pledges = [
        factories.pledge(session, "100", "USD", donor="GBR"),
        factories.pledge(session, "30", "GBP", donor="GBR"),
        factories.pledge(session, "0.5", "USD", donor="GBR"),
        factories.pledge(session, "7", "USD", donor=None),
    ]
    assert totals(pledges, "donor") == {
        "United Kingdom": {"USD": Decimal("100.5"), "GBP": Decimal(30)},
        "several donors (aggregate)": {"USD": Decimal(7)},
    }


def test_amounts_keep_every_digit_on_both_databases(session: Session) -> None:
    pledge = factories.pledge(session, "123456789012345.123456")
    session.commit()
    session.expire_all()
    assert pledge.amount == Decimal("123456789012345.123456")
