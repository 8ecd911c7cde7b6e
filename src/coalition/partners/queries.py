"""Partners as lists and pages show them: plain rows, filtered in the database, and a profile.

A partner's page gathers what the record says about it from every part of the record. Each part is
one bounded query (the newest `SECTION_LIMIT` rows and a count), so a partner with thousands of
statements costs the same as one with three.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, and_, func, or_, select, union
from sqlalchemy.orm import Session, lazyload, selectinload

# The type SQLAlchemy gives its loader options (public only under this name), so they chain.
from sqlalchemy.orm.strategy_options import _AbstractLoad as LoaderOption

from coalition.coalitions.models import BodyLead, Membership, MembershipRole
from coalition.errors import InvalidInput, NotFound
from coalition.meetings.models import Meeting, MeetingParticipant
from coalition.money.models import Pledge
from coalition.money.services import PledgeState, pledge_state
from coalition.partners.models import Actor, ActorKind, Office
from coalition.partners.regions import codes_in, region_of, regions
from coalition.provenance.models import Evidence, Record, Source
from coalition.provenance.queries import evidence_dict, own_ids
from coalition.statements.models import Statement
from coalition.storage.matching import contains

# Kinds of actor that can be partners of a coalition (people and armed groups are not).
PARTNER_KINDS = (ActorKind.COUNTRY, ActorKind.ORGANISATION)

# How many rows each part of a partner's page shows (the newest first); the count says the rest.
# Each row carries its evidence, so a long page is slow to build and to read: 25 keeps the page
# well under 100 ms at the benchmark's scale.
SECTION_LIMIT = 25
PARTICIPANTS, STATEMENTS = MeetingParticipant.__table__, Statement.__table__


def member_on(on: date) -> Any:
    """SQL condition: the membership row is in force on `on` (observers excluded)."""
    began = Membership.joined.is_not(None) & (Membership.joined <= on)
    seen = Membership.joined.is_(None) & (Membership.observed_on <= on)
    return and_(
        Membership.role == MembershipRole.MEMBER,
        or_(began, seen),
        or_(Membership.left_on.is_(None), Membership.left_on > on),
    )


def partners_query(
    *,
    kind: ActorKind | None = None,
    member_at: date | None = None,
    members_only: bool = False,
    name: str | None = None,
    region: str | None = None,
) -> Select[Any]:
    """Actors that are countries or organisations, with the filters the partners list offers.

    Without a date, `members_only` keeps actors with any membership record at all. A region keeps
    the countries whose code our region table puts there (organisations have no region).
    """
    # A list row shows no evidence, so the evidence every record loads by default is skipped.
    statement = (
        select(Actor).where(Actor.actor_kind.in_(PARTNER_KINDS)).options(lazyload(Actor.evidence))
    )
    if kind is not None:
        statement = statement.where(Actor.actor_kind == kind)
    if member_at is not None:
        statement = statement.where(
            Actor.id.in_(select(Membership.actor_id).where(member_on(member_at)))
        )
    elif members_only:
        statement = statement.where(Actor.id.in_(select(Membership.actor_id)))
    if name:
        statement = statement.where(contains(Actor.name, name))
    if region:
        if region not in regions():
            raise InvalidInput(f"unknown region {region!r}; known: {', '.join(regions())}")
        statement = statement.where(Actor.code.in_(codes_in(region)))
    return statement.order_by(Actor.name, Actor.id)


def partner_region(actor: Actor) -> str | None:
    return region_of(actor.code) if actor.actor_kind is ActorKind.COUNTRY else None


def partner_row(actor: Actor) -> dict[str, Any]:
    return {
        "key": actor.key,
        "name": actor.name,
        "kind": actor.actor_kind.value,
        "code": actor.code,
        "region": partner_region(actor),
    }


def get_partner(session: Session, key: str) -> Actor:
    # The partner's own evidence (where its name came from) is shown nowhere on its page: it is
    # read only if asked for, not with the partner (a query less).
    actor = session.scalar(select(Actor).where(Actor.key == key).options(lazyload(Actor.evidence)))
    if actor is None:
        raise NotFound(f"no partner with key {key!r}")
    return actor


def with_evidence(relationship: Any) -> LoaderOption:
    """Load records' evidence with only the key of each source: pages link to sources, and a
    source's whole text is far too much to fetch for a link."""
    return selectinload(relationship).joinedload(Evidence.source).load_only(Source.key)


def just(relationship: Any) -> LoaderOption:
    """Load a related record for its name, without the evidence every record loads by default.

    In a second query by id, not joined: every record shares the `records` table, and SQLite
    cannot flatten the nested join that joining one would take, so it copies that whole table.
    """
    return selectinload(relationship).lazyload("*")


def evidence_of(record: Record) -> list[dict[str, Any]]:
    return [evidence_dict(e) for e in record.evidence]


@dataclass
class Section:
    """Some rows of one part of a page, and how many there are in all."""

    items: list[Any]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


