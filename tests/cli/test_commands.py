"""The command line on the demo database, on SQLite and PostgreSQL: tables for people, JSON for
scripts, one-line errors with exit code 1, usage errors with exit code 2."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from coalition.cli import app
from coalition.demo.build import default_demo_path, find_seeds, load_demo
from tests.conftest import BACKENDS, fresh_database

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(scope="module", params=BACKENDS)
def demo_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """One demo database per backend for this module: these tests only read it."""
    for url in fresh_database(request.param, request, tmp_path_factory.mktemp("demo")):
        load_demo(url, find_seeds(None))
        yield url


def run(url: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COALITION_DATABASE_URL": url})
    return result.exit_code, result.output


def run_json(url: str, *args: str) -> Any:
    code, output = run(url, *args, "--json")
    assert code == 0, output
    return json.loads(output)


def test_members_on_the_2019_ministerial_report_79_with_its_source(demo_url: str) -> None:
    data = run_json(demo_url, "members", "--at", "2019-02-06")
    sizes = data["reported_sizes"]
    assert [s["count"] for s in sizes] == [79]
    cited = [e for e in sizes[0]["sources"] if "source" in e]
    assert cited and cited[0]["source"] == "004_a1c3290b09a2d329.txt"
    assert data["named_count"] == len(data["named_members"]) > 0
    assert sizes[0]["unaccounted"] == 79 - data["named_count"]
    assert {"USA", "GBR", "FRA"} <= {m["key"] for m in data["named_members"]}
    assert {"RUS", "IRN", "SYR"}.isdisjoint(m["key"] for m in data["named_members"])


def test_members_table_says_how_many_are_unaccounted_for(demo_url: str) -> None:
    code, output = run(demo_url, "members", "--at", "2019-02-06")
    assert code == 0
    assert re.search(r"Reported size: 79 members .*004_a1c3290b09a2d329\.txt", output)
    assert re.search(r"unaccounted for: \d+", output)


def test_members_earlier_shows_the_size_reported_then(demo_url: str) -> None:
    data = run_json(demo_url, "members", "--at", "2017-03-22")
    assert [s["count"] for s in data["reported_sizes"]] == [68]


def test_meetings_between_dates_are_in_order_and_in_range(demo_url: str) -> None:
    rows = run_json(demo_url, "meetings", "--from", "2016-01-01", "--to", "2016-12-31")
    starts = [r["start"] for r in rows]
    assert starts == sorted(starts)
    assert starts and all("2016-01-01" <= s <= "2016-12-31" for s in starts)
    assert any(r["parent"] for r in rows), "the July 2016 tracks belong to a parent meeting"


@pytest.mark.parametrize("by", ["donor", "line", "meeting"])
def test_pledge_totals_are_per_currency(demo_url: str, by: str) -> None:
    data = run_json(demo_url, "pledges", "--by", by)
    assert data["by"] == by
    assert data["totals"] and all(t["currency"] == "USD" for t in data["totals"])


def test_pledges_list_the_money_raised_and_the_target(demo_url: str) -> None:
    data = run_json(demo_url, "pledges")
    assert [p["amount"] for p in data["pledges"]] == ["2100000000"]
    assert data["pledges"][0]["qualifier"] == "more than"
    assert [t["amount"] for t in data["targets"]] == ["1500000000"]


def test_statements_by_speaker_name(demo_url: str) -> None:
    rows = run_json(demo_url, "statements", "--speaker", "Carter")
    assert rows and {r["speaker"] for r in rows} == {"ash-carter"}
    assert all(r["sources"] for r in rows)


def test_statements_of_anonymous_officials_are_found_by_description(demo_url: str) -> None:
    rows = run_json(demo_url, "statements", "--speaker", "official")
    assert rows and all(r["speaker"] is None for r in rows)


def test_figures_and_sources(demo_url: str) -> None:
    figures = run_json(demo_url, "figures", "--subject", "troops")
    assert {f["value"] for f in figures} >= {"5000", "2000"}
    sources = run_json(demo_url, "sources")
    assert len(sources) == 5 and all(s["evidence"] > 0 for s in sources)


def test_show_prints_a_record_with_all_its_evidence(demo_url: str) -> None:
    rows = run_json(demo_url, "meetings")
    paris = next(r for r in rows if r["start"] == "2015-06-02")
    shown = run_json(demo_url, "show", str(paris["id"]))
    assert shown["kind"] == "meeting" and shown["evidence"]
    code, output = run(demo_url, "show", paris["key"])
    assert code == 0 and "Evidence" in output and "003_78fc6b9a99d8f720.txt" in output


def test_unknown_record_is_one_line_and_exit_1(demo_url: str) -> None:
    code, output = run(demo_url, "show", "no-such-record")
    assert (code, output.strip()) == (1, "error: no record with id or key 'no-such-record'")


def test_a_bad_date_is_a_usage_error(demo_url: str) -> None:
    code, output = run(demo_url, "members", "--at", "6 Feb")
    assert code == 2 and "not a date" in output


def test_a_missing_database_file_is_reported_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nothing.sqlite3"
    result = CliRunner().invoke(app, ["meetings", "--db", str(path)])
    assert result.exit_code == 1 and "no coalition database" in result.output
    assert not path.exists()


def test_the_demo_command_builds_and_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    first = CliRunner().invoke(app, ["demo", "--db", str(path), "--no-serve"])
    assert first.exit_code == 0, first.output
    assert "reported size 79" in first.output
    again = CliRunner().invoke(app, ["demo", "--db", str(path), "--no-serve"])
    assert again.exit_code == 1 and "--replace" in again.output
    replaced = CliRunner().invoke(app, ["demo", "--db", str(path), "--no-serve", "--replace"])
    assert replaced.exit_code == 0


def test_the_demo_database_lives_in_the_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COALITION_DATA_DIR", str(tmp_path / "data"))
    assert default_demo_path() == tmp_path / "data" / "demo.sqlite3"


def test_every_command_in_the_readme_exists() -> None:
    names = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(), flags=re.DOTALL)
    used = set(re.findall(r"^coalition ([a-z]+)", "".join(blocks), flags=re.MULTILINE))
    assert used and used <= names, used - names
    for name in sorted(used):
        result = CliRunner().invoke(app, [name, "--help"])
        assert result.exit_code == 0, name


@pytest.mark.postgres
def test_a_locked_database_is_one_line_not_a_traceback(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    from sqlalchemy import create_engine, text

    for url in fresh_database("postgresql", request, tmp_path):
        holder = create_engine(url)
        with holder.connect() as connection:
            # Another client holds the records table; our command gives up after 300 ms.
            connection.execute(text("LOCK TABLE records IN ACCESS EXCLUSIVE MODE"))
            result = CliRunner().invoke(
                app,
                ["actors", "--kind", "organisation"],
                env={"COALITION_DATABASE_URL": url, "PGOPTIONS": "-c lock_timeout=300"},
            )
            connection.rollback()
        holder.dispose()
    assert result.exit_code == 1, result.output
    assert "the database could not be used" in result.output
    assert "lock timeout" in result.output
    assert "Traceback" not in result.output


def test_earlier_sizes_with_a_qualifier_print(capsys: pytest.CaptureFixture[str]) -> None:
    from coalition.cli.queries import _print_membership

    size = {"count": 60, "qualifier": "more than", "counts": None, "as_of": "2015-01-01"}
    data = {
        "coalition": {"name": "Test"},
        "date": "2016-01-01",
        "reported_sizes": [],
        "earlier_reported_sizes": [size],
        "named_count": 0,
        "named_members": [],
        "observers": [],
    }
    _print_membership(data)  # raised AttributeError when the qualifier was a plain string
    assert "Earlier: more than 60 members as of 2015-01-01" in capsys.readouterr().out
