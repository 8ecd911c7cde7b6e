"""Real databases for every test: an SQLite file, and PostgreSQL when COALITION_TEST_DATABASE_URL
names a server. Each test gets a fresh copy of a template database that already holds the schema
and the reference data, so building it (seconds) happens once per run, not once per test.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from coalition.storage.database import open_database, sqlite_url

PG_URL = os.environ.get("COALITION_TEST_DATABASE_URL") or None
REQUIRE_PG = os.environ.get("COALITION_REQUIRE_POSTGRES") == "1"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
BACKENDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]
_numbers = itertools.count()


def pytest_report_header() -> list[str]:
    pg = (
        f"PostgreSQL at {make_url(PG_URL).render_as_string()}"
        if PG_URL
        else (
            "PostgreSQL: not configured (set COALITION_TEST_DATABASE_URL); tests run on SQLite only"
        )
    )
    seeds = f"seed reports: {SEEDS}" if SEEDS.is_dir() else f"seed reports: NOT FOUND at {SEEDS}"
    return [pg, seeds]


def pytest_configure(config: pytest.Config) -> None:
    if REQUIRE_PG and not PG_URL:
        raise pytest.UsageError(
            "COALITION_REQUIRE_POSTGRES=1 but COALITION_TEST_DATABASE_URL is unset"
        )


def _pg_admin() -> Engine:
    assert PG_URL is not None
    return create_engine(PG_URL, isolation_level="AUTOCOMMIT")


def _pg_database_url(name: str) -> str:
    assert PG_URL is not None
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    open_database(sqlite_url(path), create=True).dispose()
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    if PG_URL is None:
        pytest.skip("PostgreSQL not configured")
    name = f"coalition_template_{os.getpid()}"
    admin = _pg_admin()
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    open_database(_pg_database_url(name), create=True).dispose()
    yield name
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def fresh_database(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to a database of its own, holding the schema and the reference data."""
    if backend == "sqlite":
        path = tmp_path / f"db{next(_numbers)}.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield sqlite_url(path)
        return
    yield from pg_database(template=request.getfixturevalue("pg_template"))


def pg_database(template: str | None = None) -> Iterator[str]:
    """A PostgreSQL database of its own (a copy of `template`, or empty), dropped afterwards."""
    name = f"coalition_test_{os.getpid()}_{next(_numbers)}"
    admin = _pg_admin()
    with admin.connect() as connection:
        copy = f" TEMPLATE {template}" if template else ""
        if template:
            # PostgreSQL copies only a database nobody is connected to. An app over the template
            # in the same test process may keep an idle connection in its pool; ending it is
            # harmless (the pool checks a connection before use and opens a new one).
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = :template AND state = 'idle' AND pid <> pg_backend_pid()"
                ),
                {"template": template},
            )
        connection.execute(text(f"CREATE DATABASE {name}{copy}"))
    yield _pg_database_url(name)
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with nothing in it at all (for migration tests)."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "empty.sqlite3")
        return
    yield from pg_database()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from fresh_database(request.param, request, tmp_path)


@pytest.fixture
def second_db_url(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Another empty database on the same backend as `db_url` (for round trips)."""
    backend = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    yield from fresh_database(backend, request, tmp_path)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = open_database(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the test's own database; whatever the test leaves uncommitted is dropped."""
    session = sessionmaker(engine, expire_on_commit=False)()
    yield session
    session.rollback()
    session.close()


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed reports not found at {SEEDS}: this test reads them and cannot run")
    return SEEDS
