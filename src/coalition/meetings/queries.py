"""Meetings as the timeline and a meeting's page show them: rows filtered in the database, and
everything the record holds about one meeting with the sources behind it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any

from sqlalchemy import Select, or_, select, union_all
from sqlalchemy.orm import Session, lazyload, selectinload
from sqlalchemy.orm.strategy_options import _AbstractLoad as LoaderOption

from coalition.errors import NotFound
from coalition.meetings.models import (
    Meeting,
    MeetingLevel,
    MeetingParticipant,
    MeetingStatus,
    ParticipantRole,
)
from coalition.money.models import Pledge
from coalition.money.services import PledgeState, pledge_state
from coalition.partners.models import Actor
from coalition.partners.queries import (
    Section,
    evidence_of,
    just,
    section,
    statement_dict,
    with_evidence,
)
from coalition.provenance.models import Evidence, Record, Source
from coalition.statements.models import Statement
from coalition.storage.matching import contains
from coalition.vocabulary import qualified

HOSTING = (ParticipantRole.HOST, ParticipantRole.CO_HOST, ParticipantRole.CHAIR)


def _participants_with_actors() -> list[LoaderOption]:
    participants = selectinload(Meeting.participants)
    return [
        participants.lazyload(MeetingParticipant.evidence),
        participants.selectinload(MeetingParticipant.actor).lazyload("*"),
    ]


def meetings_query(
    *,
    start: date | None = None,
    end: date | None = None,
    level: MeetingLevel | None = None,
    status: MeetingStatus | None = None,
    place: str | None = None,
) -> Select[Any]:
    """Meetings in date order (undated last), starting within [start, end] when given.

    `place` is matched, case-blind, against the city, the venue and the country's name or code.
    """
    statement = select(Meeting).options(
        lazyload(Meeting.evidence), just(Meeting.country), *_participants_with_actors()
    )
    if start is not None:
        statement = statement.where(Meeting.start_date >= start)
    if end is not None:
        statement = statement.where(Meeting.start_date <= end)
    if level is not None:
        statement = statement.where(Meeting.level == level)
    if status is not None:
        statement = statement.where(Meeting.status == status)
    if place:
        countries = select(Actor.id).where(
            or_(contains(Actor.name, place), Actor.code == place.upper())
        )
        statement = statement.where(
            or_(
                contains(Meeting.city, place),
                contains(Meeting.venue, place),
                Meeting.country_id.in_(countries),
            )
        )
    return statement.order_by(Meeting.start_date.is_(None), Meeting.start_date, Meeting.id)


def place_of(meeting: Meeting) -> str | None:
    """Venue, city and country, as far as they are known."""
    country = meeting.country.name if meeting.country else None
    parts = [p for p in (meeting.venue, meeting.city, country) if p]
    return ", ".join(parts) or None


def _count_text(count: int | None, qualifier: Any) -> str | None:
    return None if count is None else qualified(count, qualifier)


def meeting_row(meeting: Meeting) -> dict[str, Any]:
    return {
        "key": meeting.key,
        "title": meeting.title,
        "level": meeting.level.value,
        "format": meeting.format.value if meeting.format else None,
        "status": meeting.status.value,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date or meeting.start_date,
        "place": place_of(meeting),
        "city": meeting.city,
        "venue": meeting.venue,
        "country": meeting.country.code if meeting.country else None,
        "track": meeting.track,
        "hosts": [p.actor.name for p in meeting.participants if p.role in HOSTING],
        "invited": _count_text(meeting.invited_count, meeting.invited_qualifier),
        "attending": _count_text(meeting.attending_count, meeting.attending_qualifier),
    }


def by_year(rows: Iterable[dict[str, Any]]) -> list[tuple[int | None, list[dict[str, Any]]]]:
    """Rows (already in date order) grouped by the year they start in; undated ones last."""

    def year(row: dict[str, Any]) -> int | None:
        return row["start_date"].year if row["start_date"] else None

    return [(y, list(group)) for y, group in groupby(rows, key=year)]


@dataclass(frozen=True)
class Span:
    start: int | None
    end: int | None
    text: str | None
    record_key: str
    record_kind: str


@dataclass
class SourceUse:
    """One source of a meeting's page and the spans of it that back the page's records."""

    key: str
    title: str | None
    spans: list[Span]


@dataclass
class MeetingProfile:
    meeting: Meeting
    pledges: Section  # of (Pledge, PledgeState)
    statements: Section
    sources: list[SourceUse]

    def delegations(self) -> list[MeetingParticipant]:
        """Participants in the order of their roles (hosts first), then by name."""
        order = list(ParticipantRole)
        return sorted(
            self.meeting.participants, key=lambda p: (order.index(p.role), p.actor.name, p.id)
        )

    def with_role(self, *roles: ParticipantRole) -> list[MeetingParticipant]:
        return [p for p in self.delegations() if p.role in roles]


def get_meeting(session: Session, key: str) -> Meeting:
    participants = selectinload(Meeting.participants)
    statement = (
        select(Meeting)
        .where(Meeting.key == key)
        .options(
            with_evidence(Meeting.evidence),
            just(Meeting.country),
            selectinload(Meeting.parent).options(lazyload(Meeting.evidence), just(Meeting.country)),
            selectinload(Meeting.tracks).options(lazyload(Meeting.evidence), just(Meeting.country)),
            participants.options(
                with_evidence(MeetingParticipant.evidence),
                just(MeetingParticipant.actor),
                just(MeetingParticipant.head),
            ),
        )
    )
    meeting = session.scalar(statement)
    if meeting is None:
        raise NotFound(f"no meeting with key {key!r}")
    return meeting


def meeting_profile(session: Session, key: str) -> MeetingProfile:
    """Everything a meeting's page shows: who came, what was pledged and said, every source."""
    meeting = get_meeting(session, key)
    return MeetingProfile(
        meeting=meeting,
        pledges=_pledges(session, meeting),
        statements=_statements(session, meeting),
        sources=_sources(session, meeting),
    )


