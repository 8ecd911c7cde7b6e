"""Bad record files: one clear line naming file, line and field, exit code 1, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coalition.cli import app
from coalition.interchange.exporter import export_document
from coalition.storage.database import transaction

GOOD = """\
format: coalition-record
version: 1
sources:
  - key: report.txt
    text: "The 79-member coalition met in Washington."
coalitions:
  - key: gc
    evidence: [{entered_by: tester, entered_at: 2026-01-01T00:00:00Z}]
reported_sizes:
  - coalition: gc
    count: 79
    as_of: 2019-02-06
    evidence: [{source: report.txt, start: 4, end: 13}]
memberships:
  - coalition: gc
    actor: USA
    joined: 2014-09-10
    evidence: [{entered_by: tester, entered_at: 2026-01-01T00:00:00Z}]
pledges:
  - key: p1
    amount: 100
    currency: USD
    evidence: [{entered_by: tester, entered_at: 2026-01-01T00:00:00Z}]
"""

# (what is wrong, the change to the good file, the line it must name, words the message must hold).
# Lines of GOOD: 10 is the reported size, 13 its evidence, 15-18 the membership, 20-23 the pledge.
BROKEN = [
    ("malformed YAML", ("    count: 79\n", "    count: [79\n"), 12, "malformed YAML"),
    (
        "unknown country",
        ("actor: USA", "actor: XYZ"),
        16,
        "memberships[0].actor: unknown actor 'XYZ'",
    ),
    ("unknown currency", ("currency: USD", "currency: ZZZ"), 22, "pledges[0].currency"),
    ("date that does not parse", ("joined: 2014-09-10", "joined: 2014-13-45"), 17, "not a date"),
    (
        "left before joined",
        ("joined: 2014-09-10", "joined: 2014-09-10\n    left: 2014-01-01"),
        15,
        "`left` (2014-01-01) is before `joined`",
    ),
    ("negative amount", ("amount: 100", "amount: -100"), 21, "pledges[0].amount"),
    ("unknown field", ("count: 79", "count: 79\n    cuont: 80"), 12, "unknown field"),
    ("span outside the source", ("start: 4, end: 13", "start: 4, end: 900"), 13, "outside"),
    (
        "missing evidence",
        ("    evidence: [{source: report.txt, start: 4, end: 13}]\n", ""),
        10,
        "reported_sizes[0].evidence",
    ),
    (
        "unknown source",
        ("source: report.txt, start", "source: nowhere.txt, start"),
        13,
        "unknown source 'nowhere.txt'",
    ),
]


def run(*args: str, db_url: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COALITION_DATABASE_URL": db_url})
    return result.exit_code, result.output


def snapshot(db_url: str) -> str:
    with transaction(db_url) as session:
        return json.dumps(export_document(session), sort_keys=True)


@pytest.mark.parametrize(("problem", "change", "line", "words"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_file_is_reported_with_its_line_and_writes_nothing(
    db_url: str, tmp_path: Path, problem: str, change: tuple[str, str], line: int, words: str
) -> None:
    assert change[0] in GOOD, "the test's change must apply to the good file"
    path = tmp_path / "record.yaml"
    path.write_text(GOOD.replace(change[0], change[1]))
    before = snapshot(db_url)
    code, output = run("import", str(path), db_url=db_url)
    assert code == 1
    lines = output.strip().splitlines()
    assert len(lines) == 1, output
    assert lines[0].startswith(f"error: {path}:{line}:"), output
    assert words in lines[0]
    assert snapshot(db_url) == before


def test_the_good_file_imports(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text(GOOD)
    code, output = run("import", str(path), db_url=db_url)
    assert code == 0, output
    assert "1 reported sizes" in output


def test_importing_the_same_file_twice_is_refused_and_changes_nothing(
    db_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "record.yaml"
    path.write_text(GOOD)
    assert run("import", str(path), db_url=db_url)[0] == 0
    before = snapshot(db_url)
    code, output = run("import", str(path), db_url=db_url)
    assert code == 1
    assert "already in the database" in output
    assert snapshot(db_url) == before


def test_malformed_json_names_its_line(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "record.json"
    path.write_text('{\n  "format": "coalition-record",\n  "version": 1,\n  "sources": [,]\n}\n')
    code, output = run("import", str(path), db_url=db_url)
    assert code == 1
    assert output.startswith(f"error: {path}:4: malformed JSON")


def test_json_errors_name_the_line_of_the_field(db_url: str, tmp_path: Path) -> None:
    document = {
        "format": "coalition-record",
        "version": 1,
        "figures": [
            {
                "subject": "troops",
                "value": "many",
                "evidence": [{"entered_by": "t", "entered_at": "2026-01-01"}],
            }
        ],
    }
    path = tmp_path / "record.json"
    path.write_text(json.dumps(document, indent=2))
    code, output = run("import", str(path), db_url=db_url)
    assert code == 1
    expected_line = path.read_text().splitlines().index('      "value": "many",') + 1
    assert output.startswith(f"error: {path}:{expected_line}: figures[0].value:"), output


def test_a_file_from_a_newer_format_version_is_refused(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text(GOOD.replace("version: 1", "version: 7"))
    code, output = run("import", str(path), db_url=db_url)
    assert (code, "reads up to version 1" in output) == (1, True)


def test_a_missing_file_is_a_clear_error(db_url: str, tmp_path: Path) -> None:
    code, output = run("import", str(tmp_path / "absent.yaml"), db_url=db_url)
    assert code == 1
    assert "no such file" in output


def test_a_file_that_is_not_utf8_is_a_clear_error(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_bytes(GOOD.encode("utf-16"))
    code, output = run("import", str(path), db_url=db_url)
    assert code == 1
    assert "not UTF-8" in output


def test_a_repeated_section_is_an_error_not_a_silent_loss(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text(
        GOOD + "pledges:\n  - key: p2\n    amount: 5\n    currency: EUR\n"
        "    evidence: [{entered_by: tester, entered_at: 2026-01-01T00:00:00Z}]\n"
    )
    before = snapshot(db_url)
    code, output = run("import", str(path), db_url=db_url)
    assert code == 1 and "appears twice (first on line 19)" in output
    assert snapshot(db_url) == before
