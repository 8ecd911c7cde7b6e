"""Proposing and deciding changes: officers propose for their own partner, the secretariat
decides, and an approved proposal becomes a record whose evidence names both people.

Partner officers may propose only what concerns their own partner: a disbursement on a pledge
their partner made, or their partner's delegation at a meeting. Every step is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.accounts.models import User
from coalition.accounts.permissions import Permission, allows
from coalition.accounts.services import need
from coalition.audit.services import record_event
from coalition.errors import Forbidden, InvalidInput, NotFound
from coalition.interchange.schema import amount_value, currency_code
from coalition.meetings.models import Meeting, MeetingParticipant, ParticipantRole
from coalition.money.models import FundingTransaction, Pledge, TransactionType
from coalition.proposals.models import Proposal, ProposalKind, ProposalStatus
from coalition.provenance.models import Record
from coalition.provenance.services import manual


def _by_key(session: Session, model: type[Any], key: str, what: str) -> Any:
    found = session.scalar(select(model).where(model.key == key))
    if found is None:
        raise NotFound(f"no {what} {key!r}")
    return found


@dataclass(frozen=True)
class Disbursement:
    pledge: str  # the pledge's record key
    amount: str
    currency: str
    on: date | None = None


def _proposal(
    session: Session,
    user: User,
    kind: ProposalKind,
    target: str,
    fields: dict[str, Any],
    note: str,
) -> Proposal:
    assert user.partner is not None
    proposal = Proposal(
        kind=kind,
        partner=user.partner,
        target_key=target,
        fields=fields,
        note=note.strip()[:2000],
        proposed_by=user,
    )
    session.add(proposal)
    session.flush()
    record_event(
        session,
        user.username,
        f"proposal.{kind.value}",
        f"proposal:{proposal.id}",
        {"target": target, "fields": fields},
    )
    return proposal


def _own_partner(user: User) -> int:
    need(user, Permission.RECORD_PROPOSE)
    if user.partner_id is None:
        raise Forbidden("the secretariat edits the record directly; proposals come from partners")
    return user.partner_id


def propose_disbursement(
    session: Session, user: User, change: Disbursement, note: str = ""
) -> Proposal:
    partner_id = _own_partner(user)
    pledge: Pledge = _by_key(session, Pledge, change.pledge, "pledge")
    if pledge.donor_id != partner_id:
        raise Forbidden("you may propose disbursements only on your own partner's pledges")
    try:
        amount, currency = amount_value(change.amount), currency_code(change.currency)
    except ValueError as error:
        raise InvalidInput(str(error)) from None
    if amount is None or amount == 0:
        raise InvalidInput("a disbursement is a positive amount")
    fields = {
        "amount": str(amount),
        "currency": currency,
        "on": change.on.isoformat() if change.on else None,
    }
    return _proposal(session, user, ProposalKind.DISBURSEMENT, pledge.key, fields, note)


def propose_delegation(
    session: Session, user: User, meeting_key: str, role: ParticipantRole, note: str = ""
) -> Proposal:
    partner_id = _own_partner(user)
    meeting: Meeting = _by_key(session, Meeting, meeting_key, "meeting")
    present = {(p.actor_id, p.role) for p in meeting.participants}
    if (partner_id, role) in present:
        raise InvalidInput("the record already has that delegation")
    fields = {"role": role.value}
    return _proposal(session, user, ProposalKind.DELEGATION, meeting.key, fields, note)


def visible_proposals(session: Session, user: User) -> list[Proposal]:
    """All proposals for the secretariat; a partner's own for everyone else."""
    statement = select(Proposal).order_by(Proposal.id.desc())
    if not allows(user.role, Permission.PROPOSAL_DECIDE):
        statement = statement.where(Proposal.partner_id == (user.partner_id or -1))
    return list(session.scalars(statement))


def decide(
    session: Session, admin: User, proposal_id: int, approve: bool, reason: str = ""
) -> Proposal:
    need(admin, Permission.PROPOSAL_DECIDE)
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise NotFound(f"no proposal {proposal_id}")
    if proposal.status is not ProposalStatus.PENDING:
        raise InvalidInput(f"proposal {proposal_id} was already {proposal.status.value}")
    proposal.status = ProposalStatus.APPROVED if approve else ProposalStatus.REJECTED
    proposal.decided_by, proposal.decided_at = admin, datetime.now(UTC)
    proposal.reason = reason.strip()[:2000] or None
    if approve:
        record = _apply(session, proposal, admin)
        session.flush()
        proposal.record_id = record.id
    record_event(
        session,
        admin.username,
        "proposal.approve" if approve else "proposal.reject",
        f"proposal:{proposal.id}",
        {"record": proposal.record_id, "reason": proposal.reason},
    )
    return proposal


def _apply(session: Session, proposal: Proposal, admin: User) -> Record:
    who = f"{proposal.proposed_by.username} ({proposal.partner.key}), approved by {admin.username}"
    evidence = [manual(who, note=proposal.note or None)]
    fields = proposal.fields
    if proposal.kind is ProposalKind.DISBURSEMENT:
        pledge: Pledge = _by_key(session, Pledge, proposal.target_key, "pledge")
        entry = FundingTransaction(
            evidence=evidence,
            pledge=pledge,
            type=TransactionType.DISBURSED,
            amount=Decimal(fields["amount"]),
            currency=fields["currency"],
            transaction_date=date.fromisoformat(fields["on"]) if fields.get("on") else None,
        )
        session.add(entry)
        return entry
    meeting: Meeting = _by_key(session, Meeting, proposal.target_key, "meeting")
    participant = MeetingParticipant(
        evidence=evidence,
        meeting=meeting,
        actor=proposal.partner,
        role=ParticipantRole(fields["role"]),
    )
    session.add(participant)
    return participant