@dataclass
class PartnerProfile:
    actor: Actor
    region: str | None
    memberships: list[Membership]
    leads: list[BodyLead]
    meetings: Section
    pledges: Section  # of (Pledge, PledgeState)
    pledged: dict[str, Decimal]  # currency -> the sum of all the partner's pledges
    statements: Section


def partner_profile(session: Session, key: str) -> PartnerProfile:
    """Everything a partner's page shows: memberships, leads, meetings, pledges, statements."""
    actor = get_partner(session, key)
    return PartnerProfile(
        actor=actor,
        region=partner_region(actor),
        memberships=_memberships(session, actor),
        leads=_leads(session, actor),
        meetings=_meetings(session, actor),
        pledges=_pledges(session, actor),
        pledged=_pledged(session, actor),
        statements=_statements(session, actor),
    )


def section(session: Session, statement: Select[Any], *options: LoaderOption) -> Section:
    """The first `SECTION_LIMIT` records of `statement` (one entity, ordered) and their count."""
    entity = statement.column_descriptions[0]["entity"]
    return section_of(session, entity, own_ids(statement), *options)


def section_of(session: Session, entity: Any, ids: Select[Any], *options: LoaderOption) -> Section:
    """The first `SECTION_LIMIT` records of `entity` that `ids` selects (ids alone, ordered),
    and their count.

    The page of ids is chosen first, on the bare table, and only those records are then loaded
    with their related rows: sorting thousands of rows joined to their speakers and meetings
    only to keep a hundred of them costs several times more. The count comes with the page (a
    window over the same rows, taken before the limit): counted in a query of its own, the
    selection was worked out twice, 3-5 ms more for a partner's 1,500 statements.
    """
    rows = session.execute(ids.add_columns(func.count().over()).limit(SECTION_LIMIT)).all()
    page = [row[0] for row in rows]
    if not page:
        return Section([], 0)
    loaded = session.scalars(select(entity).where(entity.id.in_(page)).options(*options)).unique()
    by_id = {record.id: record for record in loaded}
    return Section([by_id[i] for i in page], rows[0][1])


def _memberships(session: Session, actor: Actor) -> list[Membership]:
    statement = (
        select(Membership)
        .where(Membership.actor_id == actor.id)
        .options(with_evidence(Membership.evidence), just(Membership.coalition))
        .order_by(func.coalesce(Membership.joined, Membership.observed_on), Membership.id)
    )
    return list(session.scalars(statement))


def _leads(session: Session, actor: Actor) -> list[BodyLead]:
    statement = (
        select(BodyLead)
        .where(BodyLead.actor_id == actor.id)
        .options(with_evidence(BodyLead.evidence), just(BodyLead.body))
        .order_by(BodyLead.start_date, BodyLead.id)
    )
    return list(session.scalars(statement))


def attended_by(actor: Actor) -> Select[Any]:
    """Participations of the partner in meetings: as a delegation, or through a person who held
    one of its offices on the meeting's first day (hosts are often recorded as the minister)."""
    # The subclass tables are joined directly: both sides share the `records` base table, and
    # joining the mapped classes would make SQLAlchemy alias one of them.
    meetings, offices, participants = Meeting.__table__, Office.__table__, PARTICIPANTS
    # The inner selects read the participants' own table: the mapped class would join `records`
    # to it, which PostgreSQL then reads whole.
    through_office = (
        select(participants.c.id)
        .join(meetings, meetings.c.id == participants.c.meeting_id)
        .join(offices, offices.c.holder_id == participants.c.actor_id)
        .where(
            offices.c.organisation_id == actor.id,
            meetings.c.start_date.is_not(None),
            or_(offices.c.start_date.is_(None), offices.c.start_date <= meetings.c.start_date),
            or_(offices.c.end_date.is_(None), meetings.c.start_date <= offices.c.end_date),
        )
    )
    direct = select(participants.c.id).where(participants.c.actor_id == actor.id)
    # The meeting's date is read per participation (a few hundred), not joined, so that the
    # page of ids is cut from the participants' table alone.
    began = (
        select(meetings.c.start_date)
        .where(meetings.c.id == participants.c.meeting_id)
        .scalar_subquery()
    )
    return (
        select(MeetingParticipant)
        .where(participants.c.id.in_(union(direct, through_office)))
        .order_by(began.is_(None), began.desc(), participants.c.meeting_id)
    )


def _meetings(session: Session, actor: Actor) -> Section:
    return section(
        session,
        attended_by(actor),
        with_evidence(MeetingParticipant.evidence),
        just(MeetingParticipant.meeting),
        just(MeetingParticipant.actor),
        just(MeetingParticipant.head),
    )


def _pledges(session: Session, actor: Actor) -> Section:
    statement = (
        select(Pledge)
        .where(Pledge.donor_id == actor.id)
        .order_by(Pledge.pledged_on.is_(None), Pledge.pledged_on.desc(), Pledge.id)
    )
    found = section(
        session,
        statement,
        with_evidence(Pledge.evidence),
        selectinload(Pledge.transactions).lazyload("*"),
        just(Pledge.meeting),
    )
    found.items = [(pledge, pledge_state(pledge)) for pledge in found.items]
    return found


