"""Figures: readable numbers, and conflicting values kept side by side."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from coalition.figures.models import Figure, grouped
from coalition.figures.services import conflicts, list_figures
from tests import factories


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("4100", "4,100"),
        ("-1234567.25", "-1,234,567.25"),
        ("0.5", "0.5"),
        ("99.50", "99.5"),
    ],
)
def test_grouped_keeps_every_given_decimal(value: str, text: str) -> None:
    assert grouped(Decimal(value)) == text


def test_different_values_for_one_subject_and_date_are_a_conflict(session: Session) -> None:
    def figure(value: int, on: date) -> Figure:
        made = Figure(
            evidence=factories.by_hand(),
            subject="US troops in Iraq",
            value=Decimal(value),
            as_of=on,
        )
        session.add(made)
        return made

    a, b = figure(5000, date(2016, 12, 15)), figure(5200, date(2016, 12, 15))
    same = figure(5000, date(2017, 1, 1))
    session.flush()
    found = list_figures(session, "troops")
    assert conflicts(found) == {a.id, b.id}
    assert same.id not in conflicts(found)
