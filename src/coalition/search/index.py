"""Keeping the search index current, lazily and in SQL.

Writers (import, ingest, review) never pay for search: `refresh` runs before a search and catches
up with whatever was added since the last one, using the highest ids it has seen (kept in
coalition_meta). Each kind of entry is one INSERT ... SELECT, so even a full rebuild of a large
record never brings rows into Python. Edits and deletions are rare; the flush hook in
`search.models` marks the index stale when they happen and the next refresh rebuilds it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from typing import cast as typed

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    Table,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from coalition.figures.models import Figure
from coalition.meetings.models import Meeting
from coalition.money.models import Pledge
from coalition.partners.models import Actor, ActorKind, Alias
from coalition.provenance.models import Record, Source
from coalition.search.models import STALE_MARK, SearchEntry
from coalition.statements.models import Statement

META = text("SELECT name, value FROM coalition_meta WHERE name LIKE 'search_%'")
MARKS = ("search_records", "search_sources", "search_aliases")
ENTRY_COLUMNS = ("kind", "ref_id", "key", "url", "title", "body", "day")

# The tables themselves: every record kind shares the `records` base table, and joining the
# mapped subclasses to each other would make SQLAlchemy alias one of them.
records, actors, aliases = Record.__table__, Actor.__table__, Alias.__table__
meetings, statements, figures, pledges = (
    Meeting.__table__,
    Statement.__table__,
    Figure.__table__,
    Pledge.__table__,
)
sources = Source.__table__
entries = typed(Table, SearchEntry.__table__)

# Kinds of entry, as search facets show them, in the order they are listed.
KINDS = ("actor", "meeting", "statement", "figure", "pledge", "source")

# SQLite: each entry's row in the FTS5 table is numbered KIND_CODES[kind] * KIND_SPAN + ref_id
# (migration 0010), so that a match says its kind and record without a lookup. The codes are
# stored data: a new kind gets a new code, an old one never changes.
KIND_CODES = {"actor": 1, "meeting": 2, "statement": 3, "figure": 4, "pledge": 5, "source": 6}
KIND_SPAN = 2**40
KINDS_BY_CODE = {code: kind for kind, code in KIND_CODES.items()}
# The same number in SQL, for rows of search_entries.
FTS_NUMBER = (
    "CASE kind "
    + " ".join(f"WHEN '{kind}' THEN {code}" for kind, code in KIND_CODES.items())
    + f" END * {KIND_SPAN} + ref_id"
)


def fts_number(kind: str, ref_id: int) -> int:
    return KIND_CODES[kind] * KIND_SPAN + ref_id


def fts_numbers(kind: str) -> tuple[int, int]:
    """The first and last number an entry of `kind` can have in the FTS5 table."""
    first = fts_number(kind, 0)
    return first, first + KIND_SPAN - 1


def fts_entry(number: int) -> tuple[str, int]:
    """The kind and record (or source) id of the entry numbered `number` in the FTS5 table."""
    code, ref_id = divmod(number, KIND_SPAN)
    return KINDS_BY_CODE[code], ref_id


def words(*parts: Any) -> ColumnElement[str]:
    """The parts joined by spaces, as SQL; a missing part counts as empty."""
    joined: ColumnElement[str] = func.coalesce(cast(parts[0], String), "")
    for part in parts[1:]:
        joined = joined + " " + func.coalesce(cast(part, String), "")
    return joined


def _names_of_actors(dialect: str) -> Any:
    """Each actor's aliases in one string (SQLite and PostgreSQL name this aggregate apart)."""
    if dialect == "postgresql":
        joined = func.string_agg(aliases.c.alias, " ")
    else:
        joined = func.group_concat(aliases.c.alias, " ")
    return select(aliases.c.actor_id, joined.label("names")).group_by(aliases.c.actor_id).subquery()


def _actor_entries(dialect: str) -> Select[Any]:
    names = _names_of_actors(dialect)
    partner = actors.c.actor_kind.in_([ActorKind.COUNTRY.value, ActorKind.ORGANISATION.value])
    url = case((partner, literal("/partners/")), else_=literal("/records/"))
    return (
        select(
            literal("actor"),
            records.c.id,
            records.c.key,
            url,
            actors.c.name,
            words(actors.c.code, actors.c.actor_kind, names.c.names),
            literal(None),
        )
        .join(actors, actors.c.id == records.c.id)
        .outerjoin(names, names.c.actor_id == actors.c.id)
    )


