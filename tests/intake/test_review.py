"""Review: accepted candidates become records with their spans as evidence, reconciled."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from coalition.cli import app
from coalition.meetings.models import Meeting, MeetingStatus
from coalition.statements.models import Statement
from coalition.storage.database import transaction

ANNOUNCED = """Coalition to Meet in Rome

Foreign ministers will meet in Rome on March 12, 2019, officials said on Wednesday.
"""
HELD = """Coalition Ministers Meet in Rome

Foreign ministers met in Rome on Tuesday. “The campaign enters a new phase now,” Secretary of
State Mike Pompeo said.
"""


def run(url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COALITION_DATABASE_URL": url})
    return result.exit_code, result.output


def candidates(url: str, kind: str) -> list[dict[str, object]]:
    code, output = run(url, "review", "--type", kind, "--json")
    assert code == 0, output
    return list(json.loads(output))


def test_an_accepted_statement_is_a_record_with_its_span(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "held.txt").write_text(HELD)
    run(db_url, "ingest", str(tmp_path / "held.txt"), "--published", "2019-03-13")
    statement = candidates(db_url, "statement")[0]
    code, output = run(db_url, "review", "--accept", str(statement["id"]))
    assert code == 0, output
    with transaction(db_url) as session:
        stored = session.scalars(select(Statement)).one()
        assert stored.speaker is not None and stored.speaker.key == "mike-pompeo"
        assert stored.evidence[0].text == "The campaign enters a new phase now,"
    assert candidates(db_url, "statement") == []  # no longer pending


def test_one_meeting_announced_then_held_is_one_meeting_with_both_sources(
    db_url: str, tmp_path: Path
) -> None:
    (tmp_path / "announced.txt").write_text(ANNOUNCED)
    (tmp_path / "held.txt").write_text(HELD)
    run(db_url, "ingest", str(tmp_path / "announced.txt"), "--published", "2019-02-06")
    run(db_url, "ingest", str(tmp_path / "held.txt"), "--published", "2019-03-13")
    ids = [str(c["id"]) for c in candidates(db_url, "meeting")]
    assert len(ids) == 2
    code, output = run(db_url, "review", *[x for i in ids for x in ("--accept", i)])
    assert code == 0, output
    with transaction(db_url) as session:
        meeting = session.scalars(select(Meeting)).one()
        assert meeting.status is MeetingStatus.HELD
        assert {e.source.key for e in meeting.evidence if e.source} == {"announced.txt", "held.txt"}


def test_reject_and_accept_above(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "held.txt").write_text(HELD)
    run(db_url, "ingest", str(tmp_path / "held.txt"), "--published", "2019-03-13")
    pending = candidates(db_url, "meeting") + candidates(db_url, "statement")
    first = str(pending[0]["id"])
    assert run(db_url, "review", "--reject", first)[0] == 0
    assert run(db_url, "review", "--reject", first)[0] == 1  # already rejected
    code, output = run(db_url, "review", "--accept-above", "0.0")
    assert code == 0 and "Accepted" in output


def test_edit_changes_a_field_before_acceptance(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "held.txt").write_text(HELD)
    run(db_url, "ingest", str(tmp_path / "held.txt"), "--published", "2019-03-13")
    meeting = candidates(db_url, "meeting")[0]
    run(db_url, "review", "--edit", str(meeting["id"]), "--set", "city=Naples")
    assert candidates(db_url, "meeting")[0]["fields"]["city"] == "Naples"  # type: ignore[index]


def test_an_accepted_meeting_records_its_host(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "hosted.txt").write_text(
        "Ministers Meet\n\nOn Tuesday, Secretary of State Mike Pompeo hosted a meeting of "
        "coalition foreign ministers in Washington.\n"
    )
    run(db_url, "ingest", str(tmp_path / "hosted.txt"), "--published", "2019-03-13")
    meeting = candidates(db_url, "meeting")[0]
    assert run(db_url, "review", "--accept", str(meeting["id"]))[0] == 0
    with transaction(db_url) as session:
        stored = session.scalars(select(Meeting)).one()
        assert [(p.actor.key, p.role.value) for p in stored.participants] == [
            ("mike-pompeo", "host")
        ]


def test_review_refuses_unknown_coalition_and_malformed_edits(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "held.txt").write_text(HELD)
    run(db_url, "ingest", str(tmp_path / "held.txt"), "--published", "2019-03-13")
    meeting = str(candidates(db_url, "meeting")[0]["id"])
    code, output = run(db_url, "review", "--accept", meeting, "--coalition", "no-such")
    assert code == 1 and "unknown coalition" in output
    assert run(db_url, "review", "--edit", meeting, "--set", "city")[0] == 2
    assert run(db_url, "review", "--status", "bogus")[0] == 2
    run(db_url, "review", "--edit", meeting, "--set", "start=3 March")
    code, output = run(db_url, "review", "--accept", meeting)
    assert code == 1 and "cannot be accepted" in output


def test_meetings_announced_without_a_day_stay_apart(db_url: str, tmp_path: Path) -> None:
    """Two reports each announce a meeting with no day: accepted, they are two undated meetings,
    not one (having no day in common says nothing about being the same meeting)."""
    for name, city in (("geneva.txt", "Geneva"), ("oslo.txt", "Oslo")):
        (tmp_path / name).write_text(
            f"Envoys Meet\n\nEnvoys met in {city} on Tuesday. The contact group will meet again "
            "in March.\n"
        )
        run(db_url, "ingest", str(tmp_path / name), "--published", "2019-03-13")
    undated = [c for c in candidates(db_url, "meeting") if c["fields"]["start"] is None]  # type: ignore[index]
    assert len(undated) == 2
    code, output = run(db_url, "review", *[x for c in undated for x in ("--accept", str(c["id"]))])
    assert code == 0, output
    with transaction(db_url) as session:
        stored = session.scalars(select(Meeting)).all()
        assert [(m.start_date, m.status) for m in stored] == [(None, MeetingStatus.ANNOUNCED)] * 2
        assert all(m.title.endswith("undated") for m in stored)
