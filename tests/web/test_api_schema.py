"""Schemathesis against our OpenAPI schema, on SQLite and PostgreSQL: whatever the generated
request (valid, odd or hostile, signed in as a secretariat admin), no answer is a 5xx.

The app runs in-process over a copy of the demo database that the generated writes may change.
Each operation gets a bounded number of examples to keep the suite near its time budget.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from coalition.storage.database import sqlite_url
from coalition.web.app import create_app
from tests.conftest import BACKENDS, pg_database
from tests.web.signing import token_for

EXAMPLES_PER_OPERATION = 12


@pytest.fixture(scope="module", params=BACKENDS)
def schema_app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Any, str]]:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("schema") / "demo.sqlite3"
        shutil.copyfile(Path(request.getfixturevalue("demo_sqlite")), path)
        urls: Iterator[str] = iter([sqlite_url(path)])
    else:
        urls = pg_database(template=request.getfixturevalue("demo_pg"))
    for url in urls:
        app = create_app(url)
        yield app, token_for(url, "schema-admin")
        app.state.engine.dispose()


def test_no_request_gets_a_server_error(schema_app: tuple[Any, str]) -> None:
    app, token = schema_app
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    headers = {"Authorization": f"Bearer {token}"}
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20  # the whole API, not a schema that failed to load

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: Any) -> None:
            response = case.call(headers=headers)
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} {case.query or ''} -> "
                    f"{response.status_code}: {response.text[:200]}"
                )

        call()
    assert failures == []
