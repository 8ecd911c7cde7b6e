"""One table that says how each section of the record file maps onto a model.

Import and export both read this table, which is what keeps them exact inverses of each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

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
from coalition.interchange import schema
from coalition.meetings.models import Meeting, MeetingParticipant
from coalition.money.models import FundingTransaction, Pledge, Target
from coalition.partners.models import Actor, ActorKind, Office
from coalition.provenance.models import Record
from coalition.statements.models import Statement


@dataclass(frozen=True)
class Field:
    """A file field: its model attribute, and for references the kind of record it points to."""

    name: str
    attr: str
    ref: type[Record] | None = None
    actor_kind: ActorKind | None = None


def f(name: str, attr: str | None = None) -> Field:
    return Field(name, attr or name)


def r(
    name: str, model: type[Record], attr: str | None = None, kind: ActorKind | None = None
) -> Field:
    return Field(name, attr or name, model, kind)


@dataclass(frozen=True)
class Section:
    name: str
    model: type[Record]
    item: type[BaseModel]
    fields: tuple[Field, ...]


PERSON = ActorKind.PERSON
# fmt: off
SECTIONS: tuple[Section, ...] = (
    Section("actors", Actor, schema.ActorItem,
            (f("kind", "actor_kind"), f("name"), f("code"))),
    Section("offices", Office, schema.OfficeItem,
            (r("holder", Actor, kind=PERSON), f("title"), r("organisation", Actor), f("category"),
             f("start", "start_date"), f("end", "end_date"), f("acting"), f("approximate"))),
    Section("coalitions", Coalition, schema.CoalitionItem, (f("founded"),)),
    Section("coalition_names", CoalitionName, schema.CoalitionNameItem,
            (r("coalition", Coalition), f("name"), f("valid_from"), f("valid_to"))),
    Section("memberships", Membership, schema.MembershipItem,
            (r("coalition", Coalition), r("actor", Actor), f("role"), f("joined"),
             f("left", "left_on"), f("observed_on"))),
    Section("reported_sizes", ReportedSize, schema.ReportedSizeItem,
            (r("coalition", Coalition), f("count"), f("qualifier"), f("counts"), f("as_of"))),
    Section("bodies", Body, schema.BodyItem,
            (r("coalition", Coalition), f("name"), f("kind", "body_kind"), f("established"))),
    Section("body_leads", BodyLead, schema.BodyLeadItem,
            (r("body", Body), r("actor", Actor), f("role"), f("start", "start_date"),
             f("end", "end_date"))),
    Section("lines_of_effort", LineOfEffort, schema.LineOfEffortItem,
            (r("coalition", Coalition), f("name"), f("version"), f("position"), f("valid_from"),
             f("valid_to"))),
    Section("meetings", Meeting, schema.MeetingItem,
            (f("title"), r("coalition", Coalition), f("level"), f("format"), f("status"),
             f("start", "start_date"), f("end", "end_date"), f("city"), f("venue"),
             r("country", Actor, kind=ActorKind.COUNTRY), f("track"), r("parent", Meeting),
             f("invited_count"), f("invited_qualifier"), f("attending_count"),
             f("attending_qualifier"), f("outcomes"))),
    Section("meeting_participants", MeetingParticipant, schema.ParticipantItem,
            (r("meeting", Meeting), r("actor", Actor), f("role"), r("head", Actor, kind=PERSON))),
    Section("pledges", Pledge, schema.PledgeItem,
            (r("donor", Actor), f("amount"), f("currency"), f("qualifier"), f("purpose"),
             f("channel"), r("line", LineOfEffort), r("meeting", Meeting),
             r("coalition", Coalition), f("pledged_on"))),
    Section("transactions", FundingTransaction, schema.TransactionItem,
            (r("pledge", Pledge), f("type"), f("amount"), f("currency"),
             f("date", "transaction_date"), f("fx_rate"), f("fx_source"))),
    Section("targets", Target, schema.TargetItem,
            (f("amount"), f("currency"), f("qualifier"), f("purpose"), r("coalition", Coalition),
             r("meeting", Meeting), f("set_on"), f("deadline"))),
    Section("commitments", Commitment, schema.CommitmentItem,
            (f("text"), f("paragraph"), r("coalition", Coalition), r("meeting", Meeting),
             r("line", LineOfEffort), f("due"))),
    Section("compliance_scores", ComplianceScore, schema.ComplianceItem,
            (r("commitment", Commitment), r("actor", Actor), f("score"), f("assessed_on"))),
    Section("statements", Statement, schema.StatementItem,
            (f("quote"), f("summary"), r("speaker", Actor, kind=PERSON), f("speaker_title"),
             f("anonymous"), r("affiliation", Actor), f("said_on"), r("meeting", Meeting),
             f("context"))),
    Section("figures", Figure, schema.FigureItem,
            (f("subject"), f("value"), f("unit"), f("qualifier"), f("as_of"), r("place", Actor))),
)
# fmt: on

SOURCE_FIELDS = tuple(name for name in schema.SourceItem.model_fields)
