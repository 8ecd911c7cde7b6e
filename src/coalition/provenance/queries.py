"""Reading records back with their evidence: `show`, and the list of sources."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Select, Table, func, inspect, select
from sqlalchemy.orm import Session

from coalition.errors import NotFound
from coalition.provenance.models import Evidence, Record, Source
from coalition.storage.idents import row_number
from coalition.storage.matching import contains


@dataclass(frozen=True)
class Related:
    """A record that a list's rows refer to (a donor, a speaker, a meeting), joined as two plain
    tables for its key and its name.

    Joining the mapped class instead (an aliased Actor) nests `records JOIN actors` inside a LEFT
    JOIN, and SQLite cannot flatten that: it copies the whole `records` table, hundreds of
    thousands of rows, to read one page. Two LEFT JOINs on the id are two primary-key lookups.
    """

    record: FromClause
    own: FromClause
    name_column: str

    @classmethod
    def of(cls, model: type[Record], name_column: str, alias: str) -> Related:
        own = model.__table__
        assert isinstance(own, Table)
        records = Record.__table__
        assert isinstance(records, Table)
        return cls(records.alias(f"{alias}_record"), own.alias(alias), name_column)

    @property
    def key(self) -> ColumnElement[Any]:
        return self.record.c.key

    @property
    def name(self) -> ColumnElement[Any]:
        return self.own.c[self.name_column]

    def joined(self, statement: Select[Any], reference: Any) -> Select[Any]:
        """`statement` with this record joined where `reference` (a column of ids) points."""
        return statement.outerjoin(self.own, self.own.c.id == reference).outerjoin(
            self.record, self.record.c.id == reference
        )


def count_rows(session: Session, statement: Select[Any]) -> int:
    """How many rows `statement` selects.

    A statement of one kind of record is counted on that kind's own table when its conditions
    need no other: counting whole records joins the shared `records` table, and SQLite (which
    has no statistics to go by) then walks all of it, every kind of record, to count two
    thousand meetings.
    """
    described = statement.column_descriptions
    if len(described) == 1 and described[0].get("entity") is not None:
        statement = own_ids(statement)
    subquery = statement.order_by(None).subquery()
    return session.scalar(select(func.count()).select_from(subquery)) or 0


def own_ids(statement: Select[Any]) -> Select[Any]:
    """The ids a statement of one kind of record selects, read from that kind's own table when
    its conditions and order need no other (else through the mapped class, joined to `records`).
    """
    entity = statement.column_descriptions[0]["entity"]
    narrowed = statement.with_only_columns(inspect(entity).local_table.c.id)
    # A condition on a column of `records` would add that table unjoined: keep the whole.
    return (
        narrowed if len(narrowed.get_final_froms()) == 1 else statement.with_only_columns(entity.id)
    )


def get_record(session: Session, ident: str) -> Record:
    """A record by its key, or by its number when no record has that key."""
    record = session.scalar(select(Record).where(Record.key == ident))
    number = row_number(ident)
    record = record or (session.get(Record, number) if number is not None else None)
    if record is None:
        raise NotFound(f"no record with id or key {ident!r}")
    return record


def record_fields(record: Record) -> dict[str, Any]:
    """Every column of the record, and for each reference the label of what it points to."""
    fields: dict[str, Any] = {}
    mapper = record.__mapper__
    for column in mapper.column_attrs:
        if column.key in ("id", "kind", "key", "created_at"):
            continue
        fields[column.key] = getattr(record, column.key)
    for relation in mapper.relationships:
        if relation.uselist or relation.key == "evidence":
            continue
        target = getattr(record, relation.key)
        if isinstance(target, Record):
            fields[relation.key] = f"{target.label()} [{target.key}]"
            fields.pop(f"{relation.key}_id", None)
    return fields


def evidence_dict(evidence: Evidence) -> dict[str, Any]:
    """Evidence as the record file and `--json` write it."""
    if evidence.source is not None:
        return {
            "source": evidence.source.key,
            "start": evidence.span_start,
            "end": evidence.span_end,
            "text": evidence.text,
        }
    assert evidence.entered_at is not None
    return {
        "entered_by": evidence.entered_by,
        "entered_at": evidence.entered_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "note": evidence.note,
    }


@dataclass(frozen=True)
class SourceUse:
    source: Source
    spans: int


def list_sources(session: Session) -> list[SourceUse]:
    query = select(Evidence.source_id, func.count()).group_by(Evidence.source_id)
    counts: dict[int | None, int] = {row[0]: row[1] for row in session.execute(query)}
    sources = session.scalars(select(Source).order_by(Source.published, Source.key)).all()
    return [SourceUse(source, counts.get(source.id, 0)) for source in sources]


# Sources as the web lists and pages show them.

# How many evidence spans a source page highlights at most (the count says if there are more).
MAX_MARKS = 5000


def evidence_count() -> Any:
    """SQL: how many evidence spans point into the source (one indexed count per row shown)."""
    return (
        select(func.count())
        .where(Evidence.source_id == Source.id)
        .correlate(Source)
        .scalar_subquery()
        .label("spans")
    )


def sources_query(
    *,
    text: str | None = None,
    origin: str | None = None,
    published_from: date | None = None,
    published_to: date | None = None,
    cited: bool = False,
) -> Select[Any]:
    """Sources with the filters the sources list offers, oldest first, undated last.

    Only the columns a row shows are read: a source's whole text is far too much for a list.
    """
    statement = select(
        Source.id,
        Source.key,
        Source.title,
        Source.origin,
        Source.published,
        Source.published_earliest,
        Source.published_latest,
        Source.published_confidence,
        evidence_count(),
    )
    if text:
        statement = statement.where(contains(Source.title, text) | contains(Source.key, text))
    if origin:
        statement = statement.where(contains(Source.origin, origin))
    if published_from is not None:
        statement = statement.where(Source.published >= published_from)
    if published_to is not None:
        statement = statement.where(Source.published <= published_to)
    if cited:
        statement = statement.where(
            select(Evidence.id).where(Evidence.source_id == Source.id).exists()
        )
    return statement.order_by(Source.published.is_(None), Source.published, Source.key)


def source_row(row: Any) -> dict[str, Any]:
    return {
        "number": row.id,
        "key": row.key,
        "title": row.title,
        "origin": row.origin,
        "published": row.published,
        "earliest": row.published_earliest,
        "latest": row.published_latest,
        "confidence": row.published_confidence,
        "spans": row.spans,
    }


@dataclass(frozen=True)
class CitedSpan:
    start: int
    end: int
    record_key: str
    record_kind: str


def cited_spans(session: Session, source: Source) -> tuple[list[CitedSpan], int]:
    """The evidence spans that point into `source` (at most MAX_MARKS), and how many there are."""
    found = select(Evidence.span_start, Evidence.span_end, Record.key, Record.kind).join(
        Record, Record.id == Evidence.record_id
    )
    found = found.where(Evidence.source_id == source.id, Evidence.span_start.is_not(None))
    rows = session.execute(
        found.order_by(Evidence.span_start, Evidence.span_end, Record.id).limit(MAX_MARKS)
    )
    spans = list(
        dict.fromkeys(CitedSpan(int(s or 0), int(e or 0), k, kind) for s, e, k, kind in rows)
    )
    total = session.scalar(select(func.count()).where(Evidence.source_id == source.id)) or 0
    return spans, total


def dropped_lines(source: Source) -> list[dict[str, Any]]:
    """The lines cleaning took out of the document, each with the rule that dropped it."""
    return [
        {"line": number, "rule": rule, "text": text}
        for number, kept, rule, text in source.cleaning or []
        if not kept
    ]


def source_dict(source: Source) -> dict[str, Any]:
    """A source's metadata and date inference, as the API and the page show them."""
    return {
        "number": source.id,
        "key": source.key,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "origin": source.origin,
        "format": source.raw_format,
        "published": source.published,
        "published_note": source.published_note,
        "earliest": source.published_earliest,
        "latest": source.published_latest,
        "confidence": source.published_confidence,
        "reasons": source.date_reasons or [],
        "duplicate_of": source.duplicate_of_id,
    }


def record_dict(record: Record) -> dict[str, Any]:
    """Any record as the generic record page and API show it: its fields and its evidence."""
    return {
        "key": record.key,
        "kind": record.kind,
        "label": record.label(),
        "fields": record_fields(record),
        "evidence": [evidence_dict(e) for e in record.evidence],
    }
