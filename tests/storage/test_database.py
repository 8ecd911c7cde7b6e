"""Opening databases: ours are migrated, anything else is refused and left byte-for-byte alone."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url

from coalition.errors import DatabaseRefused, NotFound
from coalition.figures.models import Figure
from coalition.figures.queries import FigureFilters, figure_ids
from coalition.search.index import KIND_CODES, KINDS, fts_entry, fts_number
from coalition.storage import migrations
from coalition.storage.database import (
    SchemaState,
    make_engine,
    open_database,
    schema_state,
    session_scope,
    sqlite_url,
)
from coalition.storage.models import Base
from tests.conftest import PG_URL, pg_database


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_migrations_match_the_models(engine: Engine) -> None:
    """The migrated schema is exactly what the models declare, on both databases."""
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": migrations.include_name}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_a_migrated_database_is_current_and_marked_as_ours(engine: Engine) -> None:
    assert schema_state(engine) is SchemaState.CURRENT
    with engine.connect() as connection:
        assert "coalition_meta" in inspect(connection).get_table_names()
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == migrations.head()


def test_a_text_file_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("my notes, not a database\n")
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="not an SQLite database"):
        open_database(sqlite_url(path), create=True)
    assert digest(path) == before


def test_someone_elses_sqlite_database_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        connection.execute("INSERT INTO invoices (total) VALUES (12.5)")
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="not a coalition database"):
        open_database(sqlite_url(path), create=True)
    assert digest(path) == before


def test_a_database_from_a_newer_schema_is_refused_and_left_unchanged(
    sqlite_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "future.sqlite3"
    path.write_bytes(sqlite_template.read_bytes())
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="newer version of coalition"):
        open_database(sqlite_url(path))
    assert digest(path) == before


def test_a_database_without_a_schema_version_is_refused_and_left_unchanged(
    sqlite_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "unversioned.sqlite3"
    path.write_bytes(sqlite_template.read_bytes())
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM alembic_version")
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="no schema version"):
        open_database(sqlite_url(path))
    assert digest(path) == before


def test_queries_do_not_create_a_database_at_a_mistyped_path(tmp_path: Path) -> None:
    path = tmp_path / "typo.sqlite3"
    with pytest.raises(NotFound, match="no coalition database"):
        open_database(sqlite_url(path))
    assert not path.exists()


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseRefused, match="directory"):
        open_database(sqlite_url(tmp_path), create=True)


COUNTED = ("records", "evidence", "sources", "aliases")


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in COUNTED
        }


def test_upgrading_a_database_with_data_keeps_every_row(empty_db_url: str) -> None:
    """Build the first schema, fill it with plain SQL (the models are newer), migrate: no loss."""
    engine = make_engine(empty_db_url)
    migrations.upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO sources (id, key, text, created_at)"
                " VALUES (1, 'a.txt', 'About 5,000 troops.', '2026-01-01 00:00:00')"
            )
        )
        for number in range(1, 4):
            connection.execute(
                text(
                    "INSERT INTO records (id, kind, key, created_at) VALUES"
                    f" ({number}, 'figure', 'figure-{number}', '2026-01-01 00:00:00')"
                )
            )
            connection.execute(
                text(
                    f"INSERT INTO figures (id, subject, value) VALUES ({number}, 'troops', '5000')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO evidence (record_id, source_id, span_start, span_end, text)"
                    f" VALUES ({number}, 1, 6, 11, '5,000')"
                )
            )
    before = counts(engine)
    engine.dispose()
    engine = open_database(empty_db_url)
    try:
        assert schema_state(engine) is SchemaState.CURRENT
        assert counts(engine) == before == {"records": 3, "evidence": 3, "sources": 1, "aliases": 0}
        with session_scope(engine) as session:
            figure = session.get(Figure, 2)
            assert figure is not None and figure.evidence[0].source is not None
            assert figure.evidence[0].source.key == "a.txt"
    finally:
        engine.dispose()


def test_a_failed_upgrade_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    """An orphan row makes the upgrade's integrity check fail: the file must be restored."""
    path = tmp_path / "old.sqlite3"
    engine = make_engine(sqlite_url(path))
    migrations.upgrade(engine, "0001")
    engine.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO evidence (record_id, entered_by, entered_at)"
            " VALUES (999, 'x', '2026-01-01')"
        )
    before = digest(path)
    with pytest.raises(DatabaseRefused, match="restored as it was"):
        open_database(sqlite_url(path))
    assert digest(path) == before
    assert not path.with_name(path.name + ".before-upgrade").exists()


