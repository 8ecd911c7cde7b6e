"""Reading records back with their evidence: `show`, and the list of sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coalition.errors import NotFound
from coalition.provenance.models import Evidence, Record, Source


def get_record(session: Session, ident: str) -> Record:
    """A record by its key, or by its number when no record has that key."""
    record = session.scalar(select(Record).where(Record.key == ident))
    record = record or (session.get(Record, int(ident)) if ident.isdigit() else None)
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
