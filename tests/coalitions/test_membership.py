"""Membership on a date: reported sizes with their sources, named members, and the gap."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from coalition.coalitions.models import MembershipRole
from coalition.coalitions.services import membership_on
from coalition.vocabulary import Qualifier
from tests import factories


def test_reported_size_and_named_members_are_both_shown(session: Session) -> None:
    gc = factories.coalition(session)
    factories.size(session, gc, 60, date(2015, 1, 1))
    factories.size(session, gc, 79, date(2019, 2, 6), counts="members")
    factories.member(session, gc, "USA", joined=date(2014, 9, 10))
    factories.member(session, gc, "FRA", observed_on=date(2015, 6, 2))
    view = membership_on(session, gc, date(2019, 2, 6))
    assert [s.count for s in view.latest_sizes] == [79]
    assert [s.count for s in view.earlier_sizes] == [60]
    assert [m.actor.key for m in view.members] == ["FRA", "USA"]
    assert view.unaccounted(view.latest_sizes[0]) == 77


def test_sizes_reported_after_the_date_are_not_used(session: Session) -> None:
    gc = factories.coalition(session)
    factories.size(session, gc, 79, date(2019, 2, 6))
    view = membership_on(session, gc, date(2018, 1, 1))
    assert view.latest_sizes == []


def test_two_sources_with_different_sizes_on_one_date_are_both_kept(session: Session) -> None:
    gc = factories.coalition(session)
    factories.size(session, gc, 68, date(2017, 3, 9))
    factories.size(session, gc, 60, date(2017, 3, 9), qualifier=Qualifier.MORE_THAN)
    view = membership_on(session, gc, date(2017, 3, 22))
    assert sorted(s.count for s in view.latest_sizes) == [60, 68]


def test_observers_are_listed_but_never_counted(session: Session) -> None:
    gc = factories.coalition(session)
    factories.size(session, gc, 3, date(2020, 1, 1))
    factories.member(session, gc, "USA", joined=date(2014, 9, 10))
    factories.member(session, gc, "NATO", joined=date(2015, 1, 1), role=MembershipRole.OBSERVER)
    view = membership_on(session, gc, date(2020, 1, 1))
    assert [m.actor.key for m in view.members] == ["USA"]
    assert [m.actor.key for m in view.observers] == ["NATO"]
    assert view.unaccounted(view.latest_sizes[0]) == 2


def test_members_who_left_or_had_not_yet_joined_are_not_members(session: Session) -> None:
    gc = factories.coalition(session)
    factories.member(session, gc, "USA", joined=date(2014, 9, 10))
    factories.member(session, gc, "DEU", joined=date(2014, 9, 10), left_on=date(2016, 1, 1))
    factories.member(session, gc, "ITA", joined=date(2017, 1, 1))
    factories.member(session, gc, "ESP", observed_on=date(2018, 1, 1))
    view = membership_on(session, gc, date(2016, 6, 1))
    assert [m.actor.key for m in view.members] == ["USA"]


def test_a_member_seen_in_several_sources_counts_once(session: Session) -> None:
    gc = factories.coalition(session)
    factories.member(session, gc, "GBR", observed_on=date(2015, 6, 2))
    factories.member(session, gc, "GBR", observed_on=date(2016, 12, 15))
    view = membership_on(session, gc, date(2017, 1, 1))
    assert view.named_count == 1


def test_more_names_than_the_reported_size_never_gives_a_negative_gap(session: Session) -> None:
    gc = factories.coalition(session)
    factories.size(session, gc, 1, date(2015, 1, 1))
    factories.member(session, gc, "USA", joined=date(2014, 9, 10))
    factories.member(session, gc, "FRA", joined=date(2014, 9, 10))
    view = membership_on(session, gc, date(2015, 1, 1))
    assert view.unaccounted(view.latest_sizes[0]) == 0
