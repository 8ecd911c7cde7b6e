"""Alembic migrations, run programmatically (no alembic.ini needed by users)."""

from __future__ import annotations

from collections.abc import MutableMapping
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

HERE = Path(__file__).parent


class MigrationFailed(Exception):
    """A migration that must not be kept (the caller restores or rolls back)."""


# Tables, indexes and columns the migrations create by hand, outside the models: coalition_meta
# (see 0001); the full-text search index (see 0003 and 0006): SQLite's FTS5 table with its
# shadow tables (without the lengths table since 0013), and PostgreSQL's stored tsvector column
# with its GIN index (the expression index of 0003 before it); PostgreSQL's tsvector of each
# statement's words (see 0007); SQLite's kind of each search entry, kept by triggers (0008 and
# 0009; dropped by 0010); PostgreSQL's index of statements newest first (0011) and trigram index
# of figure subjects (0012, absent where pg_trgm may not be created).
UNMODELLED = {
    "coalition_meta",
    "search_fts",
    "search_fts_data",
    "search_fts_idx",
    "search_fts_docsize",
    "search_fts_config",
    "ix_search_entries_document",
    "ix_search_entries_tsv",
    "ix_statements_words",
    "search_kinds",
    "ix_statements_said_on_newest",
    "ix_figures_subject_trigrams",
}
UNMODELLED_COLUMNS = {("search_entries", "document"), ("statements", "words")}


def include_name(name: str | None, type_: str, parents: MutableMapping[Any, str | None]) -> bool:
    """Autogenerate and schema comparison ignore the tables, indexes and columns that have no
    model."""
    if type_ == "column":
        return (parents.get("table_name"), name) not in UNMODELLED_COLUMNS
    return not (type_ in ("table", "index") and name in UNMODELLED)


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    return cfg


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    heads = _script().get_heads()
    assert len(heads) == 1, f"migrations must have one head, found {heads}"
    return heads[0]


def known_revisions() -> set[str]:
    return {revision.revision for revision in _script().walk_revisions()}


def upgrade(engine: Engine, revision: str = "head") -> None:
    cfg = config()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite rebuilds a table to alter it; with foreign keys on, dropping the old copy
            # would delete or refuse the rows that refer to it. Checked again once done.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()  # PRAGMA foreign_keys only works outside a transaction
        with connection.begin():
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                raise MigrationFailed("the migration left rows that refer to nothing")
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
