"""Searching the index: the same words-in-any-order search on SQLite (FTS5) and PostgreSQL.

What people type is never handed to the full-text engine as a query: it is cut into words (letters
and digits only), and the engine's query is built from those, each quoted. Quotes, NEAR, stars or
an unbalanced parenthesis are therefore just punctuation, never syntax (nor an error). Every word
must match; the last may be the start of a word, so results come as one types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape
from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Integer,
    Select,
    and_,
    func,
    literal_column,
    or_,
    select,
    table,
    true,
)
from sqlalchemy.orm import Session

from coalition.search.index import KIND_SPAN, KINDS, KINDS_BY_CODE, entries, fts_entry, fts_numbers
from coalition.search.snippets import CLOSE, OPEN, snippet, words_pattern

# Private-use characters (OPEN, CLOSE) mark the matched words in snippets: they cannot occur in
# our texts, so the snippet can be escaped as a whole and the marks turned into <mark> afterwards.
WORD = re.compile(r"\w+")
MAX_WORDS = 12

fts = table("search_fts")
FTS_TABLE: ColumnClause[Any] = literal_column("search_fts")
# SQLite: a match's number in the FTS5 table, which says its kind and record (`index.fts_number`).
FTS_ROWID: ColumnClause[int] = literal_column("search_fts.rowid", Integer)
# PostgreSQL: the stored tsvector of each entry (migration 0006), indexed with GIN.
PG_DOCUMENT: ColumnClause[Any] = literal_column("search_entries.document")


def query_words(query: str) -> list[str]:
    """The words of what was typed (at most MAX_WORDS), lower case."""
    return [w.lower() for w in WORD.findall(query)][:MAX_WORDS]


def fts5_query(found: list[str]) -> str:
    """An FTS5 query that matches every word, the last also as a prefix."""
    quoted = [f'"{w}"' for w in found]  # \w+ holds no quote, so quoting is complete
    quoted[-1] += "*"
    return " ".join(quoted)


def tsquery(found: list[str]) -> str:
    """A to_tsquery text: every word (quoted lexemes), the last also as a prefix."""
    terms = [f"'{w}'" for w in found]
    terms[-1] += ":*"
    return " & ".join(terms)


@dataclass
class SearchResults:
    hits: list[dict[str, Any]]
    total: int
    facets: dict[str, int]  # kind -> matches, for every kind that has some


class _Engine:
    """What differs between the two databases: matching, ranking and snippets."""

    def __init__(self, dialect: str, found: list[str]) -> None:
        self.sqlite = dialect == "sqlite"
        self.text = fts5_query(found) if self.sqlite else tsquery(found)

    def matching(self, *columns: Any) -> Select[Any]:
        """PostgreSQL: the entries that match (SQLite reads its matches from `search_fts`)."""
        return select(*columns).select_from(entries).where(_holds(PG_DOCUMENT, self.text))

    def rank(self) -> ColumnElement[Any]:
        """Best first: lower is better on both (bm25 is negative; ts_rank is negated)."""
        if self.sqlite:
            # A word in the title counts four times. The index keeps no entry lengths
            # (migration 0013), so bm25 reads nothing else and long entries are not marked down.
            return func.bm25(FTS_TABLE, 4.0, 1.0)
        weighted = func.ts_rank(PG_DOCUMENT, func.to_tsquery("simple", self.text))
        return -weighted

    def snippet(self) -> ColumnElement[str]:
        """PostgreSQL's snippets (SQLite's are written in Python: `search.snippets`)."""
        options = f"StartSel={OPEN}, StopSel={CLOSE}, MaxWords=30, MinWords=12, MaxFragments=2"
        return func.ts_headline(
            "simple", entries.c.body, func.to_tsquery("simple", self.text), options
        )


def tsvector_holds(column: ColumnElement[Any], found: list[str]) -> ColumnElement[bool]:
    """PostgreSQL: the tsvector `column` holds every word of `found` (the last also as the start
    of a word), as the search index matches them."""
    return _holds(column, tsquery(found))


def _holds(column: ColumnElement[Any], text: str) -> ColumnElement[bool]:
    return column.op("@@")(func.to_tsquery("simple", text))


def matching_ids(dialect: str, kind: str, found: list[str]) -> Select[Any]:
    """SQL for the ids of the records of one kind whose entry holds every word of `found` (the
    last also as the start of a word), through the full-text index: for lists that filter by
    words. The index must be current (`search.index.refresh`)."""
    engine = _Engine(dialect, found)
    if not engine.sqlite:
        # Read once through the GIN index, as a materialized CTE: otherwise PostgreSQL may scan
        # the list's own table first and compute every candidate entry's tsvector one by one.
        found_ids = engine.matching(entries.c.ref_id).where(entries.c.kind == kind)
        cte = found_ids.cte(f"found_{kind}").prefix_with("MATERIALIZED")
        return select(cte.c.ref_id)
    # The kind's matches are one range of numbers in the FTS5 table, and each number holds the
    # record's id: no entry row is read.
    first, last = fts_numbers(kind)
    return _matches(engine, FTS_ROWID.between(first, last)).add_columns(FTS_ROWID - first)


def _matches(engine: _Engine, *where: ColumnElement[bool]) -> Select[Any]:
    """SQLite: the FTS5 table's matches (columns to be added)."""
    return select().select_from(fts).where(FTS_TABLE.op("MATCH")(engine.text), *where)


