"""The packaged reference data: every country, the aliases reports use, and dated offices."""

from __future__ import annotations

from datetime import date

import pycountry
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coalition.partners.models import Actor, ActorKind, Alias, AliasKind, Office
from coalition.partners.services import find_actor, get_actor, offices_held
from coalition.provenance.models import Evidence, Record
from coalition.reference.loader import AUTHOR


def test_every_iso_country_is_an_actor_and_kosovo_too(session: Session) -> None:
    codes = set(session.scalars(select(Actor.code).where(Actor.actor_kind == ActorKind.COUNTRY)))
    assert {c.alpha_3 for c in pycountry.countries} <= codes
    assert "XKX" in codes


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Britain", "GBR"),
        ("U.K.", "GBR"),
        ("United Kingdom", "GBR"),
        ("U.S.", "USA"),
        ("America", "USA"),
        ("the United States", "USA"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("ISIS", "ISIS"),
        ("ISIL", "ISIS"),
        ("IS", "ISIS"),
        ("Daesh", "ISIS"),
        ("Islamic State", "ISIS"),
        ("Arab League", "LAS"),
        ("NATO", "NATO"),
        ("European Union", "EU"),
        ("INTERPOL", "INTERPOL"),
        ("CEN-SAD", "CEN-SAD"),
        ("Tony Blinken", "antony-blinken"),
        ("Ash Carter", "ash-carter"),
    ],
)
def test_aliases_resolve(session: Session, name: str, key: str) -> None:
    actor = find_actor(session, name)
    assert actor is not None and actor.key == key


@pytest.mark.parametrize(
    ("demonym", "key"),
    [("British", "GBR"), ("American", "USA"), ("Turkish", "TUR"), ("Iraqi", "IRQ")],
)
def test_demonyms_are_recorded(session: Session, demonym: str, key: str) -> None:
    owners = session.scalars(
        select(Actor.key)
        .join(Alias)
        .where(Alias.alias == demonym, Alias.alias_kind == AliasKind.DEMONYM)
    ).all()
    assert owners == [key]


def test_no_name_points_to_two_actors(session: Session) -> None:
    clashes = session.execute(
        select(Alias.normalized)
        .where(Alias.alias_kind == AliasKind.NAME)
        .group_by(Alias.normalized)
        .having(func.count(func.distinct(Alias.actor_id)) > 1)
    ).all()
    assert clashes == []


@pytest.mark.parametrize(
    ("person", "on", "title", "held"),
    [
        ("rex-tillerson", date(2017, 6, 1), "Secretary of State", True),
        ("rex-tillerson", date(2018, 6, 1), "Secretary of State", False),
        ("mike-pompeo", date(2019, 2, 6), "Secretary of State", True),
        ("ash-carter", date(2016, 12, 15), "Secretary of Defense", True),
        ("jim-mattis", date(2017, 3, 22), "Secretary of Defense", True),
        ("john-kerry", date(2016, 7, 20), "Secretary of State", True),
        ("michael-fallon", date(2016, 12, 15), "Defence Secretary", True),
        ("brett-mcgurk", date(2016, 7, 21), "Special Presidential Envoy", True),
    ],
)
def test_offices_held_on_a_date(
    session: Session, person: str, on: date, title: str, held: bool
) -> None:
    titles = [o.title for o in offices_held(session, get_actor(session, person), on)]
    assert any(title in t for t in titles) is held, titles


def test_every_tenure_ends_after_it_starts(session: Session) -> None:
    backwards = session.scalars(select(Office.key).where(Office.end_date < Office.start_date)).all()
    assert backwards == []


def test_every_reference_record_has_its_file_as_evidence(session: Session) -> None:
    """The loader writes rows in bulk, past the ORM's check that no record lacks evidence: each
    actor and office must still carry exactly one manual entry naming where it came from."""
    counts = dict(
        session.execute(
            select(Record.key, func.count(Evidence.id))
            .outerjoin(Evidence, Evidence.record_id == Record.id)
            .group_by(Record.key)
        ).all()
    )
    assert counts and set(counts.values()) == {1}
    notes = set(session.scalars(select(Evidence.note)))
    assert "packaged file people.yaml" in notes and any(n.startswith("ISO 3166-1") for n in notes)
    assert all(e.entered_by == AUTHOR for e in session.scalars(select(Evidence)))


def test_an_office_links_its_holder_and_organisation(session: Session) -> None:
    holder = get_actor(session, "ash-carter")
    office = session.scalars(select(Office).where(Office.holder_id == holder.id)).first()
    assert office is not None
    assert office.organisation is not None and office.organisation.key == "USA"
    assert office.holder.name == "Ash Carter" and office.holder.aliases
