"""Read-only questions about the record: members, meetings, pledges, figures, statements."""

from __future__ import annotations

import enum
from datetime import date
from typing import Annotated, Any

import typer
from rich.table import Table

from coalition.cli.common import (
    DbOption,
    JsonOption,
    console,
    opened,
    parse_day,
    print_json,
    reports_errors,
)
from coalition.coalitions.models import Membership, ReportedSize
from coalition.coalitions.services import MembershipOnDate, get_coalition, membership_on
from coalition.figures.services import conflicts, list_figures
from coalition.meetings.services import timeline
from coalition.money.models import money
from coalition.money.services import list_pledges, list_targets, pledge_state, totals
from coalition.provenance.queries import evidence_dict
from coalition.statements.services import list_statements
from coalition.storage.base import format_decimal
from coalition.vocabulary import Qualifier, qualified


class GroupBy(enum.StrEnum):
    DONOR = "donor"
    LINE = "line"
    MEETING = "meeting"


@reports_errors
def members(
    at: Annotated[
        str, typer.Option("--at", help="The date (YYYY-MM-DD).")
    ] = date.today().isoformat(),
    coalition: Annotated[
        str | None, typer.Option(help="Coalition key (needed if several).")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who was a member on a date: the sizes sources reported, and the members known by name."""
    on = parse_day(at, "--at")
    assert on is not None
    with opened(db) as session:
        view = membership_on(session, get_coalition(session, coalition), on)
        data = _membership_json(view)
    if as_json:
        print_json(data)
    else:
        _print_membership(data)


def _qualifier(value: str | None) -> Qualifier | None:
    return Qualifier(value) if value else None


def _size_json(size: ReportedSize, view: MembershipOnDate) -> dict[str, Any]:
    return {
        "id": size.id,
        "key": size.key,
        "count": size.count,
        "qualifier": size.qualifier.value if size.qualifier else None,
        "counts": size.counts,
        "as_of": size.as_of,
        "unaccounted": view.unaccounted(size),
        "sources": [evidence_dict(e) for e in size.evidence],
    }


def _member_json(m: Membership) -> dict[str, Any]:
    return {
        "key": m.actor.key,
        "name": m.actor.name,
        "kind": m.actor.actor_kind.value,
        "joined": m.joined,
        "observed_on": m.observed_on,
        "record": m.key,
    }


def _membership_json(view: MembershipOnDate) -> dict[str, Any]:
    return {
        "coalition": {"key": view.coalition.key, "name": view.coalition.name_at(view.on)},
        "date": view.on,
        "reported_sizes": [_size_json(s, view) for s in view.latest_sizes],
        "earlier_reported_sizes": [_size_json(s, view) for s in view.earlier_sizes],
        "named_count": view.named_count,
        "named_members": [_member_json(m) for m in view.members],
        "observers": [_member_json(m) for m in view.observers],
    }


def _print_membership(data: dict[str, Any]) -> None:
    console.print(f"[bold]{data['coalition']['name']}[/bold] on {data['date']}")
    if not data["reported_sizes"]:
        console.print("No size reported on or before this date.")
    for size in data["reported_sizes"]:
        cited = ", ".join(sorted({s.get("source") or s.get("entered_by") for s in size["sources"]}))
        what = size["counts"] or "members"
        console.print(
            f"Reported size: {qualified(size['count'], _qualifier(size['qualifier']))} {what} "
            f"(as of {size['as_of']}; source: {cited})"
        )
        console.print(
            f"  Known by name: {data['named_count']}; unaccounted for: {size['unaccounted']}"
        )
    for size in data["earlier_reported_sizes"]:
        console.print(
            # The JSON form holds the qualifier's value, not the enum.
            f"Earlier: {qualified(size['count'], _qualifier(size['qualifier']))} "
            f"{size['counts'] or 'members'} as of {size['as_of']}"
        )
    table = Table("key", "member", "since", title=f"Members known by name ({data['named_count']})")
    for m in data["named_members"]:
        since = f"joined {m['joined']}" if m["joined"] else f"seen {m['observed_on']}"
        table.add_row(m["key"], m["name"], since)
    console.print(table)
    if data["observers"]:
        console.print("Observers (not counted): " + ", ".join(o["name"] for o in data["observers"]))


@reports_errors
def meetings(
    start: Annotated[str | None, typer.Option("--from", help="First date (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date (YYYY-MM-DD).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The meeting timeline."""
    with opened(db) as session:
        rows: list[dict[str, Any]] = [
            {
                "id": m.id,
                "key": m.key,
                "title": m.title,
                "level": m.level.value,
                "status": m.status.value,
                "start": m.start_date,
                "end": m.end_date,
                "place": m.place(),
                "country": m.country.key if m.country else None,
                "parent": m.parent.key if m.parent else None,
                "track": m.track,
                "attendance": m.attendance(),
                "participants": [p.label() for p in m.participants],
            }
            for m in timeline(session, parse_day(start, "--from"), parse_day(end, "--to"))
        ]
    if as_json:
        print_json(rows)
        return
    table = Table("date", "meeting", "level", "place", "status", "attendance", title="Meetings")
    for row in rows:
        title = f"  ↳ {row['title']}" if row["parent"] else row["title"]
        when = str(row["start"] or "undated")
        table.add_row(when, title, row["level"], row["place"], row["status"], row["attendance"])
    console.print(table)


@reports_errors
def pledges(
    by: Annotated[
        GroupBy | None, typer.Option("--by", help="Totals per donor, line or meeting.")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Pledges with their derived status; with --by, totals per group and currency."""
    with opened(db) as session:
        found = list_pledges(session)
        if by is not None:
            grouped = totals(found, by.value)
            data: Any = {
                "by": by.value,
                "totals": [
                    {"group": g, "currency": c, "amount": format_decimal(a)}
                    for g, per in grouped.items()
                    for c, a in sorted(per.items())
                ],
            }
        else:
            data = {
                "pledges": [_pledge_json(p) for p in found],
                "targets": [
                    {
                        "key": t.key,
                        "amount": t.amount,
                        "currency": t.currency,
                        "qualifier": t.qualifier,
                        "purpose": t.purpose,
                        "set_on": t.set_on,
                        "deadline": t.deadline,
                    }
                    for t in list_targets(session)
                ],
            }
    if as_json:
        print_json(data)
    elif by is not None:
        table = Table(by.value, "currency", "total pledged", title=f"Pledges by {by.value}")
        for row in data["totals"]:
            table.add_row(row["group"], row["currency"], f"{float(row['amount']):,.2f}")
        console.print(table)
    else:
        _print_pledges(data)


def _pledge_json(p: Any) -> dict[str, Any]:
    state = pledge_state(p)
    return {
        "id": p.id,
        "key": p.key,
        "donor": p.donor.key if p.donor else None,
        "donor_name": p.donor_name(),
        "amount": p.amount,
        "currency": p.currency,
        "qualifier": p.qualifier,
        "purpose": p.purpose,
        "pledged_on": p.pledged_on,
        "meeting": p.meeting.key if p.meeting else None,
        "status": state.status,
        "pledged_now": state.pledged,
        "disbursed": state.disbursed,
    }


def _print_pledges(data: dict[str, Any]) -> None:
    table = Table("date", "donor", "amount", "purpose", "status", title="Pledges")
    for p in data["pledges"]:
        table.add_row(
            str(p["pledged_on"] or "undated"),
            p["donor_name"],
            money(p["amount"], p["currency"], p["qualifier"]),
            p["purpose"] or "",
            p["status"],
        )
    console.print(table)
    for t in data["targets"]:
        console.print(
            f"Target: {money(t['amount'], t['currency'], t['qualifier'])} "
            f"for {t['purpose'] or 'unspecified purposes'} (set {t['set_on'] or 'undated'})"
        )


@reports_errors
def figures(
    subject: Annotated[str | None, typer.Option(help="Words of the subject.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Reported figures by subject; conflicting values for one subject and date are marked."""
    with opened(db) as session:
        found = list_figures(session, subject)
        clashing = conflicts(found)
        rows: list[dict[str, Any]] = [
            {
                "id": f.id,
                "key": f.key,
                "subject": f.subject,
                "value": f.value,
                "unit": f.unit,
                "qualifier": f.qualifier,
                "as_of": f.as_of,
                "place": f.place.key if f.place else None,
                "conflict": f.id in clashing,
                "sources": [evidence_dict(e) for e in f.evidence],
            }
            for f in found
        ]
    if as_json:
        print_json(rows)
        return
    table = Table("as of", "subject", "value", "source", title="Figures")
    for row, figure in zip(rows, found, strict=True):
        mark = " [red](conflict)[/red]" if row["conflict"] else ""
        cited = ", ".join(sorted({s.get("source") or "manual" for s in row["sources"]}))
        table.add_row(
            str(row["as_of"] or "undated"), row["subject"], figure.amount_text() + mark, cited
        )
    console.print(table)


@reports_errors
def statements(
    speaker: Annotated[str | None, typer.Option(help="Speaker key, name or description.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Statements with their speakers, optionally of one speaker."""
    with opened(db) as session:
        rows: list[dict[str, Any]] = [
            {
                "id": s.id,
                "key": s.key,
                "speaker": s.speaker.key if s.speaker else None,
                "speaker_name": s.speaker_name(),
                "speaker_title": s.speaker_title,
                "said_on": s.said_on,
                "quote": s.quote,
                "words": s.words(),
                "summary": s.summary,
                "sources": [evidence_dict(e) for e in s.evidence],
            }
            for s in list_statements(session, speaker)
        ]
    if as_json:
        print_json(rows)
        return
    table = Table("date", "speaker", "said", title=f"Statements ({len(rows)})")
    for row in rows:
        who = row["speaker_name"] + (f", {row['speaker_title']}" if row["speaker_title"] else "")
        table.add_row(str(row["said_on"] or "undated"), who, row["words"])
    console.print(table)