def test_upgrading_sqlite_search_numbers_each_entry_by_its_record(tmp_path: Path) -> None:
    """Migration 0010 renumbers the entries already in the FTS5 table by kind and record (and
    drops the narrow kinds table); going back to 0009 restores the table and the old numbers."""
    url = sqlite_url(tmp_path / "search.sqlite3")
    engine = make_engine(url)
    migrations.upgrade(engine, "0009")
    row = (
        "INSERT INTO search_entries (id, kind, ref_id, key, url, title, body)"
        " VALUES ({id}, '{kind}', {ref}, 'k-{id}', '/x/', 'Said {word}', 'Words')"
    )
    olds = [(1, "statement", 40, "demining"), (2, "source", 40, "demining"), (3, "actor", 7, "x")]
    with engine.begin() as connection:
        for ident, kind, ref, word in olds:
            connection.execute(text(row.format(id=ident, kind=kind, ref=ref, word=word)))
        connection.execute(text("INSERT INTO search_fts (search_fts) VALUES ('rebuild')"))
    match = text("SELECT rowid FROM search_fts WHERE search_fts MATCH 'demining' ORDER BY 1")
    tables = text("SELECT name FROM sqlite_master WHERE name = 'search_kinds'")
    migrations.upgrade(engine, "0010")
    with engine.connect() as connection:
        found = connection.execute(match).scalars().all()
        assert found == [fts_number("statement", 40), fts_number("source", 40)]
        assert [fts_entry(number) for number in found] == [("statement", 40), ("source", 40)]
        assert connection.execute(tables).first() is None
    cfg = migrations.config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0009")
    with engine.connect() as connection:
        assert connection.execute(match).scalars().all() == [1, 2]
        kinds = connection.execute(text("SELECT id, kind, ref_id FROM search_kinds ORDER BY 1"))
        assert kinds.all() == [(1, "statement", 40), (2, "source", 40), (3, "actor", 7)]
    engine.dispose()


def test_upgrading_sqlite_search_drops_entry_lengths_and_keeps_every_row(tmp_path: Path) -> None:
    """Migration 0013 rebuilds the FTS5 table without entry lengths, each row under the number
    it had, and bm25 no longer marks long entries down; going back to 0012 restores the lengths."""
    url = sqlite_url(tmp_path / "search.sqlite3")
    engine = make_engine(url)
    migrations.upgrade(engine, "0012")
    short, long = "Demining", "Demining " + "words " * 200 + "demining"
    with engine.begin() as connection:
        for ident, (kind, ref, body) in enumerate([("figure", 5, short), ("source", 9, long)]):
            connection.execute(
                text(
                    "INSERT INTO search_entries (id, kind, ref_id, key, url, title, body)"
                    " VALUES (:id, :kind, :ref, :key, '/x/', 'T', :body)"
                ),
                {"id": ident + 1, "kind": kind, "ref": ref, "key": f"k{ident}", "body": body},
            )
            connection.execute(
                text("INSERT INTO search_fts (rowid, title, body) VALUES (:n, 'T', :body)"),
                {"n": fts_number(kind, ref), "body": body},
            )
    ranked = text(
        "SELECT rowid FROM search_fts WHERE search_fts MATCH 'demining'"
        " ORDER BY bm25(search_fts, 4.0, 1.0)"
    )
    lengths = text("SELECT name FROM sqlite_master WHERE name = 'search_fts_docsize'")
    both = [fts_number("figure", 5), fts_number("source", 9)]
    with engine.connect() as connection:
        assert connection.execute(ranked).scalars().all() == both  # the short one first
    migrations.upgrade(engine, "0013")
    with engine.connect() as connection:
        assert connection.execute(lengths).first() is None
        # The word twice among two hundred other words: first now, length no longer counts.
        assert connection.execute(ranked).scalars().all() == both[::-1]
    cfg = migrations.config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0012")
    with engine.connect() as connection:
        assert connection.execute(lengths).first() is not None
        assert connection.execute(ranked).scalars().all() == both
    engine.dispose()


