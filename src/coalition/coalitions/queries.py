"""A coalition at a glance, as the overview page and its API show it.

Every part is one or two bounded queries (the newest few rows, or sums grouped in the database), so
the overview of a record with 50,000 pledges and 200,000 figures costs about what the demo's does.
Records that name no coalition (intake may accept a meeting or a pledge without one) are shown with
every coalition: in a database of one coalition they can only be about it.

Rows are dicts of plain values, as every list of the web interface has them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    case,
    func,
    or_,
    select,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, lazyload

from coalition.coalitions.models import Coalition, Membership, MembershipRole, ReportedSize
from coalition.coalitions.services import every_coalition, get_coalition
from coalition.figures.models import Figure
from coalition.meetings.models import Meeting
from coalition.money.models import Pledge, Target
from coalition.money.queries import pledged_now
from coalition.partners.queries import just
from coalition.provenance.highlight import span_url
from coalition.provenance.models import Evidence, Source
from coalition.statements.models import Statement

Row = dict[str, Any]

# How much each part of the overview shows; the pages of each part list the rest.
SIZE_POINTS = 200
MEETINGS_EACH_WAY = 5
LATEST_STATEMENTS = 5
KEY_FIGURES = 8
# Key figures come from the newest figures only: at most this many are read to find them.
FIGURES_SCANNED = 2000


def coalition_choices(session: Session) -> list[Row]:
    """Every coalition in the database, by key: what a reader may choose between."""
    found = session.scalars(every_coalition().options(just(Coalition.names)))
    return [{"key": c.key, "name": c.label()} for c in found]


def chosen_coalition(session: Session, key: str | None, choices: Sequence[Row]) -> Coalition | None:
    """The coalition named by `key`; without one, the only coalition, or None when the reader
    must choose (none recorded yet, or several). An unknown key is NotFound."""
    if key is None and len(choices) != 1:
        return None
    # By key even when there is only one: found among the coalitions just read, in one query.
    return get_coalition(session, key if key is not None else choices[0]["key"])


def overview(session: Session, coalition: Coalition, today: date) -> Row:
    """Everything the overview shows about `coalition`, as of `today`."""
    return {
        "coalition": {
            "key": coalition.key,
            "name": coalition.label(),
            "founded": coalition.founded,
        },
        "membership": {
            "reported": reported_sizes(session, coalition),
            "named": named_members(session, coalition),
        },
        "meetings": meeting_timeline(session, coalition, today),
        "money": money_against_targets(session, coalition),
        "statements": latest_statements(session),
        "figures": key_figures(session),
    }


def _ours(column: InstrumentedAttribute[int | None], coalition: Coalition) -> ColumnElement[bool]:
    return or_(column == coalition.id, column.is_(None))


def _span_link(source: str, start: int | None, end: int | None, text: str | None) -> Row:
    return {
        "source": source,
        "start": start,
        "end": end,
        "text": text,
        "url": span_url(source, start, end),
    }


# Membership over time.


def reported_sizes(session: Session, coalition: Coalition) -> list[Row]:
    """The sizes sources reported, oldest first (the newest `SIZE_POINTS` when there are more)."""
    newest = session.scalars(
        select(ReportedSize)
        .where(ReportedSize.coalition_id == coalition.id)
        .options(lazyload(ReportedSize.evidence))
        .order_by(ReportedSize.as_of.desc(), ReportedSize.key)
        .limit(SIZE_POINTS)
    ).all()
    links = _first_spans(session, [size.id for size in newest])
    return [
        {
            "key": size.key,
            "as_of": size.as_of,
            "count": size.count,
            "qualifier": size.qualifier.value if size.qualifier else None,
            "counts": size.counts,
            "evidence": links.get(size.id),
        }
        for size in reversed(newest)
    ]


def named_members(session: Session, coalition: Coalition) -> list[Row]:
    """How many members we know by name, on each date that number changes (a step line).

    A member counts from the day it joined (or, when no joining date is known, the day a source
    first shows it as a member) until the day it left; an actor several sources name counts once.
    """
    spans = session.execute(
        select(
            Membership.actor_id,
            func.coalesce(Membership.joined, Membership.observed_on),
            Membership.left_on,
        ).where(Membership.coalition_id == coalition.id, Membership.role == MembershipRole.MEMBER)
    ).all()
    changes = sorted({began for _, began, _ in spans} | {left for _, _, left in spans if left})
    points = []
    for on in changes:
        members = {
            actor for actor, began, left in spans if began <= on and (left is None or on < left)
        }
        points.append({"on": on, "count": len(members)})
    return points


# Meetings.


def meeting_timeline(session: Session, coalition: Coalition, today: date) -> Row:
    """The latest meetings up to `today` (newest first) and the next ones after it."""
    base = (
        select(Meeting)
        .where(_ours(Meeting.coalition_id, coalition), Meeting.start_date.is_not(None))
        .options(lazyload(Meeting.evidence), just(Meeting.country))
        .limit(MEETINGS_EACH_WAY)
    )
    recent = base.where(Meeting.start_date <= today).order_by(
        Meeting.start_date.desc(), Meeting.key
    )
    upcoming = base.where(Meeting.start_date > today).order_by(Meeting.start_date, Meeting.key)
    return {
        "recent": [meeting_row(m) for m in session.scalars(recent)],
        "upcoming": [meeting_row(m) for m in session.scalars(upcoming)],
    }


def meeting_row(meeting: Meeting) -> Row:
    return {
        "key": meeting.key,
        "title": meeting.title,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "dates": meeting.dates(),
        "level": meeting.level.value,
        "status": meeting.status.value,
        "place": meeting.place() if (meeting.venue or meeting.city) else None,
        "country": meeting.country.name if meeting.country else None,
    }


# Money.


def money_against_targets(session: Session, coalition: Coalition) -> list[Row]:
    """Per currency (never converted): the total pledged, and each target with what was raised
    towards it. A target set at a meeting counts the pledges made at that meeting; any other
    target counts all of the coalition's pledges in its currency."""
    targets = session.scalars(
        select(Target)
        .where(_ours(Target.coalition_id, coalition))
        .options(lazyload(Target.evidence), just(Target.meeting))
        .order_by(Target.currency, Target.set_on, Target.key)
    ).all()
    meetings = {t.meeting_id for t in targets if t.meeting_id is not None}
    by_currency, by_meeting = pledged_totals(session, coalition, meetings)
    currencies = sorted(set(by_currency) | {t.currency for t in targets})
    return [
        {
            "currency": currency,
            "pledged": by_currency.get(currency, Decimal(0)),
            "targets": [
                target_row(t, by_currency, by_meeting) for t in targets if t.currency == currency
            ],
        }
        for currency in currencies
    ]


