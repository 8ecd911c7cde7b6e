"""Opening a database safely: refuse what is not ours, migrate what is, never touch the rest."""

from __future__ import annotations

import enum
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from coalition.errors import DatabaseRefused, NotFound
from coalition.storage import migrations

SQLITE_MAGIC = b"SQLite format 3\x00"
META_TABLE = "coalition_meta"


class SchemaState(enum.Enum):
    EMPTY = "empty"
    CURRENT = "current"
    OUTDATED = "outdated"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def database_url(db: Path | None, env_url: str | None, default: Path) -> str:
    """`--db PATH` wins over COALITION_DATABASE_URL, which wins over the default file."""
    if db is not None:
        return sqlite_url(db)
    return env_url or sqlite_url(default)


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def make_engine(url: str) -> Engine:
    if sqlite_path(url) is None:
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    # Foreign keys are off by default in SQLite; the record's integrity depends on them.
    # synchronous=NORMAL changes nothing in the file; with WAL (set once the file is known to be
    # ours) it keeps every commit atomic and consistent, syncing at checkpoints instead.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def check_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database before SQLite gets a chance to touch it."""
    if path.is_dir():
        raise DatabaseRefused(f"{path} is a directory, not a database file")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as handle:
            if handle.read(16) != SQLITE_MAGIC:
                raise DatabaseRefused(f"{path} is not an SQLite database; refusing to touch it")


def schema_state(engine: Engine) -> SchemaState:
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            if not tables:
                return SchemaState.EMPTY
            if META_TABLE not in tables or "alembic_version" not in tables:
                raise DatabaseRefused(
                    f"{_where(engine)} is not a coalition database "
                    f"(it holds tables such as {sorted(tables)[0]!r}); refusing to touch it"
                )
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, DatabaseError) as error:
        raise DatabaseRefused(f"cannot read {_where(engine)}: {error.orig}") from error
    if revision == migrations.head():
        return SchemaState.CURRENT
    if revision in migrations.known_revisions():
        return SchemaState.OUTDATED
    if revision is None:
        # Our tables are there but no schema version is: an interrupted or hand-edited setup.
        # Guessing a version could migrate the wrong way, so refuse with what we saw.
        raise DatabaseRefused(
            f"{_where(engine)} has coalition's tables but no schema version (alembic_version is "
            "empty); it may be damaged. Nothing was changed."
        )
    raise DatabaseRefused(
        f"{_where(engine)} was written by a newer version of coalition (schema {revision}); "
        "upgrade coalition to use it. Nothing was changed."
    )


def _where(engine: Engine) -> str:
    path = sqlite_path(str(engine.url))
    return str(path) if path else engine.url.render_as_string(hide_password=True)


def open_database(url: str, *, create: bool = False) -> Engine:
    """An engine on an up-to-date coalition database.

    A new (empty) database is only created when `create` is set: a query against a mistyped path
    should say so, not answer from a fresh empty database.
    """
    path = sqlite_path(url)
    if path is not None:
        if not path.exists() and not create:
            raise NotFound(f"no coalition database at {path} (create one with `coalition init`)")
        check_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    state = schema_state(engine)
    if state is SchemaState.EMPTY and not create:
        engine.dispose()
        raise NotFound(f"{_where(engine)} holds no coalition database (run `coalition init`)")
    if state is SchemaState.OUTDATED and path is not None:
        _upgrade_or_restore(engine, path)
    elif state is not SchemaState.CURRENT:
        migrations.upgrade(engine)
    if state is SchemaState.EMPTY:
        _load_reference_data(engine)
    if path is not None:
        _write_ahead_log(engine)
    return engine


def _upgrade_or_restore(engine: Engine, path: Path) -> None:
    """Migrate an SQLite file, putting it back exactly as it was if the migration fails.

    SQLite commits some schema statements outside the migration's transaction, so a rollback
    alone could leave a half-migrated file; a copy taken first cannot.
    """
    engine.dispose()  # no open connection: the file on disk is the whole database
    backup = path.with_name(path.name + ".before-upgrade")
    shutil.copyfile(path, backup)
    try:
        migrations.upgrade(engine)
    except Exception as error:
        engine.dispose()
        shutil.copyfile(backup, path)
        for suffix in ("-wal", "-shm", "-journal"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        backup.unlink()
        raise DatabaseRefused(
            f"could not upgrade {path} ({error}); it was restored as it was"
        ) from error
    backup.unlink()


def _write_ahead_log(engine: Engine) -> None:
    """WAL lets readers work during an ingest and makes each commit cheap. Only set on a file
    already checked to be ours: it is recorded in the file itself."""
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")


def gather_statistics(connection: Connection) -> None:
    """Tell SQLite's query planner how large the tables and how selective the indexes now are,
    after a large write (an ingest, an import, `coalition reindex`).

    Without these statistics SQLite guesses, and on a full database it guesses badly: it walks
    every pledge of a coalition by index to find the few a ledger revised, where it should look
    up those few (about 20 ms instead of none on 20,000 pledges). PostgreSQL's autovacuum keeps
    its own statistics current, so there is nothing to do there.
    """
    if connection.dialect.name == "sqlite":
        # Estimates from a few hundred rows per index choose the same plans, and keep this step
        # at 25 ms instead of 0.4 s on a 277 MB database (and growing with it): it runs after
        # every ingest, even of one document.
        connection.exec_driver_sql("PRAGMA analysis_limit=400")
        connection.exec_driver_sql("ANALYZE")


def _load_reference_data(engine: Engine) -> None:
    from coalition.reference.loader import load_reference_data

    with session_scope(engine) as session:
        load_reference_data(session)


@contextmanager
def transaction(url: str, *, create: bool = False) -> Iterator[Session]:
    """Open the database at `url`, run one transaction on it, and close it again."""
    engine = open_database(url, create=create)
    try:
        with session_scope(engine) as session:
            yield session
    finally:
        engine.dispose()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: commit if the block succeeds, roll everything back if it raises."""
    session = sessionmaker(engine, expire_on_commit=False)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
