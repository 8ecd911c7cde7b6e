"""The case-blind "contains" filter, on both databases: SQLite uses its own case-blind LIKE,
PostgreSQL ILIKE; what they find must be the same as what the old `lower() LIKE lower()` found."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from coalition.storage.database import make_engine, sqlite_url
from coalition.storage.matching import contains, like_literal

CASES = [
    ("Demining in Iraq", "demining", True),
    ("DEMINING", "Demining", True),
    ("Demining", "mining", True),
    ("Demining", "de-mining", False),
    ("a_c", "a_c", True),
    ("abc", "a_c", False),  # "_" typed is a character, not LIKE's any-one
    ("50 %", "50 %", True),
    ("500", "5%0", False),  # "%" typed is a character, not LIKE's any-run
    ("C:\\path", "c:\\PATH", True),
    ("", "x", False),
]


@pytest.mark.parametrize(("value", "typed", "expected"), CASES)
def test_contains_is_case_blind_and_takes_wildcards_literally(
    engine: Engine, value: str, typed: str, expected: bool
) -> None:
    with engine.connect() as connection:
        found = connection.execute(select(contains(literal(value), typed))).scalar()
    assert bool(found) is expected


def test_sqlite_like_agrees_with_lowered_like_on_every_letter(tmp_path: Path) -> None:
    """SQLite's LIKE folds the same letters as its lower() (ASCII only); PostgreSQL's ILIKE folds
    more, which is the database's own rule and what it always did."""
    engine = make_engine(sqlite_url(tmp_path / "letters.sqlite3"))
    letters = [chr(c) for c in range(32, 0x250) if chr(c).isprintable()]
    with engine.connect() as connection:
        for letter in letters:
            for other in (letter.lower(), letter.upper()):
                pattern = f"%{like_literal(other)}%"
                old = select(literal(letter).ilike(pattern, escape="\\"))
                assert connection.execute(select(contains(literal(letter), other))).scalar() == (
                    connection.execute(old).scalar()
                ), (letter, other)


def test_contains_renders_plain_like_on_sqlite_and_ilike_on_postgresql() -> None:
    statement = select(contains(literal("x"), "y"))
    on_sqlite = str(statement.compile(dialect=sqlite.dialect()))
    on_postgresql = str(statement.compile(dialect=postgresql.dialect()))  # type: ignore[no-untyped-call]
    assert "LIKE" in on_sqlite and "lower(" not in on_sqlite
    assert "ILIKE" in on_postgresql