def target_row(
    target: Target, by_currency: dict[str, Decimal], by_meeting: dict[tuple[int, str], Decimal]
) -> Row:
    if target.meeting_id is not None:
        raised = by_meeting.get((target.meeting_id, target.currency), Decimal(0))
    else:
        raised = by_currency.get(target.currency, Decimal(0))
    share = raised / target.amount * 100 if target.amount else None
    return {
        "key": target.key,
        "amount": target.amount,
        "qualifier": target.qualifier.value if target.qualifier else None,
        "purpose": target.purpose,
        "set_on": target.set_on,
        "deadline": target.deadline,
        "meeting": target.meeting.key if target.meeting else None,
        "meeting_title": target.meeting.title if target.meeting else None,
        "raised": raised,
        "percent": round(float(share), 1) if share is not None else None,
    }


PerCurrency = dict[str, Decimal]
PerMeeting = dict[tuple[int, str], Decimal]


def pledged_totals(
    session: Session, coalition: Coalition, meetings: set[int]
) -> tuple[PerCurrency, PerMeeting]:
    """The amount now pledged per currency, and per (meeting, currency) for `meetings`, by the
    money pages' rule (`money.queries.pledged_now`).

    Unlike the money page's targets, no date window applies: the overview shows everything
    pledged to the coalition, and a meeting's target everything pledged at that meeting.
    """
    # The table, not the mapped class: these sums need no column of the shared records table.
    pledges = Pledge.__table__.c
    if session.get_bind().dialect.name == "sqlite":
        return _pledged_totals_sqlite(session, coalition, meetings)
    ours = or_(pledges.coalition_id == coalition.id, pledges.coalition_id.is_(None))
    # One pass over the pledges: each is summed under its meeting when that meeting has a
    # target, else under none, and the currency's total adds up every group.
    at = case((pledges.meeting_id.in_(meetings), pledges.meeting_id))
    by_currency: PerCurrency = defaultdict(Decimal)
    by_meeting: PerMeeting = {}
    for (meeting, currency), amount in pledged_now(session, [at], ours).items():
        by_currency[currency] += amount
        if meeting is not None:
            by_meeting[(meeting, currency)] = amount
    return dict(by_currency), by_meeting