def _pledged(session: Session, actor: Actor) -> dict[str, Decimal]:
    """The sum of the partner's pledges per currency, summed exactly (see storage.Amount)."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    rows = session.execute(
        select(Pledge.currency, Pledge.amount).where(Pledge.donor_id == actor.id)
    )
    for currency, amount in rows:
        sums[currency] += amount
    return dict(sorted(sums.items()))


def statements_by(actor: Actor) -> Select[Any]:
    """The ids of the statements by the partner's officials, newest first (undated last):
    speakers who held one of its offices on the day, and speakers (or anonymous officials) the
    statement itself affiliates with the partner."""
    offices, said = Office.__table__, STATEMENTS  # tables, not classes: see `attended_by`
    # Each part brings the date it is sorted by. Ordered by the statements' own column instead,
    # PostgreSQL read the date of all 150,000 statements to sort the partner's 1,500.
    held = (
        select(said.c.id, said.c.said_on)
        .join(offices, offices.c.holder_id == said.c.speaker_id)
        .where(
            offices.c.organisation_id == actor.id,
            said.c.said_on.is_not(None),
            or_(offices.c.start_date.is_(None), offices.c.start_date <= said.c.said_on),
            or_(offices.c.end_date.is_(None), said.c.said_on <= offices.c.end_date),
        )
    )
    affiliated = select(said.c.id, said.c.said_on).where(said.c.affiliation_id == actor.id)
    found = union(held, affiliated).subquery()
    return select(found.c.id).order_by(
        found.c.said_on.is_(None), found.c.said_on.desc(), found.c.id
    )


def _statements(session: Session, actor: Actor) -> Section:
    return section_of(
        session,
        Statement,
        statements_by(actor),
        with_evidence(Statement.evidence),
        just(Statement.speaker),
        just(Statement.affiliation),
        just(Statement.meeting),
    )


def _meeting_ref(meeting: Meeting | None) -> dict[str, Any] | None:
    if meeting is None:
        return None
    return {"key": meeting.key, "title": meeting.title, "start_date": meeting.start_date}


def _state_dict(state: PledgeState) -> dict[str, Any]:
    return {
        "status": state.status,
        "pledged": state.pledged,
        "committed": state.committed,
        "disbursed": state.disbursed,
        "unconverted": state.unconverted,
    }


def _section_dict(part: Section, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {"total": part.total, "items": list(rows)}


def profile_dict(profile: PartnerProfile) -> dict[str, Any]:
    """The profile as plain values, for the API (the same facts the page shows)."""
    return {
        **partner_row(profile.actor),
        "memberships": [_membership_dict(m) for m in profile.memberships],
        "leads": [_lead_dict(lead) for lead in profile.leads],
        "meetings": _section_dict(
            profile.meetings, [_attended_dict(p) for p in profile.meetings.items]
        ),
        "pledges": _section_dict(
            profile.pledges, [_pledge_dict(p, s) for p, s in profile.pledges.items]
        ),
        "pledged": profile.pledged,
        "statements": _section_dict(
            profile.statements, [statement_dict(s) for s in profile.statements.items]
        ),
    }


def _membership_dict(membership: Membership) -> dict[str, Any]:
    return {
        "key": membership.key,
        "coalition": membership.coalition.key,
        "role": membership.role.value,
        "joined": membership.joined,
        "left_on": membership.left_on,
        "observed_on": membership.observed_on,
        "evidence": evidence_of(membership),
    }


def _lead_dict(lead: BodyLead) -> dict[str, Any]:
    return {
        "key": lead.key,
        "body": lead.body.name,
        "role": lead.role.value,
        "start_date": lead.start_date,
        "end_date": lead.end_date,
        "evidence": evidence_of(lead),
    }


def _attended_dict(participant: MeetingParticipant) -> dict[str, Any]:
    return {
        "key": participant.key,
        "meeting": _meeting_ref(participant.meeting),
        "role": participant.role.value,
        "participant": participant.actor.name,
        "head": participant.head.name if participant.head else None,
        "evidence": evidence_of(participant),
    }


def _pledge_dict(pledge: Pledge, state: PledgeState) -> dict[str, Any]:
    return {
        "key": pledge.key,
        "amount": pledge.amount,
        "currency": pledge.currency,
        "qualifier": pledge.qualifier.value if pledge.qualifier else None,
        "purpose": pledge.purpose,
        "pledged_on": pledge.pledged_on,
        "meeting": _meeting_ref(pledge.meeting),
        "state": _state_dict(state),
        "evidence": evidence_of(pledge),
    }


def statement_dict(statement: Statement) -> dict[str, Any]:
    return {
        "key": statement.key,
        "speaker": statement.speaker_name(),
        "speaker_title": statement.speaker_title,
        "said_on": statement.said_on,
        "words": statement.words(),
        "summary": statement.summary,
        "meeting": _meeting_ref(statement.meeting),
        "evidence": evidence_of(statement),
    }