def _meeting_entries(_dialect: str) -> Select[Any]:
    return select(
        literal("meeting"),
        records.c.id,
        records.c.key,
        literal("/meetings/"),
        meetings.c.title,
        words(meetings.c.level, meetings.c.city, meetings.c.venue, meetings.c.outcomes),
        meetings.c.start_date,
    ).join(meetings, meetings.c.id == records.c.id)


def _statement_entries(_dialect: str) -> Select[Any]:
    speaker = actors.alias("speaker")
    title = func.coalesce(speaker.c.name, statements.c.anonymous, "Statement")
    return (
        select(
            literal("statement"),
            records.c.id,
            records.c.key,
            literal("/records/"),
            title,
            words(
                statements.c.speaker_title,
                statements.c.quote,
                statements.c.summary,
                statements.c.context,
            ),
            statements.c.said_on,
        )
        .join(statements, statements.c.id == records.c.id)
        .outerjoin(speaker, speaker.c.id == statements.c.speaker_id)
    )


def _figure_entries(_dialect: str) -> Select[Any]:
    return select(
        literal("figure"),
        records.c.id,
        records.c.key,
        literal("/records/"),
        figures.c.subject,
        words(figures.c.value, figures.c.unit),
        figures.c.as_of,
    ).join(figures, figures.c.id == records.c.id)


def _pledge_entries(_dialect: str) -> Select[Any]:
    donor = actors.alias("donor")
    return (
        select(
            literal("pledge"),
            records.c.id,
            records.c.key,
            literal("/pledges/"),
            "Pledge by " + func.coalesce(donor.c.name, "an unnamed donor"),
            words(pledges.c.amount, pledges.c.currency, pledges.c.purpose, pledges.c.channel),
            pledges.c.pledged_on,
        )
        .join(pledges, pledges.c.id == records.c.id)
        .outerjoin(donor, donor.c.id == pledges.c.donor_id)
    )


RECORD_ENTRIES: dict[str, Callable[[str], Select[Any]]] = {
    "actor": _actor_entries,
    "meeting": _meeting_entries,
    "statement": _statement_entries,
    "figure": _figure_entries,
    "pledge": _pledge_entries,
}


def _source_entries() -> Select[Any]:
    return select(
        literal("source"),
        sources.c.id,
        sources.c.key,
        literal("/sources/"),
        func.coalesce(sources.c.title, sources.c.key),
        func.coalesce(sources.c.text, ""),
        sources.c.published,
    )


def _add(connection: Connection, statement: Select[Any]) -> None:
    connection.execute(insert(entries).from_select(ENTRY_COLUMNS, statement))


def _marks(connection: Connection) -> dict[str, str]:
    return {str(name): str(value) for name, value in connection.execute(META)}


def _current(connection: Connection) -> dict[str, str]:
    found = connection.execute(
        select(
            select(func.coalesce(func.max(records.c.id), 0)).scalar_subquery(),
            select(func.coalesce(func.max(sources.c.id), 0)).scalar_subquery(),
            select(func.coalesce(func.max(aliases.c.id), 0)).scalar_subquery(),
        )
    ).one()
    return {name: str(value) for name, value in zip(MARKS, found, strict=True)}


def _set_marks(connection: Connection, marks: dict[str, str]) -> None:
    connection.execute(
        text("DELETE FROM coalition_meta WHERE name LIKE 'search_%'"),
    )
    connection.execute(
        text("INSERT INTO coalition_meta (name, value) VALUES (:name, :value)"),
        [{"name": name, "value": value} for name, value in marks.items()],
    )


def mark_stale(connection: Connection) -> None:
    """Ask the next refresh for a full rebuild (called when searchable rows are edited)."""
    connection.execute(text("DELETE FROM coalition_meta WHERE name = :name"), {"name": STALE_MARK})
    connection.execute(
        text("INSERT INTO coalition_meta (name, value) VALUES (:name, '1')"), {"name": STALE_MARK}
    )


def _fts_add_after(connection: Connection, last_id: int) -> None:
    """SQLite: put entries newer than `last_id` into the FTS5 table (PostgreSQL's GIN index
    follows its table by itself)."""
    if connection.dialect.name == "sqlite":
        connection.execute(
            text(
                "INSERT INTO search_fts (rowid, title, body)"
                f" SELECT {FTS_NUMBER}, title, body FROM search_entries WHERE id > :last"
            ),
            {"last": last_id},
        )