def _pledged_totals_sqlite(
    session: Session, coalition: Coalition, meetings: set[int]
) -> tuple[PerCurrency, PerMeeting]:
    """`pledged_totals` in the form SQLite runs fastest (the single pass suits PostgreSQL).

    SQLite served "the coalition's or none" through the coalition index, twice over, fetching
    nearly every pledge one by one; written so that no index can serve it, the table is read
    through. And the few meetings with a target have their pledges summed in a query of their
    own, through the meeting index. On 20,000 pledges: 28-34 ms against 48-51 for the single
    pass; PostgreSQL took 24 ms for the single pass and 25-38 for this.
    """
    pledges = Pledge.__table__.c
    ours = func.coalesce(pledges.coalition_id, coalition.id) == coalition.id
    totals = pledged_now(session, [], ours)
    by_currency = {currency: amount for (currency,), amount in totals.items()}
    by_meeting: PerMeeting = {}
    if meetings:
        at = pledged_now(session, [pledges.meeting_id], ours, pledges.meeting_id.in_(meetings))
        by_meeting = {(meeting, currency): amount for (meeting, currency), amount in at.items()}
    return by_currency, by_meeting


# Statements and figures.


def latest_statements(session: Session) -> list[Row]:
    """The newest dated statements, with their speakers and the span each was read from."""
    found = session.scalars(
        select(Statement)
        .where(Statement.said_on.is_not(None))
        .options(
            # Speakers for their names only: their own evidence would be two queries more.
            just(Statement.speaker),
            just(Statement.affiliation),
            lazyload(Statement.evidence),
        )
        .order_by(Statement.said_on.desc(), Statement.key)
        .limit(LATEST_STATEMENTS)
    ).all()
    links = _first_spans(session, [s.id for s in found])
    return [
        {
            "key": s.key,
            "speaker": s.speaker_name(),
            "speaker_key": s.speaker.key if s.speaker else None,
            "said_on": s.said_on,
            "words": s.words(),
            "evidence": links.get(s.id),
        }
        for s in found
    ]


def key_figures(session: Session) -> list[Row]:
    """The latest value of each of the most recently reported subjects (dated figures only).

    Walking the newest figures and keeping the first of each subject gives each subject's latest
    value without grouping the whole table; the walk stops after `FIGURES_SCANNED` rows.
    """
    newest = session.scalars(
        select(Figure)
        .where(Figure.as_of.is_not(None))
        .order_by(Figure.as_of.desc(), Figure.key)
        .options(lazyload(Figure.evidence))
        .limit(FIGURES_SCANNED)
        # Small batches: the walk mostly ends within the first few rows, and every row of a
        # batch is built into an object whether or not the walk reaches it.
        .execution_options(yield_per=KEY_FIGURES * 4)
    )
    chosen: dict[str, Figure] = {}
    for figure in newest:
        chosen.setdefault(figure.subject, figure)
        if len(chosen) == KEY_FIGURES:
            break
    newest.close()
    links = _first_spans(session, [f.id for f in chosen.values()])
    return [
        {
            "key": f.key,
            "subject": f.subject,
            "value": f.value,
            "unit": f.unit,
            "qualifier": f.qualifier.value if f.qualifier else None,
            "text": f.amount_text(),
            "as_of": f.as_of,
            "evidence": links.get(f.id),
        }
        for f in chosen.values()
    ]


def _first_spans(session: Session, ids: Sequence[int]) -> dict[int, Row]:
    """For each record of `ids`, the first span of a source among its evidence, with the URL that
    highlights it; in one query that reads only the columns a link needs (loaded as objects,
    each piece of evidence would bring its whole source, text and all)."""
    if not ids:
        return {}
    span = (Evidence.span_start, Evidence.span_end, Evidence.text)
    found = session.execute(
        select(Evidence.record_id, Source.key, *span)
        .join(Source, Source.id == Evidence.source_id)
        .where(Evidence.record_id.in_(ids))
        .order_by(Evidence.id)
    )
    links: dict[int, Row] = {}
    for record_id, source, start, end, text in found:
        if record_id not in links:
            links[record_id] = _span_link(source, start, end, text)
    return links
