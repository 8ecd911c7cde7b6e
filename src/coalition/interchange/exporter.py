"""`coalition export`: the record (less reference data and intake state) as JSON or CSV.

The output is deterministic (items sorted by key, fields in a fixed order), so that exporting,
importing into an empty database and exporting again gives identical files.
"""

from __future__ import annotations

import csv
import enum
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.interchange.schema import FORMAT, VERSION
from coalition.interchange.sections import SECTIONS, SOURCE_FIELDS, Section
from coalition.partners.models import Actor
from coalition.provenance.models import Record, Source
from coalition.provenance.queries import evidence_dict
from coalition.reference.loader import is_reference
from coalition.storage.base import format_decimal

EVIDENCE_COLUMNS = ("record", "source", "start", "end", "text", "entered_by", "entered_at", "note")


def plain(value: Any) -> Any:
    """A JSON-ready value with one canonical spelling for each type."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def export_document(session: Session) -> dict[str, Any]:
    keys = {row.id: row.key for row in session.execute(select(Record.id, Record.key))}
    document: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    sources = session.scalars(select(Source).order_by(Source.key))
    document["sources"] = [
        {name: plain(getattr(s, name)) for name in SOURCE_FIELDS} for s in sources
    ]
    for section in SECTIONS:
        records = session.scalars(select(section.model).order_by(section.model.key)).all()
        document[section.name] = [
            _item(section, record, keys) for record in records if not is_reference(record.evidence)
        ]
    return document


def _item(section: Section, record: Record, keys: dict[int, str]) -> dict[str, Any]:
    item: dict[str, Any] = {"key": record.key}
    for field in section.fields:
        if field.ref is None:
            item[field.name] = plain(getattr(record, field.attr))
        else:
            ref_id = getattr(record, f"{field.attr}_id")
            item[field.name] = keys.get(ref_id) if ref_id is not None else None
    if isinstance(record, Actor):
        item["aliases"] = [
            a.alias for a in record.aliases if a.alias != record.name and a.alias_kind == "name"
        ]
    item["evidence"] = [evidence_dict(e) for e in record.evidence]
    return item


def write_json(document: dict[str, Any], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "record.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return [path]


def write_csv(document: dict[str, Any], directory: Path) -> list[Path]:
    """One CSV per section; evidence and aliases in their own files, keyed by their owner."""
    directory.mkdir(parents=True, exist_ok=True)
    written = [
        _write(
            directory / "format.csv",
            ("name", "value"),
            [{"name": "format", "value": FORMAT}, {"name": "version", "value": VERSION}],
        )
    ]
    evidence_rows: list[dict[str, Any]] = []
    alias_rows: list[dict[str, Any]] = []
    for name, items in document.items():
        if not isinstance(items, list) or not items:
            continue
        rows = []
        for item in items:
            row = dict(item)
            for entry in row.pop("evidence", []):
                evidence_rows.append({"record": item["key"], **entry})
            alias_rows.extend({"actor": item["key"], "alias": a} for a in row.pop("aliases", []))
            rows.append(row)
        written.append(_write(directory / f"{name}.csv", tuple(rows[0]), rows))
    if evidence_rows:
        written.append(_write(directory / "evidence.csv", EVIDENCE_COLUMNS, evidence_rows))
    if alias_rows:
        written.append(_write(directory / "aliases.csv", ("actor", "alias"), alias_rows))
    return written


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
    return path


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
