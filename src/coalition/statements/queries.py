"""Statements as the web lists show them: searched by speaker, date and words in the database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, literal_column, or_, select
from sqlalchemy.orm import Session, selectinload

from coalition.meetings.models import Meeting
from coalition.partners.models import Actor
from coalition.provenance.highlight import span_url
from coalition.provenance.models import Evidence, Source
from coalition.provenance.queries import Related
from coalition.search.index import refresh
from coalition.search.query import matching_ids, query_words, tsvector_holds
from coalition.statements.models import Statement
from coalition.storage.matching import contains

# Statements, actors and meetings share the `records` table, so each related record is joined as
# plain tables under aliases of its own (see `Related`).
Speaker = Related.of(Actor, "name", "speaker")
Affiliation = Related.of(Actor, "name", "affiliation")
SaidAt = Related.of(Meeting, "title", "said_at")
# The statements table alone (without `records`): enough to search, sort and page by id.
STATEMENTS = Statement.__table__.c
# PostgreSQL: the tsvector of each statement's quote and summary (migration 0007, with GIN).
STATEMENT_WORDS: ColumnElement[Any] = literal_column("statements.words")
# The order of every list of statements: newest first, undated last.
NEWEST_FIRST = (STATEMENTS.said_on.desc().nulls_last(), STATEMENTS.id.desc())


@dataclass(frozen=True)
class StatementFilters:
    speaker: str | None = None
    since: date | None = None
    until: date | None = None
    words: str | None = None


def _actors_named(words: str) -> Any:
    return select(Actor.id).where(contains(Actor.name, words))


def _words(dialect: str, text: str) -> ColumnElement[bool]:
    """The text in the quote or the summary, case-blind.

    A full-text index finds the statements that hold each of its words first; the substring
    is then checked on those few only, instead of on every statement's quote and summary. Text
    with no word in it (only punctuation) is looked for by substring alone. PostgreSQL indexes
    the statements' own words, so the rows it finds are the rows it checks; SQLite goes through
    the search index (FTS5), which must then be current.
    """
    within = or_(contains(STATEMENTS.quote, text), contains(STATEMENTS.summary, text))
    found = query_words(text)
    if not found:
        return within
    if dialect == "postgresql":
        if _one_plain_word(text):
            # Every word the tsvector holds is a lower-cased piece of the quote or summary, so
            # one that starts with these letters puts them in the text: the substring check
            # would keep every row, and on 20,000 matches it costs more than the index.
            return tsvector_holds(STATEMENT_WORDS, found)
        return and_(tsvector_holds(STATEMENT_WORDS, found), within)
    return and_(STATEMENTS.id.in_(matching_ids(dialect, "statement", found)), within)


def _one_plain_word(text: str) -> bool:
    """ASCII letters and digits only: a text that PostgreSQL's parser and `query_words` both
    keep whole, and that lower-cases the same way in Python and in the database."""
    return text.isascii() and text.isalnum()


def _conditions(f: StatementFilters, dialect: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.speaker:
        who = f.speaker
        conditions.append(
            or_(
                STATEMENTS.speaker_id.in_(_actors_named(who)),
                contains(STATEMENTS.anonymous, who),
                STATEMENTS.affiliation_id.in_(_actors_named(who)),
            )
        )
    if f.words:
        conditions.append(_words(dialect, f.words))
    if f.since:
        conditions.append(STATEMENTS.said_on >= f.since)
    if f.until:
        conditions.append(STATEMENTS.said_on <= f.until)
    return conditions


def search_dialect(session: Session, filters: StatementFilters) -> str:
    """The database's dialect, once what a search by words reads is current: SQLite's search
    index catches up with new records (`search.index.refresh`); PostgreSQL reads the statements'
    own words, which are always current."""
    dialect = session.get_bind().dialect.name
    if filters.words and dialect != "postgresql":
        refresh(session)
    return dialect


def statement_ids(filters: StatementFilters, dialect: str) -> Select[*tuple[Any, ...]]:
    """The ids of the statements found, newest first (undated last), from the statements table
    alone: pages are cut here, and only a page's rows are read whole. `dialect` comes from
    `search_dialect`, which makes sure a search by words reads a current index."""
    return (
        select(STATEMENTS.id)
        .where(*_conditions(filters, dialect))
        .order_by(STATEMENTS.said_on.desc().nulls_last(), STATEMENTS.id.desc())
    )


def statements_by_id(ids: Any) -> Select[*tuple[Any, ...]]:
    """Statements with their speaker, affiliation and meeting, by id (a list or a subquery).

    Evidence comes with each statement (for its links) with only the key of each source: a
    source's text can be long, and the list only needs where the evidence points.
    """
    statement = select(
        Statement,
        Speaker.key,
        Speaker.name,
        Affiliation.key,
        Affiliation.name,
        SaidAt.key,
        SaidAt.name,
    )
    statement = Speaker.joined(statement, Statement.speaker_id)
    statement = Affiliation.joined(statement, Statement.affiliation_id)
    return (
        SaidAt.joined(statement, Statement.meeting_id)
        .where(Statement.id.in_(ids))
        .options(selectinload(Statement.evidence).joinedload(Evidence.source).load_only(Source.key))
    )


def statements_query(filters: StatementFilters, dialect: str) -> Select[*tuple[Any, ...]]:
    """Every statement found, whole and in order (for exports)."""
    ids = statement_ids(filters, dialect).order_by(None)
    return statements_by_id(ids).order_by(*NEWEST_FIRST)


def evidence_link(evidence: Evidence) -> str | None:
    """Where a piece of evidence points: its span in the source page, or None if typed in."""
    if evidence.source is None:
        return None
    return span_url(evidence.source.key, evidence.span_start, evidence.span_end)


def statement_row(row: Sequence[Any]) -> dict[str, Any]:
    statement: Statement = row[0]
    speaker = row[2] or statement.anonymous
    return {
        "key": statement.key,
        "said_on": statement.said_on,
        "speaker_key": row[1],
        "speaker": speaker,
        "speaker_title": statement.speaker_title,
        "affiliation_key": row[3],
        "affiliation": row[4],
        "quote": statement.quote,
        "summary": statement.summary,
        "words": statement.words(),
        "meeting_key": row[5],
        "meeting": row[6],
        "context": statement.context,
        "evidence": [link for e in statement.evidence if (link := evidence_link(e))],
    }