def _fts_forget(connection: Connection, kind: str, ids: list[int]) -> None:
    """SQLite: take entries out of the FTS5 table, with the very text they were indexed with."""
    if connection.dialect.name == "sqlite" and ids:
        connection.execute(
            text(
                "INSERT INTO search_fts (search_fts, rowid, title, body)"
                f" SELECT 'delete', {FTS_NUMBER}, title, body FROM search_entries"
                " WHERE kind = :kind AND ref_id IN (SELECT value FROM json_each(:ids))"
            ),
            {"kind": kind, "ids": str(ids)},
        )


def _last_entry(connection: Connection) -> int:
    return connection.scalar(select(func.coalesce(func.max(entries.c.id), 0))) or 0


def rebuild(connection: Connection, upto: dict[str, str]) -> None:
    """Every entry again, from scratch, for the rows up to the ids in `upto` (later ones are
    left to the next refresh, which would otherwise index them twice)."""
    dialect = connection.dialect.name
    connection.execute(delete(entries))
    if dialect == "sqlite":
        connection.execute(text("INSERT INTO search_fts (search_fts) VALUES ('delete-all')"))
    last_record, last_source = int(upto["search_records"]), int(upto["search_sources"])
    for kind, entries_of in RECORD_ENTRIES.items():
        chosen = entries_of(dialect).where(records.c.kind == kind, records.c.id <= last_record)
        _add(connection, chosen)
    _add(connection, _source_entries().where(sources.c.id <= last_source))
    _fts_add_after(connection, 0)


def _catch_up(connection: Connection, marks: dict[str, str], current: dict[str, str]) -> None:
    """Entries for what was added since `marks`; actors that gained aliases are indexed again."""
    dialect, last = connection.dialect.name, _last_entry(connection)
    after_record, after_alias = int(marks["search_records"]), int(marks["search_aliases"])
    upto_record, upto_alias = int(current["search_records"]), int(current["search_aliases"])
    new_aliases = aliases.c.id.between(after_alias + 1, upto_alias)
    renamed = list(
        connection.scalars(
            select(aliases.c.actor_id)
            .where(new_aliases, aliases.c.actor_id <= after_record)
            .distinct()
        )
    )
    if renamed:
        _fts_forget(connection, "actor", renamed)
        connection.execute(
            delete(entries).where(entries.c.kind == "actor", entries.c.ref_id.in_(renamed))
        )
        _add(connection, _actor_entries(dialect).where(records.c.id.in_(renamed)))
    if current["search_records"] != marks["search_records"]:
        for kind, entries_of in RECORD_ENTRIES.items():
            new = records.c.id.between(after_record + 1, upto_record)
            _add(connection, entries_of(dialect).where(records.c.kind == kind, new))
    if current["search_sources"] != marks["search_sources"]:
        after, upto = int(marks["search_sources"]), int(current["search_sources"])
        _add(connection, _source_entries().where(sources.c.id.between(after + 1, upto)))
    _fts_add_after(connection, last)


def _up_to_date(marks: dict[str, str], current: dict[str, str]) -> bool | None:
    """True if nothing changed, False if there is something to add, None if a rebuild is due."""
    if marks.get(STALE_MARK) or any(name not in marks for name in MARKS):
        return None
    if any(int(current[name]) < int(marks[name]) for name in MARKS):
        return None  # rows were deleted behind our back
    return all(current[name] == marks[name] for name in MARKS)


def refresh(session: Session) -> bool:
    """Bring the index up to date and commit; True if anything had to be indexed.

    Cheap when nothing changed (two small queries). If another request is refreshing at the same
    time, ours gives way (the unique key on entries refuses the second copy) and searches the
    index as the other one leaves it.
    """
    connection = session.connection()
    marks, current = _marks(connection), _current(connection)
    state = _up_to_date(marks, current)
    if state:
        return False
    try:
        if state is None:
            rebuild(connection, current)
        else:
            _catch_up(connection, marks, current)
        _set_marks(connection, current)
        session.commit()
    except DBAPIError:
        session.rollback()
        return False
    return True


def reindex(session: Session) -> int:
    """Rebuild the whole index now (`coalition reindex`); the number of entries."""
    connection = session.connection()
    current = _current(connection)
    rebuild(connection, current)
    _set_marks(connection, current)
    return connection.scalar(select(func.count()).select_from(entries)) or 0
