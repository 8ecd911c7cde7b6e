"""The web interface over the demo database (the demo record, the seed texts when they exist, and
the demo corpus ingested), on SQLite and on PostgreSQL, through FastAPI's in-process client.

Read-only tests share one demo database per backend; tests that change the record take a copy.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import text

from coalition.demo.build import ingest_corpus, load_demo
from coalition.storage.database import open_database, sqlite_url
from coalition.web.app import create_app
from tests.conftest import BACKENDS, SEEDS, _numbers, _pg_admin, _pg_database_url, pg_database


def _fill(url: str) -> None:
    open_database(url, create=True).dispose()
    load_demo(url, SEEDS if SEEDS.is_dir() else None)
    ingest_corpus(url)


@pytest.fixture(scope="session")
def demo_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "demo.sqlite3"
    _fill(sqlite_url(path))
    return path


@pytest.fixture(scope="session")
def demo_pg() -> Iterator[str]:
    """The name of a PostgreSQL database holding the demo, used as a template for copies."""
    name = f"coalition_webdemo_{next(_numbers)}_{id(object())}"
    admin = _pg_admin()
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    _fill(_pg_database_url(name))
    yield name
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def demo_url(request: pytest.FixtureRequest) -> str:
    """The shared demo database: read it, never change it."""
    if request.param == "sqlite":
        return sqlite_url(request.getfixturevalue("demo_sqlite"))
    return _pg_database_url(request.getfixturevalue("demo_pg"))


@pytest.fixture(scope="session")
def client(demo_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(demo_url), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def fresh_demo_url(demo_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A copy of the demo database of this test's own, on the same backend."""
    if demo_url.startswith("sqlite"):
        path = tmp_path / "demo.sqlite3"
        shutil.copyfile(demo_url.removeprefix("sqlite:///"), path)
        yield sqlite_url(path)
        return
    yield from pg_database(template=request.getfixturevalue("demo_pg"))


@pytest.fixture
def idle_demo(client: TestClient) -> None:
    """Closes the shared client's idle connections: PostgreSQL copies the demo database (for
    `fresh_client`) only while nobody is connected to it. The pool reconnects when next used.
    Take it before `fresh_client` in a test's arguments."""
    client.app.state.engine.dispose()  # type: ignore[attr-defined]


@pytest.fixture
def fresh_client(fresh_demo_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(fresh_demo_url), raise_server_exceptions=False) as test_client:
        yield test_client


def page(client: TestClient, url: str, status: int = 200) -> BeautifulSoup:
    """GET an HTML page, check its status and that it is a whole page, and parse it."""
    response = client.get(url)
    assert response.status_code == status, f"{url}: {response.status_code} {response.text[:300]}"
    assert response.headers["content-type"].startswith("text/html")
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.find("main") is not None, f"{url} has no <main>"
    return soup


def api(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, f"{url}: {response.status_code} {response.text[:300]}"
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def table_rows(soup: BeautifulSoup, caption: str | None = None) -> list[list[str]]:
    """The body rows of a table (the first, or the one whose caption starts with `caption`)."""
    tables = soup.find_all("table")
    if caption is not None:
        tables = [t for t in tables if t.caption and t.caption.get_text().startswith(caption)]
    assert tables, f"no table with caption {caption!r}"
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])]
        for row in tables[0].find("tbody").find_all("tr")
    ]
