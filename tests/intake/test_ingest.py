"""`coalition ingest` on real files: formats, bad input, duplicates, workers, interruption."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from coalition.cli import app
from coalition.intake.models import Candidate
from coalition.provenance.models import Source
from coalition.storage.database import transaction

REPORT = """Ministers Meet in Rome to Plan the Next Phase

ROME — Foreign ministers of the coalition met in Rome on Tuesday.

“We have taken back most of the territory, but the work is not finished,” Secretary of State
Mike Pompeo said after the talks.

More than 1,000 airstrikes were carried out last month, officials said.

Share this article
Leave a Reply
"""

PAGE = """<html><head><title>Ministers meet in Paris</title>
<meta property="article:published_time" content="2018-02-13"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Ministers meet in Paris</h1>
<p>Defence ministers gathered in Paris on Tuesday for a meeting of the coalition.</p>
<p>“We remain united and determined to finish the job,” French Defence Minister Florence Parly
said at the end of the meeting, where ministers reviewed more than 300 airstrikes.</p></article>
<footer>Copyright 2018 Example News. Subscribe to our newsletter.</footer></body></html>
"""


def run(url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COALITION_DATABASE_URL": url})
    return result.exit_code, result.output


def write_inputs(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    (folder / "rome.txt").write_text(REPORT, encoding="utf-8")
    (folder / "paris.html").write_text(PAGE, encoding="utf-8")
    (folder / "latin.txt").write_bytes(
        REPORT.replace("Rome", "Madrid").replace("’", "'").encode("cp1252")
    )
    items = [
        {"text": REPORT.replace("Rome", "Ottawa"), "title": "Ottawa", "published": "2019-04-02"},
        {"text": REPORT.replace("Rome", "Oslo"), "title": "Oslo"},
    ]
    (folder / "items.jsonl").write_text(
        "\n".join([json.dumps(items[0]), "{broken json", json.dumps(items[1])]) + "\n"
    )
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)


def test_a_mixed_batch_reports_each_failure_and_ingests_the_rest(
    db_url: str, tmp_path: Path
) -> None:
    write_inputs(tmp_path / "in")
    code, output = run(db_url, "ingest", str(tmp_path / "in"), "--published", "2019-04-02")
    assert code == 0, output
    assert "Ingested 5 document(s)" in output
    assert "failed: " in output and "empty file" in output
    assert "binary" in output and "invalid JSON" in output
    with transaction(db_url) as session:
        keys = set(session.scalars(select(Source.key)))
        assert {"rome.txt", "paris.html", "latin.txt", "items.jsonl#1", "items.jsonl#3"} <= keys
        latin = session.scalar(select(Source).where(Source.key == "latin.txt"))
        assert latin is not None and latin.encoding != "utf-8" and "Madrid" in (latin.text or "")
        assert session.scalar(select(func.count()).select_from(Candidate)) > 5


def test_reingesting_is_a_no_op_that_says_so(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "rome.txt").write_text(REPORT)
    assert run(db_url, "ingest", str(tmp_path / "rome.txt"))[0] == 0
    code, output = run(db_url, "ingest", str(tmp_path / "rome.txt"))
    assert code == 1
    assert "same content already ingested" in output and "Ingested 0" in output


def test_the_same_story_from_another_outlet_is_linked(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT)
    (tmp_path / "b.txt").write_text(
        REPORT.replace("Share this article", "Follow us").replace(
            "after the talks", "after the meeting"
        )
    )
    code, output = run(db_url, "ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert code == 0 and "near-duplicate: b.txt" in output
    with transaction(db_url) as session:
        copy = session.scalar(select(Source).where(Source.key == "b.txt"))
        assert copy is not None and copy.duplicate_of_id is not None


def test_spans_point_into_the_stored_clean_text(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "rome.txt").write_text(REPORT)
    run(db_url, "ingest", str(tmp_path / "rome.txt"), "--published", "2019-04-02")
    with transaction(db_url) as session:
        source = session.scalar(select(Source))
        assert source is not None and source.text is not None
        assert "Leave a Reply" not in source.text
        for candidate in session.scalars(select(Candidate)):
            for span in candidate.spans:
                assert source.text[span["start"] : span["end"]] == span["text"]


def test_usage_errors_exit_2(db_url: str, tmp_path: Path) -> None:
    assert run(db_url, "ingest", str(tmp_path), "--published", "yesterday")[0] == 2
    assert run(db_url, "ingest", str(tmp_path), "-j", "0")[0] == 2


def test_nothing_to_ingest_exits_1(db_url: str, tmp_path: Path) -> None:
    code, output = run(db_url, "ingest", str(tmp_path / "missing.txt"))
    assert code == 1 and "no such file" in output


def test_a_file_over_20_mb_is_refused(db_url: str, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    (tmp_path / "rome.txt").write_text(REPORT)
    code, output = run(db_url, "ingest", str(big), str(tmp_path / "rome.txt"))
    assert code == 0 and "over the 20 MB limit" in output


def test_two_workers_give_the_same_result(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(12):
        (folder / f"r{number}.txt").write_text(REPORT.replace("1,000", f"{1000 + number:,}"))
    code, output = run(db_url, "ingest", str(folder), "-j", "2")
    assert code == 0 and "Ingested 12 document(s)" in output


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals")
def test_an_interrupted_ingest_is_consistent_and_can_be_finished(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(300):
        (folder / f"r{number:03}.txt").write_text(REPORT + f"\nItem {number} of the series.\n")
    db = tmp_path / "db.sqlite3"
    command = [sys.executable, "-m", "coalition", "ingest", str(folder), "--db", str(db)]
    subprocess.run(
        [sys.executable, "-m", "coalition", "init", "--db", str(db)],
        check=True,
        capture_output=True,
    )
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Killed as soon as the first batch is committed: polled often, so that even a fast machine
    # cannot finish the other batches in between.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _sources(db) == 0:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored = _sources(db)
    assert 0 < stored < 300, "the kill should land midway"
    with transaction(f"sqlite:///{db}") as session:  # every stored source has its candidates
        empty = session.scalars(
            select(Source.key).where(~Source.id.in_(select(Candidate.source_id)))
        ).all()
        assert empty == []
    finished = subprocess.run(command, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert _sources(db) == 300
    assert f"{stored} already stored" in finished.stdout


def _sources(db: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM sources").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_short_texts_are_not_near_duplicates_of_each_other(db_url: str, tmp_path: Path) -> None:
    for name, words in (
        ("a.txt", "Hello there."),
        ("b.txt", "Quite different."),
        ("c.txt", "Something else."),
    ):
        (tmp_path / name).write_text(words)
    code, output = run(db_url, "ingest", str(tmp_path))
    assert code == 0 and "near-duplicate" not in output
