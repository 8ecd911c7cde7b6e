"""Provenance is enforced by the code and by the database, not by convention."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coalition.errors import InvalidInput, ProvenanceError
from coalition.figures.models import Figure
from coalition.provenance.models import Evidence
from coalition.provenance.services import manual, span
from tests import factories


def test_a_record_cannot_be_constructed_without_evidence() -> None:
    with pytest.raises(ProvenanceError, match="cannot be recorded without evidence"):
        Figure(evidence=[], subject="troops", value=5)


def test_the_session_refuses_to_write_a_record_whose_evidence_was_removed(session: Session) -> None:
    figure = Figure(evidence=factories.by_hand(), subject="troops", value=5)
    figure.evidence.clear()
    session.add(figure)
    with pytest.raises(ProvenanceError, match="has no evidence"):
        session.flush()


def test_the_database_refuses_evidence_that_is_neither_span_nor_manual(session: Session) -> None:
    figure = Figure(evidence=factories.by_hand(), subject="troops", value=5)
    session.add(figure)
    session.flush()
    with pytest.raises(IntegrityError):
        session.execute(
            text("INSERT INTO evidence (record_id, note) VALUES (:id, 'no source, no author')"),
            {"id": figure.id},
        )


def test_a_span_takes_its_text_from_the_source(session: Session) -> None:
    source = factories.source(session, text="The 79-member coalition met.")
    evidence = span(source, 4, 13)
    assert evidence.text == "79-member"


def test_a_span_outside_the_source_is_refused(session: Session) -> None:
    source = factories.source(session, text="short")
    with pytest.raises(InvalidInput, match="outside"):
        span(source, 2, 50)


def test_a_span_that_misquotes_its_source_is_refused(session: Session) -> None:
    source = factories.source(session, text="The 79-member coalition met.")
    with pytest.raises(InvalidInput, match="does not read"):
        span(source, 4, 13, text="80-member")


def test_a_manual_entry_needs_a_name() -> None:
    with pytest.raises(InvalidInput, match="name"):
        manual("   ")


def test_evidence_is_written_with_the_record(session: Session) -> None:
    source = factories.source(session, text="About 5,000 troops.")
    figure = Figure(
        evidence=[span(source, 6, 11), *factories.by_hand("double-checked")],
        subject="troops",
        value=5000,
    )
    session.add(figure)
    session.flush()
    session.expire_all()
    stored = session.get(Figure, figure.id)
    assert stored is not None
    assert [(e.text, e.entered_by) for e in stored.evidence] == [
        ("5,000", None),
        (None, "tester@example.org"),
    ]
    assert all(isinstance(e, Evidence) for e in stored.evidence)
