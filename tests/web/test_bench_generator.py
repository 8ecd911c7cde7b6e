"""The web benchmark's generator (benchmarks.webdata) at a thousandth of its scale: the database
it writes must be one the application accepts, every fact with evidence that reads true."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from benchmarks.webdata import COALITION_KEY, Scale, build, table_counts
from sqlalchemy import func, select

from coalition.coalitions.services import get_coalition, membership_on
from coalition.figures.models import Figure
from coalition.meetings.models import Meeting, MeetingParticipant
from coalition.money.models import FundingTransaction, Pledge, TransactionType
from coalition.money.services import list_pledges, pledge_state, totals
from coalition.provenance.models import Evidence, Record, Source
from coalition.provenance.services import manual
from coalition.statements.models import Statement
from coalition.storage.database import open_database, session_scope, sqlite_url

TINY = Scale.of(0.001)


@pytest.fixture
def generated(db_url: str) -> str:
    build(db_url, TINY)
    return db_url


def test_tiny_scale_keeps_enough_to_link(generated: str) -> None:
    assert TINY.partners == 5 and TINY.meetings == 2 and TINY.statements == 150
    engine = open_database(generated)
    with session_scope(engine) as session:
        counts = table_counts(
            session, ["meetings", "pledges", "funding_transactions", "statements", "figures"]
        )
        assert counts == {
            "meetings": TINY.meetings,
            "pledges": TINY.pledges,
            "funding_transactions": TINY.transactions,
            "statements": TINY.statements,
            "figures": TINY.figures,
        }
        assert session.scalar(select(func.count()).select_from(Source)) == TINY.sources
        # Joined-table inheritance: every subclass row has its `records` row of the right kind.
        kinds = dict(session.execute(select(Record.kind, func.count()).group_by(Record.kind)).all())
        assert kinds["statement"] == TINY.statements and kinds["transaction"] == TINY.transactions
    engine.dispose()


def test_every_generated_record_has_evidence_that_reads_true(generated: str) -> None:
    engine = open_database(generated)
    with session_scope(engine) as session:
        unsourced = select(Record.id).where(
            ~select(Evidence.id).where(Evidence.record_id == Record.id).exists()
        )
        assert session.scalars(unsourced).all() == []
        spans = session.execute(
            select(Evidence.text, Source.text, Evidence.span_start, Evidence.span_end).join(
                Source, Evidence.source_id == Source.id
            )
        ).all()
        assert len(spans) >= TINY.statements + TINY.figures
        assert all(text and body[start:end] == text for text, body, start, end in spans)
        statement = session.scalars(select(Statement).order_by(Statement.key)).first()
        assert statement is not None and statement.words() == statement.evidence[0].text
    engine.dispose()


def test_everyday_queries_work_on_it(generated: str) -> None:
    engine = open_database(generated)
    with session_scope(engine) as session:
        coalition = get_coalition(session, None)
        assert coalition.key == COALITION_KEY
        members = membership_on(session, coalition, date(2024, 12, 31))
        assert 0 < members.named_count <= TINY.partners
        assert members.latest_sizes and members.latest_sizes[0].count >= members.named_count
        pledges = list_pledges(session)
        assert len(pledges) == TINY.pledges
        # Each pledge opens its ledger with its own `pledged` entry.
        assert all(p.transactions[0].type is TransactionType.PLEDGED for p in pledges)
        assert all(pledge_state(p).pledged > 0 for p in pledges)
        assert sum(len(per) for per in totals(pledges, "donor").values()) >= 1
        meeting = session.scalars(select(Meeting).order_by(Meeting.key)).first()
        assert meeting is not None
        delegations = session.scalars(
            select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting.id)
        ).all()
        # Delegations are spread evenly, each partner at most once per meeting.
        assert len(delegations) == min(TINY.participants // TINY.meetings, TINY.partners)
    engine.dispose()


def test_the_application_can_keep_writing_after_the_bulk_load(generated: str) -> None:
    """Ids were chosen by the generator; a record added afterwards must still get a fresh one
    (on PostgreSQL that needs the sequences moved past them)."""
    engine = open_database(generated)
    with session_scope(engine) as session:
        figure = Figure(subject="added later", value=1, evidence=[manual("test")])
        session.add(figure)
        session.flush()
        highest = session.scalar(select(func.max(Record.id)))
        assert figure.id == highest
        assert session.scalar(select(func.count()).select_from(FundingTransaction)) > 0
    engine.dispose()


def test_the_same_seed_writes_the_same_record(tmp_path: Path) -> None:
    dumps = []
    for name in ("a", "b"):
        url = sqlite_url(tmp_path / f"{name}.sqlite3")
        build(url, TINY)
        engine = open_database(url)
        with session_scope(engine) as session:
            dumps.append(
                session.execute(
                    select(Pledge.key, Pledge.amount, Pledge.currency, Pledge.pledged_on).order_by(
                        Pledge.key
                    )
                ).all()
            )
        engine.dispose()
    assert dumps[0] == dumps[1] and len(dumps[0]) == TINY.pledges
