"""Review: candidates become records (with their spans as evidence), or are rejected.

Accepting reconciles with what the record already holds: a meeting on the same day in the same
city gains the new source as evidence (and becomes `held` if the new report says it was held); an
equal figure for the same subject and date gains evidence; a different value is recorded beside
the old one, so the conflict stays visible.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.audit.services import record_event
from coalition.coalitions.models import Coalition, Membership, ReportedSize
from coalition.errors import CoalitionError, InvalidInput, NotFound
from coalition.figures.models import Figure
from coalition.intake.models import Candidate, CandidateStatus
from coalition.meetings.models import (
    Meeting,
    MeetingLevel,
    MeetingParticipant,
    MeetingStatus,
    ParticipantRole,
)
from coalition.money.models import FundingTransaction, Pledge, Target, TransactionType
from coalition.partners.models import Actor, ActorKind
from coalition.partners.services import add_actor, find_actor
from coalition.provenance.models import Evidence, Record, Source
from coalition.provenance.services import copy_evidence, find_source, span
from coalition.statements.models import Statement
from coalition.storage.idents import row_number
from coalition.vocabulary import Qualifier


def list_candidates(
    session: Session, status: str | None = "pending", kind: str | None = None
) -> list[Candidate]:
    query = select(Candidate).order_by(Candidate.id)
    if status:
        query = query.where(Candidate.status == CandidateStatus(status))
    if kind:
        query = query.where(Candidate.candidate_type == kind)
    return list(session.scalars(query))


def get_candidate(session: Session, ident: str) -> Candidate:
    number = row_number(ident)
    found = session.get(Candidate, number) if number is not None else None
    found = found or session.scalar(select(Candidate).where(Candidate.key == ident))
    if found is None:
        raise NotFound(f"no candidate {ident!r}")
    return found


def edit(candidate: Candidate, changes: dict[str, str]) -> None:
    if candidate.status is not CandidateStatus.PENDING:
        raise InvalidInput(f"candidate {candidate.id} is already {candidate.status.value}")
    candidate.fields = {**candidate.fields, **{k: (v or None) for k, v in changes.items()}}


def decided(session: Session, by: str, decision: str, candidate: Candidate) -> None:
    """The audit event of a decision on a candidate (accept, edit or reject), with the record an
    accepted one became; written with the decision, whoever made it and wherever."""
    details = {"record": candidate.record_id} if candidate.record_id else {}
    record_event(session, by, f"candidate.{decision}", f"candidate:{candidate.id}", details)


def reject(candidate: Candidate) -> None:
    if candidate.status is not CandidateStatus.PENDING:
        raise InvalidInput(f"candidate {candidate.id} is already {candidate.status.value}")
    candidate.status = CandidateStatus.REJECTED


def accept(session: Session, candidate: Candidate, coalition: Coalition | None) -> Record | None:
    """Turn a candidate into a record (or new evidence on an existing one)."""
    if candidate.status is not CandidateStatus.PENDING:
        raise InvalidInput(f"candidate {candidate.id} is already {candidate.status.value}")
    builder = BUILDERS.get(candidate.candidate_type)
    if builder is None:
        raise InvalidInput(f"{candidate.candidate_type} candidates are kept for reading only")
    try:
        record = builder(session, candidate, _evidence(session, candidate), coalition)
    except (ValueError, KeyError, ArithmeticError) as error:  # an edited field that does not fit
        raise InvalidInput(f"candidate {candidate.id} cannot be accepted: {error!r}") from None
    session.flush()
    candidate.status = CandidateStatus.ACCEPTED
    candidate.record_id = record.id if record else None
    return record


def accept_many(
    session: Session, candidates: list[Candidate], coalition: Coalition | None
) -> list[tuple[Candidate, str]]:
    """Accept each candidate that can be accepted; the others stay pending, with the reason."""
    skipped = []
    for candidate in candidates:
        try:
            with session.begin_nested():
                accept(session, candidate, coalition)
        except CoalitionError as error:
            skipped.append((candidate, str(error)))
    return skipped


def _evidence(session: Session, candidate: Candidate) -> list[Evidence]:
    evidence = []
    for item in candidate.spans:
        # By key only, and checked against the quoted text: evidence must never land on the
        # wrong document.
        source = find_source(session, item["source"])
        if source is None:
            raise NotFound(f"candidate {candidate.id} cites a missing source {item['source']!r}")
        evidence.append(span(source, item["start"], item["end"], item.get("text")))
    return evidence


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _qualifier(value: Any) -> Qualifier | None:
    return Qualifier(value) if value else None


def _doc_date(session: Session, candidate: Candidate) -> date | None:
    source = session.get(Source, candidate.source_id) if candidate.source_id else None
    return source.published if source else None


def _actor(
    session: Session, key: str | None, name: str | None, evidence: list[Evidence]
) -> Actor | None:
    if not key:
        return None
    found = find_actor(session, key)
    if found is None and name:  # a person the reference data does not know: recorded as found
        found = add_actor(
            session,
            kind=ActorKind.PERSON,
            key=key,
            name=name,
            evidence=[copy_evidence(e) for e in evidence],
        )
    return found


def _statement(
    session: Session, c: Candidate, evidence: list[Evidence], _coalition: Coalition | None
) -> Record:
    f = c.fields
    record = Statement(
        evidence=evidence,
        quote=f.get("quote"),
        speaker=_actor(session, f.get("speaker"), f.get("speaker_name"), evidence),
        speaker_title=f.get("speaker_title"),
        anonymous=f.get("anonymous"),
        affiliation=find_actor(session, f["affiliation"]) if f.get("affiliation") else None,
        said_on=_day(f.get("said_on")),
    )
    if record.speaker is None and record.anonymous is None:
        record.anonymous = "unidentified speaker"
    session.add(record)
    return record


def _meeting(
    session: Session, c: Candidate, evidence: list[Evidence], coalition: Coalition | None
) -> Record:
    f = c.fields
    start = _day(f.get("start"))
    # Two meetings without a day are not one meeting for lacking the same thing.
    same = (
        []
        if start is None
        else session.scalars(select(Meeting).where(Meeting.start_date == start)).all()
    )
    match = next((m for m in same if not f.get("city") or not m.city or m.city == f["city"]), None)
    if match is not None:  # the same meeting from another report: one meeting, both sources
        match.evidence.extend(evidence)
        if f.get("status") == "held":
            match.status = MeetingStatus.HELD
        _add_hosts(session, match, f, evidence)
        return match
    record = Meeting(
        evidence=evidence,
        coalition=coalition,
        title=f"{(f.get('level') or 'meeting').replace('_', ' ').capitalize()} in "
        f"{f.get('city') or 'an unknown place'}, {start or 'undated'}",
        level=MeetingLevel(f.get("level") or "other"),
        status=MeetingStatus(f.get("status", "held")),
        start_date=start,
        end_date=_day(f.get("end")),
        city=f.get("city"),
        venue=f.get("venue"),
        invited_count=f.get("invited_count"),
        invited_qualifier=_qualifier(f.get("invited_qualifier")),
        attending_count=f.get("attending_count"),
        attending_qualifier=_qualifier(f.get("attending_qualifier")),
    )
    session.add(record)
    _add_hosts(session, record, f, evidence)
    return record


def _add_hosts(
    session: Session, meeting: Meeting, fields: dict[str, Any], evidence: list[Evidence]
) -> None:
    """Hosts and chairs the report names, as participants of the meeting (once each)."""
    present = {(p.actor_id, p.role.value) for p in meeting.participants}
    for host in fields.get("hosts") or []:
        actor = find_actor(session, host["actor"])
        if actor is None or (actor.id, host["role"]) in present:
            continue
        session.add(
            MeetingParticipant(
                evidence=[copy_evidence(e) for e in evidence],
                meeting=meeting,
                actor=actor,
                role=ParticipantRole(host["role"]),
            )
        )
        present.add((actor.id, host["role"]))


def _size(
    session: Session, c: Candidate, evidence: list[Evidence], coalition: Coalition | None
) -> Record:
    if coalition is None:
        raise InvalidInput("a reported size needs a coalition (create one, or pass --coalition)")
    as_of = _doc_date(session, c)
    if as_of is None:
        raise InvalidInput("the source has no date; set one before accepting a size")
    record = ReportedSize(
        evidence=evidence,
        coalition=coalition,
        count=int(c.fields["count"]),
        qualifier=_qualifier(c.fields.get("qualifier")),
        counts=c.fields.get("counts"),
        as_of=as_of,
    )
    session.add(record)
    return record


def _member(
    session: Session, c: Candidate, evidence: list[Evidence], coalition: Coalition | None
) -> Record:
    if coalition is None:
        raise InvalidInput("a membership needs a coalition (create one, or pass --coalition)")
    actor = find_actor(session, c.fields["actor"])
    seen = _doc_date(session, c)
    if actor is None or seen is None:
        raise InvalidInput("a membership needs a known actor and a dated source")
    record = Membership(evidence=evidence, coalition=coalition, actor=actor, observed_on=seen)
    session.add(record)
    return record


def _money(
    session: Session, c: Candidate, evidence: list[Evidence], coalition: Coalition | None
) -> Record:
    f = c.fields
    amount, qualifier = Decimal(f["amount"]), _qualifier(f.get("qualifier"))
    if f.get("kind") == "target":
        record: Record = Target(
            evidence=evidence,
            amount=amount,
            currency=f["currency"],
            qualifier=qualifier,
            coalition=coalition,
            set_on=_doc_date(session, c),
        )
        session.add(record)
        return record
    pledge = Pledge(
        evidence=evidence,
        amount=amount,
        currency=f["currency"],
        qualifier=qualifier,
        coalition=coalition,
        pledged_on=_doc_date(session, c),
    )
    session.add(pledge)
    session.add(
        FundingTransaction(
            evidence=[copy_evidence(e) for e in evidence],
            pledge=pledge,
            type=TransactionType.PLEDGED,
            amount=amount,
            currency=f["currency"],
            transaction_date=pledge.pledged_on,
        )
    )
    return pledge


def _figure(
    session: Session, c: Candidate, evidence: list[Evidence], _coalition: Coalition | None
) -> Record:
    f = c.fields
    as_of, value = _doc_date(session, c), Decimal(f["value"])
    subject = f.get("subject") or f.get("category") or "figure"
    same = session.scalars(
        select(Figure).where(Figure.subject == subject, Figure.as_of == as_of)
    ).all()
    equal = next((x for x in same if x.value == value and x.unit == f.get("unit")), None)
    if equal is not None:  # equal figures merge; different ones stand side by side
        equal.evidence.extend(evidence)
        return equal
    record = Figure(
        evidence=evidence,
        subject=subject,
        value=value,
        unit=f.get("unit"),
        qualifier=_qualifier(f.get("qualifier")),
        as_of=as_of,
    )
    session.add(record)
    return record


BUILDERS = {
    "statement": _statement,
    "meeting": _meeting,
    "reported_size": _size,
    "member": _member,
    "money": _money,
    "figure": _figure,
}
