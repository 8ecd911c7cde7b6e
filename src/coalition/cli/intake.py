"""Commands of intake: ingest reports, look at a source, review candidates, evaluate."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from coalition.cli.common import (
    DbOption,
    JsonOption,
    console,
    errors,
    opened,
    operator,
    parse_day,
    print_json,
    reports_errors,
    resolve_url,
)
from coalition.intake.ingest import Summary, count_documents, documents, ingest_into
from coalition.intake.pipeline import Document
from coalition.intake.reading import Failure, JsonFields
from coalition.provenance.services import get_source


@reports_errors
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs.")],
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date for every document.")
    ] = None,
    source_name: Annotated[str | None, typer.Option(help="Source key (one document only).")] = None,
    jobs: Annotated[int, typer.Option("-j", "--jobs", min=1, max=64, help="Worker processes.")] = 1,
    text_field: Annotated[str, typer.Option(help="JSON field with the text.")] = "text",
    title_field: Annotated[str, typer.Option(help="JSON field with the title.")] = "title",
    date_field: Annotated[str, typer.Option(help="JSON field with the date.")] = "published",
    url_field: Annotated[str, typer.Option(help="JSON field with the URL.")] = "url",
    html_field: Annotated[bool, typer.Option(help="The JSON text field holds HTML.")] = False,
) -> None:
    """Ingest reports: clean, date and extract candidate facts for review."""
    day = parse_day(published, "--published")
    fields = JsonFields(text_field, title_field, url_field, date_field, html_field)
    items = documents(paths, fields, day)
    if source_name is not None:
        items = _renamed(items, source_name)
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
        console=errors,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=count_documents(paths))
        summary = ingest_into(
            resolve_url(db),
            items,
            jobs=jobs,
            advance=lambda origin: progress.update(task, advance=1, description=Path(origin).name),
        )
    _report(summary)
    if not summary.ingested:
        raise typer.Exit(1)


def _renamed(items: Iterator[Document | Failure], name: str) -> Iterator[Document | Failure]:
    """--source-name names the one document of the run; a second one is a usage error."""
    seen = 0
    for item in items:
        if isinstance(item, Document):
            seen += 1
            if seen > 1:
                raise typer.BadParameter("applies to a single document", param_hint="--source-name")
            item.name = name
        yield item


def _report(summary: Summary) -> None:
    console.print(
        f"Ingested {len(summary.ingested)} document(s) with {summary.candidates} "
        f"candidate(s); {len(summary.duplicates)} already stored; "
        f"{len(summary.failed)} failed."
    )
    for origin, key in summary.duplicates:
        console.print(f"  same content already ingested: {origin} (source {key})", highlight=False)
    for key, other in summary.near_duplicates:
        console.print(f"  near-duplicate: {key} tells the same story as {other}", highlight=False)
    for failure in summary.failed:
        console.print(f"  failed: {failure.origin}: {failure.reason}", highlight=False)


@reports_errors
def source(
    key: Annotated[str, typer.Argument(metavar="KEY", help="The source's key or number.")],
    explain: Annotated[
        bool, typer.Option(help="Show every line kept or dropped, and why.")
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """A source: its date and the reasons for it, its clean text or how it was cleaned."""
    with opened(db) as session:
        found = get_source(session, key)
        data: dict[str, Any] = {
            "key": found.key,
            "title": found.title,
            "origin": found.origin,
            "published": found.published,
            "earliest": found.published_earliest,
            "latest": found.published_latest,
            "confidence": found.published_confidence,
            "reasons": found.date_reasons or [],
            "cleaning": found.cleaning or [],
            "text": found.text,
        }
    if as_json:
        print_json(data)
        return
    console.print(f"[bold]{data['key']}[/bold]  {data['title'] or ''}")
    console.print(
        f"Date: {data['published'] or 'unknown'} (between {data['earliest'] or '?'} and "
        f"{data['latest'] or '?'}, confidence {data['confidence'] or 0:.2f})"
    )
    for reason in data["reasons"]:
        console.print(f"  - {reason}", highlight=False)
    if explain:
        for number, kept, rule, text in data["cleaning"]:
            mark = "kept" if kept else "DROP"
            console.print(
                f"{number:>5} {mark:<5} {rule:<18} | {text}", highlight=False, markup=False
            )
    else:
        console.print(data["text"] or "", highlight=False, markup=False)


@reports_errors
def review(
    accept: Annotated[
        list[str] | None, typer.Option(help="Accept this candidate (repeat).")
    ] = None,
    reject: Annotated[
        list[str] | None, typer.Option(help="Reject this candidate (repeat).")
    ] = None,
    edit: Annotated[str | None, typer.Option(help="Candidate to edit with --set.")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="field=value for --edit.")] = None,
    accept_above: Annotated[
        float | None,
        typer.Option(
            min=0, max=1, help="Accept every pending candidate with at least this confidence."
        ),
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--type", help="Only candidates of this type.")
    ] = None,
    status: Annotated[str, typer.Option(help="pending, accepted, rejected or all.")] = "pending",
    coalition: Annotated[str | None, typer.Option(help="Coalition for sizes and members.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List candidates, or accept, edit and reject them. Accepted ones become records."""
    from coalition.coalitions.services import get_coalition
    from coalition.errors import CoalitionError
    from coalition.intake import review as actions

    with opened(db) as session:
        if status not in ("pending", "accepted", "rejected", "all"):
            raise typer.BadParameter("pending, accepted, rejected or all", param_hint="--status")
        if edit is not None:
            if any("=" not in item for item in set_ or []):
                raise typer.BadParameter("write field=value", param_hint="--set")
            changes = dict(item.split("=", 1) for item in (set_ or []))
            edited = actions.get_candidate(session, edit)
            actions.edit(edited, changes)
            actions.decided(session, operator(), "edit", edited)
            console.print(f"Edited candidate {edit}.")
        for ident in reject or []:
            rejected = actions.get_candidate(session, ident)
            actions.reject(rejected)
            actions.decided(session, operator(), "reject", rejected)
        chosen = [actions.get_candidate(session, i) for i in accept or []]
        bulk = (
            []
            if accept_above is None
            else [
                c
                for c in actions.list_candidates(session, "pending", kind)
                if c.confidence >= accept_above and c.candidate_type in actions.BUILDERS
            ]
        )
        if chosen or bulk:
            try:
                target = get_coalition(session, coalition)
            except CoalitionError:
                if coalition is not None:  # a coalition the user named must exist
                    raise
                target = None
            for candidate in chosen:  # named by the user: any error stops everything
                actions.accept(session, candidate, target)
            skipped = actions.accept_many(session, bulk, target)
            left_out = {c.id for c, _ in skipped}
            for candidate in [*chosen, *bulk]:
                if candidate.id not in left_out:
                    actions.decided(session, operator(), "accept", candidate)
            console.print(
                f"Accepted {len(chosen) + len(bulk) - len(skipped)} candidate(s); "
                f"rejected {len(reject or [])}; skipped {len(skipped)}."
            )
            for candidate, reason in skipped:
                console.print(
                    f"  skipped {candidate.id} ({candidate.candidate_type}): {reason}",
                    highlight=False,
                )
            return
        if reject:
            console.print(f"Rejected {len(reject)} candidate(s).")
            return
        rows: list[dict[str, Any]] = [
            {
                "id": c.id,
                "key": c.key,
                "type": c.candidate_type,
                "status": c.status.value,
                "confidence": round(c.confidence, 2),
                "fields": c.fields,
                "spans": c.spans,
            }
            for c in actions.list_candidates(session, None if status == "all" else status, kind)
        ]
    if as_json:
        print_json(rows)
        return
    from rich.table import Table

    table = Table("id", "type", "conf.", "fields", "evidence", title=f"Candidates ({len(rows)})")
    for row in rows:
        summary = ", ".join(
            f"{k}={v}" for k, v in row["fields"].items() if v not in (None, "") and k != "quote"
        )
        words = row["spans"][0]["text"] if row["spans"] else ""
        table.add_row(
            str(row["id"]), row["type"], f"{row['confidence']:.2f}", summary[:80], words[:80]
        )
    console.print(table)