def marked(snippet: str | None) -> Markup:
    """A snippet as safe HTML: its text escaped, its matched words in <mark>."""
    safe = str(escape(snippet or ""))
    return Markup(safe.replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))


def plain_snippet(snippet: str | None) -> str:
    return (snippet or "").replace(OPEN, "").replace(CLOSE, "")


def _hit(row: Any, snippet: str | None) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "key": row.key,
        "url": row.url + quote(row.key, safe=""),
        "title": row.title,
        "day": row.day,
        "snippet": snippet,
    }


def search(
    session: Session, query: str, kind: str | None, offset: int, limit: int
) -> SearchResults:
    """One page of entries matching every word of `query`, best first, with counts per kind."""
    found = query_words(query)
    if not found:
        return SearchResults([], 0, {})
    engine = _Engine(session.get_bind().dialect.name, found)
    if not engine.sqlite:
        return _search_in_one_pass(session, engine, kind, offset, limit)
    return _search_sqlite(session, engine, found, kind, offset, limit)


def _search_sqlite(
    session: Session, engine: _Engine, found: list[str], kind: str | None, offset: int, limit: int
) -> SearchResults:
    """SQLite: the counts per kind, then the page ranked in the full-text index alone, then the
    page's entries read whole and their snippets written in Python (`search.snippets`): asking
    FTS5 for snippets would rank every match joined to its entry row, which for a common word
    cost more than the rest of the search. Each match's number in the index says its kind and
    record (migration 0010), so neither the counts nor a kind's page read anything else."""
    code = FTS_ROWID // KIND_SPAN
    counted = _matches(engine).add_columns(code, func.count()).group_by(code)
    facets = {KINDS_BY_CODE[c]: n for c, n in session.execute(counted)}
    within = [FTS_ROWID.between(*fts_numbers(kind))] if kind else []
    ranked = _matches(engine, *within).add_columns(FTS_ROWID)
    ranked = ranked.order_by(engine.rank(), FTS_ROWID).limit(limit).offset(offset)
    page = [fts_entry(number) for number in session.execute(ranked).scalars()]
    rows = {(row.kind, row.ref_id): row for row in _entries_of(session, page)}
    pattern = words_pattern(found)
    hits = []
    for entry in page:
        row = rows[entry]
        hits.append(_hit(row, snippet(row.title, row.body, pattern)))
    return _results(facets, hits, kind)


def _entries_of(session: Session, page: list[tuple[str, int]]) -> list[Any]:
    """The entries of (kind, record id) pairs, each found through the unique key on the two."""
    by_kind: dict[str, list[int]] = {}
    for kind, ref_id in page:
        by_kind.setdefault(kind, []).append(ref_id)
    if not by_kind:
        return []
    found = [and_(entries.c.kind == k, entries.c.ref_id.in_(ids)) for k, ids in by_kind.items()]
    columns = (entries.c.ref_id, entries.c.body, *_HIT_COLUMNS)
    return list(session.execute(select(*columns).where(or_(*found))))


_HIT_COLUMNS = (entries.c.kind, entries.c.key, entries.c.url, entries.c.title, entries.c.day)


def _results(facets: dict[str, int], hits: list[dict[str, Any]], kind: str | None) -> SearchResults:
    facets = {k: facets[k] for k in KINDS if k in facets}
    total = facets.get(kind, 0) if kind else sum(facets.values())
    return SearchResults(hits, total, facets)


def _search_in_one_pass(
    session: Session, engine: _Engine, kind: str | None, offset: int, limit: int
) -> SearchResults:
    """PostgreSQL: the matches are read once (the kind and rank of each), then counted by kind
    and cut to the page by one statement, and only the page's entries are read whole (their
    bodies, for snippets). A word common enough to match 35,000 entries cost two reads of them
    all, one to count and one to rank, when the facets were a query of their own.

    The counts come as one JSON object on a row that is there even when the page is empty."""
    matches = (
        engine.matching(entries.c.id, entries.c.kind, engine.rank().label("rank"))
        .cte("matches")
        .prefix_with("MATERIALIZED")
    )
    counts = select(matches.c.kind, func.count().label("n")).group_by(matches.c.kind).subquery()
    facets = select(func.json_object_agg(counts.c.kind, counts.c.n).label("facets")).subquery()
    page = select(matches.c.id, matches.c.rank)
    if kind:
        page = page.where(matches.c.kind == kind)
    cut = page.order_by(matches.c.rank, matches.c.id).limit(limit).offset(offset).subquery()
    hits = cut.join(entries, entries.c.id == cut.c.id)
    statement = (
        select(facets.c.facets, *_HIT_COLUMNS, engine.snippet().label("snippet"))
        .select_from(facets.outerjoin(hits, true()))
        .order_by(cut.c.rank, cut.c.id)
    )
    rows = session.execute(statement).all()
    found = [_hit(row, row.snippet) for row in rows if row.key is not None]
    return _results(rows[0].facets or {}, found, kind)


def hit_for_api(hit: dict[str, Any]) -> dict[str, Any]:
    """A hit as JSON has it: the snippet as plain text."""
    day: date | None = hit["day"]
    return {**hit, "snippet": plain_snippet(hit["snippet"]), "day": day}
