"""Imports every model so that `Base.metadata` is complete (for Alembic and for `show`)."""

from coalition.accounts.models import ApiToken, User, WebSession
from coalition.audit.models import AuditEvent
from coalition.coalitions.models import (
    Body,
    BodyLead,
    Coalition,
    CoalitionName,
    LineOfEffort,
    Membership,
    ReportedSize,
)
from coalition.commitments.models import Commitment, ComplianceScore
from coalition.figures.models import Figure
from coalition.intake.models import Candidate
from coalition.meetings.models import Meeting, MeetingParticipant
from coalition.money.models import FundingTransaction, Pledge, Target
from coalition.partners.models import Actor, Alias, Office
from coalition.proposals.models import Proposal
from coalition.provenance.models import Evidence, Record, Source
from coalition.search.models import SearchEntry
from coalition.sharing.models import Blob, LabelAccess, LabelCaveat, SharedItem, StoredLabel
from coalition.statements.models import Statement
from coalition.storage.base import Base

__all__ = [
    "Actor",
    "Alias",
    "ApiToken",
    "AuditEvent",
    "Base",
    "Blob",
    "Body",
    "BodyLead",
    "Candidate",
    "Coalition",
    "CoalitionName",
    "Commitment",
    "ComplianceScore",
    "Evidence",
    "Figure",
    "FundingTransaction",
    "LabelAccess",
    "LabelCaveat",
    "LineOfEffort",
    "Meeting",
    "MeetingParticipant",
    "Membership",
    "Office",
    "Pledge",
    "Proposal",
    "Record",
    "ReportedSize",
    "SearchEntry",
    "SharedItem",
    "Source",
    "Statement",
    "StoredLabel",
    "Target",
    "User",
    "WebSession",
]
