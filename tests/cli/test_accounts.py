"""`coalition user` and `coalition audit` on a real database, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text
from typer.testing import CliRunner

from coalition.cli import app
from coalition.storage.database import make_engine

PASSWORD = "a long enough passphrase"


def run(url: str, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), input=stdin, env={"COALITION_DATABASE_URL": url})
    return result.exit_code, result.output


def add(url: str, name: str, *options: str, password: str = PASSWORD) -> tuple[int, str]:
    return run(url, "user", "add", name, *options, "--password-stdin", stdin=password + "\n")


def test_the_first_user_must_be_a_secretariat_admin_then_others_follow(db_url: str) -> None:
    code, output = add(db_url, "officer", "--role", "partner_officer", "--partner", "USA")
    assert code == 1 and "first user must be a secretariat admin" in output
    code, output = add(db_url, "root", "--role", "secretariat_admin")
    assert code == 0 and "the first admin" in output
    code, output = add(db_url, "officer", "--role", "partner_officer", "--partner", "USA")
    assert code == 0 and "for USA" in output
    code, output = run(db_url, "user", "list", "--json")
    listed = {row["username"]: row for row in json.loads(output)}
    assert listed["root"]["partner"] == "secretariat"
    assert listed["officer"] == {
        "username": "officer",
        "name": "officer",
        "role": "partner_officer",
        "partner": "USA",
        "clearance": "UNCLASSIFIED",
        "caveats": [],
        "disabled": False,
    }


def test_bad_users_are_refused_with_a_reason_and_nothing_is_stored(db_url: str) -> None:
    assert add(db_url, "root", "--role", "secretariat_admin")[0] == 0
    refusals = {
        "short password": add(db_url, "a", "--role", "analyst", "--partner", "USA", password="x"),
        "taken": add(db_url, "root", "--role", "analyst", "--partner", "USA"),
        "no partner": add(db_url, "b", "--role", "analyst"),
        "unknown partner": add(db_url, "c", "--role", "analyst", "--partner", "ATLANTIS"),
        "script name": add(db_url, "<script>", "--role", "analyst", "--partner", "USA"),
        "clearance": add(db_url, "d", "--role", "analyst", "--partner", "USA", "--clearance", "X"),
        "caveat": add(db_url, "e", "--role", "analyst", "--partner", "USA", "--caveat", "NOPE"),
    }
    for why, (code, output) in refusals.items():
        assert code == 1, why
        assert output.startswith("error:") or "error:" in output, why
    code, output = run(db_url, "user", "list", "--json")
    assert [row["username"] for row in json.loads(output)] == ["root"]
    code, output = run(db_url, "user", "add", "f", "--role", "emperor", "--password-stdin")
    assert code == 2


def test_disable_and_enable_are_audited_and_the_chain_verifies(db_url: str) -> None:
    add(db_url, "root", "--role", "secretariat_admin")
    add(db_url, "analyst", "--role", "analyst", "--partner", "GBR", "--clearance", "RESTRICTED")
    assert run(db_url, "user", "disable", "analyst")[0] == 0
    assert json.loads(run(db_url, "user", "list", "--json")[1])[0]["disabled"] is True
    assert run(db_url, "user", "enable", "analyst")[0] == 0
    assert run(db_url, "user", "disable", "nobody")[0] == 1
    code, output = run(db_url, "audit", "verify")
    assert code == 0 and "4 events" in output
    engine = make_engine(db_url)
    with engine.connect() as connection:
        actions = connection.execute(text("SELECT action FROM audit_events ORDER BY seq")).all()
    engine.dispose()
    assert [a for (a,) in actions] == ["user.add", "user.add", "user.disable", "user.enable"]


def test_audit_verify_names_a_changed_event_and_a_cut_tail(db_url: str) -> None:
    add(db_url, "root", "--role", "secretariat_admin")
    for name in ("a", "b", "c"):
        add(db_url, name, "--role", "analyst", "--partner", "USA")
    head = run(db_url, "audit", "verify")[1].split("head ")[1].strip(" .\n")
    engine = make_engine(db_url)
    sqlite = engine.dialect.name == "sqlite"
    with engine.begin() as connection:
        # Someone with direct access to the database gets past the append-only trigger.
        if sqlite:
            connection.execute(text("DROP TRIGGER audit_events_no_update"))
            connection.execute(text("DROP TRIGGER audit_events_no_delete"))
        else:
            connection.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        connection.execute(text("UPDATE audit_events SET actor = 'someone' WHERE seq = 3"))
    code, output = run(db_url, "audit", "verify")
    assert code == 1 and "event 3" in output and "changed" in output
    with engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET actor = 'cli:' || actor WHERE seq = 3"))
        connection.execute(text("DELETE FROM audit_events WHERE seq >= 3"))
    engine.dispose()
    code, output = run(db_url, "audit", "verify")
    assert code == 0
    code, output = run(db_url, "audit", "verify", "--head", head)
    assert code == 1 and "cut" in output


def test_the_audit_log_refuses_updates_and_deletes(db_url: str) -> None:
    add(db_url, "root", "--role", "secretariat_admin")
    engine = make_engine(db_url)
    for statement in ("UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events"):
        with engine.begin() as connection:
            try:
                connection.execute(text(statement))
            except Exception as error:  # the driver's error type differs per engine
                assert "append-only" in str(error)
            else:
                raise AssertionError(f"{statement} was allowed")
    engine.dispose()


def test_record_changes_from_the_command_line_are_audited(db_url: str, tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    record.write_text(
        "format: coalition-record\nversion: 1\ncoalitions:\n- key: test-coalition\n"
        "  evidence:\n  - {entered_by: tests, entered_at: 2026-11-21T00:00:00Z}\n",
        encoding="utf-8",
    )
    code, output = run(db_url, "import", str(record))
    assert code == 0, output
    engine = make_engine(db_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT actor, action, subject FROM audit_events ORDER BY seq")
        ).all()
    engine.dispose()
    assert [(a.startswith("cli:"), action, subject) for a, action, subject in rows] == [
        (True, "record.import", "file:record.yaml")
    ]
    assert run(db_url, "audit", "verify")[0] == 0
