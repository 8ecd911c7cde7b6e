"""SQLite's planner statistics are gathered after every large write, so that a full database is
queried through the right indexes (see `storage.database.gather_statistics`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from coalition.cli import app
from coalition.demo.build import demo_record
from coalition.storage.database import sqlite_url

REPORT = """Coalition Ministers Meet in Rome

ROME — Foreign ministers of the coalition met in Rome on Tuesday to review the campaign.
"""


def analysed_tables(path: Path) -> set[str]:
    """The tables SQLite holds statistics for (none at all when ANALYZE never ran)."""
    with sqlite3.connect(path) as connection:
        exists = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
        ).fetchone()
        if exists is None:
            return set()
        return {row[0] for row in connection.execute("SELECT tbl FROM sqlite_stat1")}


def run(path: Path, *args: str) -> None:
    result = CliRunner().invoke(app, list(args), env={"COALITION_DATABASE_URL": sqlite_url(path)})
    assert result.exit_code == 0, result.output


def test_a_new_database_has_no_statistics_and_an_import_gathers_them(tmp_path: Path) -> None:
    path = tmp_path / "record.sqlite3"
    run(path, "init")
    assert analysed_tables(path) == set()
    run(path, "import", str(demo_record()))
    assert {"pledges", "funding_transactions", "meetings", "records"} <= analysed_tables(path)


def test_an_ingest_gathers_statistics(tmp_path: Path) -> None:
    path = tmp_path / "record.sqlite3"
    report = tmp_path / "rome.txt"
    report.write_text(REPORT, encoding="utf-8")
    run(path, "ingest", str(report))
    assert {"sources", "candidates"} <= analysed_tables(path)


def test_reindex_gathers_statistics(tmp_path: Path) -> None:
    path = tmp_path / "record.sqlite3"
    run(path, "init")
    run(path, "reindex")
    assert "search_entries" in analysed_tables(path)