@reports_errors
def evaluate(
    gold: Annotated[Path, typer.Argument(help="A gold file (see tests/gold/).")],
    misses: Annotated[bool, typer.Option(help="List every missed and extra fact.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Precision, recall and F1 per candidate type, speaker accuracy and dating error."""
    from rich.table import Table

    from coalition.intake.evaluation import evaluate as run_evaluation

    report = run_evaluation(gold)
    if as_json:
        print_json(report.as_dict())
        return
    table = Table(
        "type",
        "gold",
        "found",
        "matched",
        "precision",
        "recall",
        "F1",
        title=f"Evaluation against {gold.name}",
    )
    for kind, score in report.scores.items():
        table.add_row(
            kind,
            str(score.gold),
            str(score.found),
            str(score.matched),
            f"{score.precision:.2f}",
            f"{score.recall:.2f}",
            f"{score.f1:.2f}",
        )
    console.print(table)
    console.print(
        f"Speaker accuracy: {report.speaker_accuracy:.2f} "
        f"({report.speakers_right}/{report.speakers_total})"
    )
    within = sum(1 for *_x, error in report.dating if error is not None and error <= 3)
    console.print(f"Dating: {within}/{len(report.dating)} within 3 days")
    for document, inferred, true, error in report.dating:
        console.print(
            f"  {document}: inferred {inferred or 'none'}, true {true}, "
            f"error {error if error is not None else '-'} days",
            highlight=False,
        )
    if misses:
        for line in report.misses:
            console.print(f"  {line}", highlight=False, markup=False)