def _pledges(session: Session, meeting: Meeting) -> Section:
    statement = select(Pledge).where(Pledge.meeting_id == meeting.id).order_by(Pledge.id)
    found = section(
        session,
        statement,
        with_evidence(Pledge.evidence),
        selectinload(Pledge.transactions).lazyload("*"),
        just(Pledge.donor),
    )
    found.items = [(pledge, pledge_state(pledge)) for pledge in found.items]
    return found


def _statements(session: Session, meeting: Meeting) -> Section:
    statement = (
        select(Statement)
        .where(Statement.meeting_id == meeting.id)
        .order_by(Statement.said_on.is_(None), Statement.said_on, Statement.id)
    )
    return section(
        session,
        statement,
        with_evidence(Statement.evidence),
        just(Statement.speaker),
        just(Statement.affiliation),
        lazyload(Statement.meeting),
    )


def _sources(session: Session, meeting: Meeting) -> list[SourceUse]:
    """Every source span behind the meeting, its delegations, and what was pledged and said there
    (all of them, not only the rows the page lists), grouped by source."""
    records = union_all(
        select(Meeting.id).where(Meeting.id == meeting.id),
        select(MeetingParticipant.id).where(MeetingParticipant.meeting_id == meeting.id),
        select(Pledge.id).where(Pledge.meeting_id == meeting.id),
        select(Statement.id).where(Statement.meeting_id == meeting.id),
    )
    found = session.execute(
        select(
            Source.key,
            Source.title,
            Evidence.span_start,
            Evidence.span_end,
            Evidence.text,
            Record.key,
            Record.kind,
        )
        .join(Source, Source.id == Evidence.source_id)
        .join(Record, Record.id == Evidence.record_id)
        .where(Evidence.record_id.in_(records))
        .order_by(Source.key, Evidence.span_start, Evidence.id)
    )
    uses: dict[str, SourceUse] = {}
    for source, title, start, end, text, record_key, kind in found:
        use = uses.setdefault(source, SourceUse(source, title, []))
        use.spans.append(Span(start, end, text, record_key, kind))
    return list(uses.values())


def _meeting_ref(meeting: Meeting | None) -> dict[str, Any] | None:
    return None if meeting is None else {"key": meeting.key, "title": meeting.title}


def _participant_dict(participant: MeetingParticipant) -> dict[str, Any]:
    return {
        "key": participant.key,
        "actor": participant.actor.name,
        "actor_key": participant.actor.key,
        "role": participant.role.value,
        "head": participant.head.name if participant.head else None,
        "evidence": evidence_of(participant),
    }


def _pledge_dict(pledge: Pledge, state: PledgeState) -> dict[str, Any]:
    return {
        "key": pledge.key,
        "donor": pledge.donor_name(),
        "amount": pledge.amount,
        "currency": pledge.currency,
        "qualifier": pledge.qualifier.value if pledge.qualifier else None,
        "purpose": pledge.purpose,
        "status": state.status,
        "disbursed": state.disbursed,
        "evidence": evidence_of(pledge),
    }


def profile_dict(profile: MeetingProfile) -> dict[str, Any]:
    """The meeting's page as plain values, for the API."""
    meeting = profile.meeting
    return {
        **meeting_row(meeting),
        "outcomes": meeting.outcomes,
        "parent": _meeting_ref(meeting.parent),
        "tracks": [meeting_row(track) for track in meeting.tracks],
        "participants": [_participant_dict(p) for p in profile.delegations()],
        "pledges": {
            "total": profile.pledges.total,
            "items": [_pledge_dict(p, s) for p, s in profile.pledges.items],
        },
        "statements": {
            "total": profile.statements.total,
            "items": [statement_dict(s) for s in profile.statements.items],
        },
        "evidence": evidence_of(meeting),
        "sources": [
            {"source": use.key, "title": use.title, "spans": [vars(s) for s in use.spans]}
            for use in profile.sources
        ],
    }
