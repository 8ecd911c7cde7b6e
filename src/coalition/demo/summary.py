"""What `coalition demo` prints: the coalition at a glance, read back from the database."""

from __future__ import annotations

from datetime import date

from rich.console import Console

from coalition.coalitions.services import get_coalition, membership_on
from coalition.demo.build import DemoResult
from coalition.figures.services import list_figures
from coalition.meetings.services import timeline
from coalition.money.models import money
from coalition.money.services import list_pledges, list_targets
from coalition.statements.services import list_statements
from coalition.storage.database import sqlite_url, transaction
from coalition.vocabulary import qualified

SNAPSHOT = date(2019, 2, 6)


def print_summary(result: DemoResult, console: Console | None = None) -> None:
    out = console or Console(soft_wrap=True)
    out.print(f"[bold]Demo database[/bold]: {result.path}")
    if result.seeds:
        out.print(f"Attached the text of {result.attached} seed reports from {result.seeds}.")
    else:
        out.print("Seed reports not found (../shared/seeds): spans are kept as offsets only.")
    with transaction(sqlite_url(result.path)) as session:
        coalition = get_coalition(session, None)
        view = membership_on(session, coalition, SNAPSHOT)
        out.print(f"\n[bold]{coalition.name_at(SNAPSHOT)}[/bold] on {SNAPSHOT}")
        for size in view.latest_sizes:
            out.print(
                f"  reported size {qualified(size.count, size.qualifier)} "
                f"({size.counts or 'members'}), known by name {view.named_count}, "
                f"unaccounted for {view.unaccounted(size)}"
            )
        out.print("\n[bold]Meetings[/bold]")
        for meeting in timeline(session):
            indent = "    " if meeting.parent_id else "  "
            out.print(
                f"{indent}{meeting.dates()}  {meeting.title} ({meeting.place()}, "
                f"{meeting.status.value})",
                highlight=False,
            )
        out.print("\n[bold]Money[/bold]")
        for pledge in list_pledges(session):
            out.print(
                f"  raised {money(pledge.amount, pledge.currency, pledge.qualifier)}"
                f" — {pledge.purpose or ''}",
                highlight=False,
            )
        for target in list_targets(session):
            out.print(
                f"  aim {money(target.amount, target.currency, target.qualifier)}"
                f" — {target.purpose or ''}",
                highlight=False,
            )
        out.print(
            f"\n{len(list_figures(session))} figures, "
            f"{len(list_statements(session))} statements, all with their sources."
        )
    if result.reports:
        out.print(
            f"Ingested {result.reports} reports of the demo corpus (examples/corpus): "
            f"{result.candidates} candidate facts await review."
        )
    out.print(f"\nTry: coalition members --at {SNAPSHOT} --db {result.path}")
    out.print(f"     coalition statements --speaker Carter --db {result.path}")
    out.print(f"     coalition review --type meeting --db {result.path}")