def test_search_kind_codes_are_those_migration_0010_stored() -> None:
    """The codes number stored rows: the code that writes them and the migration that first
    wrote them must agree, and every kind of entry must have one."""
    stored = migrations.config()
    for revision in ("0010", "0013"):  # 0013 renumbers the rows it rebuilds the same way
        script = ScriptDirectory.from_config(stored).get_revision(revision)
        assert script is not None
        assert script.module.CODES == KIND_CODES
    assert set(KIND_CODES) == set(KINDS)
    assert fts_entry(fts_number("source", 123)) == ("source", 123)


def test_postgresql_has_the_statements_index_in_the_lists_order(engine: Engine) -> None:
    """Migration 0011: on PostgreSQL an index in the statements list's own order (newest first,
    undated last); SQLite reads that order off its plain date index and gets none."""
    indexes = {index["name"]: index for index in inspect(engine).get_indexes("statements")}
    if engine.dialect.name != "postgresql":
        assert "ix_statements_said_on_newest" not in indexes
        return
    with engine.connect() as connection:
        definition = connection.execute(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_statements_said_on_newest'")
        ).scalar_one()
    assert "(said_on DESC NULLS LAST, id DESC)" in definition


def test_postgresql_finds_figures_by_words_of_their_subject_through_trigrams(
    engine: Engine,
) -> None:
    """Migration 0012: on PostgreSQL a trigram index answers `ILIKE '%words%'` on subjects, and
    the search by words reads it; SQLite gets none."""
    indexes = {index["name"] for index in inspect(engine).get_indexes("figures")}
    if engine.dialect.name != "postgresql":
        assert "ix_figures_subject_trigrams" not in indexes
        return
    plan_of_search = "EXPLAIN " + str(
        figure_ids(FigureFilters(words="airstrikes")).compile(
            engine, compile_kwargs={"literal_binds": True}
        )
    )
    with engine.connect() as connection:
        definition = connection.execute(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_figures_subject_trigrams'")
        ).scalar_one()
        # An empty table is cheaper to read whole: tell the planner not to, to see the index used.
        connection.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(connection.execute(text(plan_of_search)).scalars())
    assert "gin (subject gin_trgm_ops)" in definition
    assert "ix_figures_subject_trigrams" in plan


def test_postgresql_migrates_without_the_right_to_create_pg_trgm() -> None:
    """A database whose owner may not create extensions is still migrated whole: the trigram
    index is left out (searches stay correct, only slower), nothing else is."""
    if PG_URL is None:
        pytest.skip("PostgreSQL not configured")
    role = f"coalition_no_extensions_{os.getpid()}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP ROLE IF EXISTS {role}"))
        connection.execute(text(f"CREATE ROLE {role} LOGIN"))
    databases = pg_database()
    url = next(databases)
    try:
        # The role owns the schema it migrates into, not the database: PostgreSQL lets only
        # those who may create in the database create an extension, even a trusted one.
        owner = create_engine(url)
        with owner.begin() as connection:
            connection.execute(text(f"ALTER SCHEMA public OWNER TO {role}"))
        owner.dispose()
        as_role = make_url(url).set(username=role).render_as_string(hide_password=False)
        engine = open_database(as_role, create=True)
        with engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert (
                version.scalar_one()
                == ScriptDirectory.from_config(migrations.config()).get_current_head()
            )
            found = connection.execute(figure_ids(FigureFilters(words="airstrikes")))
            assert found.all() == []
            extension = "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"
            assert connection.execute(text(extension)).scalar_one() == 0
        assert {i["name"] for i in inspect(engine).get_indexes("figures")} == {
            "ix_figures_as_of",
            "ix_figures_place_id",
            "ix_figures_subject_as_of",
        }
        engine.dispose()
    finally:
        next(databases, None)  # drops the database
        with admin.connect() as connection:
            connection.execute(text(f"DROP ROLE IF EXISTS {role}"))
        admin.dispose()
