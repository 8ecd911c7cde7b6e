"""Commands that create, move and show records: init, import, export, show, sources, actors."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from sqlalchemy import select

from coalition.cli.common import (
    DbOption,
    JsonOption,
    audited,
    console,
    opened,
    print_json,
    reports_errors,
)
from coalition.interchange.exporter import export_document, plain, write_csv, write_json
from coalition.interchange.importer import import_path
from coalition.partners.models import Actor, ActorKind
from coalition.provenance.queries import evidence_dict, get_record, list_sources, record_fields
from coalition.storage.database import gather_statistics


class ExportFormat(enum.StrEnum):
    JSON = "json"
    CSV = "csv"


@reports_errors
def init(db: DbOption = None) -> None:
    """Create an empty coalition database (with the packaged reference data)."""
    with opened(db, create=True) as session:
        count = len(session.scalars(select(Actor.id)).all())
    console.print(f"Database ready with {count} reference actors.")


@reports_errors
def import_(
    path: Annotated[
        Path, typer.Argument(help="Record file (.yaml, .yml, .json) or a CSV export directory.")
    ],
    db: DbOption = None,
) -> None:
    """Import a record file. All or nothing: any error leaves the database unchanged."""
    with console.status(f"Importing {path}…"), opened(db, create=True) as session:
        counts = import_path(session, path)
        audited(session, "record.import", f"file:{path.name}", dict(counts))
        gather_statistics(session.connection())
    summary = ", ".join(f"{n} {section.replace('_', ' ')}" for section, n in counts.items() if n)
    console.print(f"Imported {path}: {summary or 'nothing (the file holds no items)'}.")


@reports_errors
def export(
    directory: Annotated[Path, typer.Argument(help="Directory to write into (created if needed).")],
    format: Annotated[
        ExportFormat, typer.Option("--format", help="json or csv")
    ] = ExportFormat.JSON,
    db: DbOption = None,
) -> None:
    """Export the whole record (less the packaged reference data) to DIR."""
    with opened(db) as session:
        document = export_document(session)
    writer = write_json if format is ExportFormat.JSON else write_csv
    written = writer(document, directory)
    console.print(f"Wrote {len(written)} file(s) to {directory}.")


@reports_errors
def show(
    ident: Annotated[str, typer.Argument(metavar="ID", help="A record's number or key.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print any record with all of its evidence."""
    with opened(db) as session:
        record = get_record(session, ident)
        fields = record_fields(record)
        evidence = [evidence_dict(e) for e in record.evidence]
        if as_json:
            print_json(
                {
                    "id": record.id,
                    "kind": record.kind,
                    "key": record.key,
                    "fields": fields,
                    "evidence": evidence,
                }
            )
            return
        console.print(f"[bold]{record.kind} {record.id}[/bold]  {record.key}\n{record.label()}")
        table = Table(show_header=False, box=None)
        for name, value in fields.items():
            if value is not None:
                table.add_row(name, str(plain(value)))
        console.print(table)
        console.print(f"[bold]Evidence[/bold] ({len(evidence)})")
        for entry in evidence:
            if "source" in entry:
                console.print(f"- {entry['source']} [{entry['start']}:{entry['end']}]")
                if entry["text"]:
                    console.print(f"  “{entry['text']}”", highlight=False)
            else:
                note = f" — {entry['note']}" if entry["note"] else ""
                console.print(f"- entered by {entry['entered_by']} at {entry['entered_at']}{note}")


@reports_errors
def sources(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the source documents and how many evidence spans cite each."""
    with opened(db) as session:
        uses = list_sources(session)
        rows: list[dict[str, Any]] = [
            {
                "key": u.source.key,
                "title": u.source.title,
                "publisher": u.source.publisher,
                "published": u.source.published,
                "published_note": u.source.published_note,
                "has_text": u.source.text is not None,
                "evidence": u.spans,
            }
            for u in uses
        ]
    if as_json:
        print_json(rows)
        return
    table = Table("key", "published", "publisher", "title", "spans", title="Sources")
    for row in rows:
        table.add_row(
            row["key"],
            str(row["published"] or "undated"),
            row["publisher"] or "",
            row["title"] or "",
            str(row["evidence"]),
        )
    console.print(table)


@reports_errors
def actors(
    kind: Annotated[ActorKind | None, typer.Option("--kind", help="Only this kind.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List actors (countries, organisations, persons, groups) with their keys and aliases."""
    with opened(db) as session:
        query = select(Actor).order_by(Actor.actor_kind, Actor.name)
        if kind is not None:
            query = query.where(Actor.actor_kind == kind)
        rows: list[dict[str, Any]] = [
            {
                "key": a.key,
                "kind": a.actor_kind.value,
                "name": a.name,
                "aliases": sorted({x.alias for x in a.aliases} - {a.name}),
            }
            for a in session.scalars(query)
        ]
    if as_json:
        print_json(rows)
        return
    table = Table("key", "kind", "name", "aliases", title=f"Actors ({len(rows)})")
    for row in rows:
        table.add_row(row["key"], row["kind"], row["name"], ", ".join(row["aliases"]))
    console.print(table)
