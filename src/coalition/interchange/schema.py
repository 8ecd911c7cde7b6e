"""The record file's items, validated before anything touches the database.

Field names here are the file's names (see docs/import-format.md). Empty strings are read as null,
so that CSV (which cannot tell the two apart) round-trips without loss.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

import pycountry
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    model_validator,
)

from coalition.coalitions.models import BodyKind, LeadRole, MembershipRole
from coalition.meetings.models import MeetingFormat, MeetingLevel, MeetingStatus, ParticipantRole
from coalition.money.models import TransactionType
from coalition.partners.models import OfficeCategory
from coalition.vocabulary import Qualifier

FORMAT = "coalition-record"
VERSION = 1
MAX_AMOUNT = Decimal(10) ** 21


def _empty_is_none(value: Any) -> Any:
    return None if isinstance(value, str) and value == "" else value


def _iso_date(value: Any) -> Any:
    value = _empty_is_none(value)
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a date (write YYYY-MM-DD)") from None
    raise ValueError(f"{value!r} is not a date (write YYYY-MM-DD)")


def _iso_datetime(value: Any) -> Any:
    value = _empty_is_none(value)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a date and time (ISO 8601)") from None
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if value is None:
        return value
    raise ValueError(f"{value!r} is not a date and time (ISO 8601)")


def amount_value(value: Any) -> Any:
    """An exact amount >= 0 (at most 6 decimal places), or ValueError saying what is wrong."""
    value = _empty_is_none(value)
    if value is None or isinstance(value, bool):
        return value if value is None else _bad_amount(value)
    try:
        amount = (
            Decimal(str(value).strip().replace(",", ""))
            if isinstance(value, str)
            else Decimal(str(value))
        )
    except ArithmeticError:
        _bad_amount(value)
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"{value!r} is not an amount (a number >= 0)")
    if amount >= MAX_AMOUNT or amount.as_tuple().exponent < -6:  # type: ignore[operator]
        raise ValueError(f"{value!r} is too large or has more than 6 decimal places")
    return amount


def _bad_amount(value: Any) -> Any:
    raise ValueError(f"{value!r} is not an amount (a number >= 0)")


def currency_code(value: Any) -> Any:
    """An ISO 4217 currency code in capitals, or ValueError."""
    value = _empty_is_none(value)
    if not isinstance(value, str) or pycountry.currencies.get(alpha_3=value.upper()) is None:
        raise ValueError(f"{value!r} is not an ISO 4217 currency code")
    return value.upper()


Text = Annotated[str | None, BeforeValidator(_empty_is_none)]


def _not_blank(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        raise ValueError("must not be empty or only spaces")
    return value


Name = Annotated[str, BeforeValidator(_not_blank), Field(min_length=1, max_length=300)]
Key = Annotated[str, Field(min_length=1, max_length=300)]
Ref = Annotated[str | None, BeforeValidator(_empty_is_none)]
Day = Annotated[date | None, BeforeValidator(_iso_date)]
Moment = Annotated[datetime, BeforeValidator(_iso_datetime)]
Money = Annotated[Decimal, BeforeValidator(amount_value), PlainSerializer(str)]
Currency = Annotated[str, BeforeValidator(currency_code)]
Count = Annotated[Annotated[int, Field(ge=0)] | None, BeforeValidator(_empty_is_none)]
Qual = Annotated[Qualifier | None, BeforeValidator(_empty_is_none)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class Span(Strict):
    source: Key
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: Text = None

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


class Manual(Strict):
    entered_by: Name
    entered_at: Moment
    note: Text = None


class Item(Strict):
    key: Annotated[str | None, BeforeValidator(_empty_is_none), Field(max_length=300)] = None
    evidence: list[Span | Manual] = Field(min_length=1)


class SourceItem(Strict):
    key: Key
    title: Text = None
    publisher: Text = None
    url: Text = None
    published: Day = None
    published_note: Text = None
    retrieved_at: Annotated[datetime | None, BeforeValidator(_iso_datetime)] = None
    content_hash: Text = None
    text: Text = None


class ActorItem(Item):
    kind: Literal["person", "organisation", "group"]
    name: Name
    code: Text = None
    aliases: list[Name] = []


class OfficeItem(Item):
    holder: Key
    title: Name
    organisation: Ref = None
    category: OfficeCategory = OfficeCategory.OTHER
    start: Day = None
    end: Day = None
    acting: bool = False
    approximate: bool = False

    @model_validator(mode="after")
    def _dates(self) -> OfficeItem:
        _ordered(self.start, self.end, "end", "start")
        return self


class CoalitionItem(Item):
    founded: Day = None


class CoalitionNameItem(Item):
    coalition: Key
    name: Name
    valid_from: Day = None
    valid_to: Day = None

    @model_validator(mode="after")
    def _dates(self) -> CoalitionNameItem:
        _ordered(self.valid_from, self.valid_to, "valid_to", "valid_from")
        return self


class MembershipItem(Item):
    coalition: Key
    actor: Key
    role: MembershipRole = MembershipRole.MEMBER
    joined: Day = None
    left: Day = None
    observed_on: Day = None

    @model_validator(mode="after")
    def _dates(self) -> MembershipItem:
        _ordered(self.joined, self.left, "left", "joined")
        if self.joined is None and self.observed_on is None:
            raise ValueError("a membership needs `joined` or `observed_on`")
        return self


class ReportedSizeItem(Item):
    coalition: Key
    count: int = Field(ge=0)
    qualifier: Qual = None
    counts: Text = None
    as_of: date

    _as_of = model_validator(mode="before")(lambda data: _dates_in(data, "as_of"))


class BodyItem(Item):
    coalition: Key
    name: Name
    kind: BodyKind = BodyKind.OTHER
    established: Day = None


class BodyLeadItem(Item):
    body: Key
    actor: Key
    role: LeadRole = LeadRole.CO_LEAD
    start: Day = None
    end: Day = None

    @model_validator(mode="after")
    def _dates(self) -> BodyLeadItem:
        _ordered(self.start, self.end, "end", "start")
        return self


class LineOfEffortItem(Item):
    coalition: Key
    name: Name
    version: int = Field(default=1, ge=1)
    position: Annotated[int | None, BeforeValidator(_empty_is_none)] = None
    valid_from: Day = None
    valid_to: Day = None


class MeetingItem(Item):
    title: Name
    coalition: Ref = None
    level: MeetingLevel = MeetingLevel.OTHER
    format: Annotated[MeetingFormat | None, BeforeValidator(_empty_is_none)] = None
    status: MeetingStatus = MeetingStatus.HELD
    start: Day = None
    end: Day = None
    city: Text = None
    venue: Text = None
    country: Ref = None
    track: Text = None
    parent: Ref = None
    invited_count: Count = None
    invited_qualifier: Qual = None
    attending_count: Count = None
    attending_qualifier: Qual = None
    outcomes: Text = None

    @model_validator(mode="after")
    def _dates(self) -> MeetingItem:
        _ordered(self.start, self.end, "end", "start")
        return self


class ParticipantItem(Item):
    meeting: Key
    actor: Key
    role: ParticipantRole = ParticipantRole.ATTENDED
    head: Ref = None


class PledgeItem(Item):
    donor: Ref = None
    amount: Money
    currency: Currency
    qualifier: Qual = None
    purpose: Text = None
    channel: Text = None
    line: Ref = None
    meeting: Ref = None
    coalition: Ref = None
    pledged_on: Day = None


class TransactionItem(Item):
    pledge: Key
    type: TransactionType
    amount: Money
    currency: Currency
    date: Day = None
    fx_rate: Annotated[Decimal | None, BeforeValidator(amount_value), PlainSerializer(str)] = None
    fx_source: Text = None


class TargetItem(Item):
    amount: Money
    currency: Currency
    qualifier: Qual = None
    purpose: Text = None
    coalition: Ref = None
    meeting: Ref = None
    set_on: Day = None
    deadline: Day = None


class CommitmentItem(Item):
    text: Name
    paragraph: Text = None
    coalition: Ref = None
    meeting: Ref = None
    line: Ref = None
    due: Day = None


class ComplianceItem(Item):
    commitment: Key
    actor: Key
    score: Literal[-1, 0, 1]
    assessed_on: Day = None

    _score = model_validator(mode="before")(lambda data: _int_field(data, "score"))


class StatementItem(Item):
    quote: Text = None
    summary: Text = None
    speaker: Ref = None
    speaker_title: Text = None
    anonymous: Text = None
    affiliation: Ref = None
    said_on: Day = None
    meeting: Ref = None
    context: Text = None

    @model_validator(mode="after")
    def _who_and_what(self) -> StatementItem:
        if self.speaker is None and self.anonymous is None:
            raise ValueError("a statement needs a `speaker` or an `anonymous` description")
        if self.quote is None and self.summary is None:
            raise ValueError("a statement needs a `quote` or a `summary`")
        return self


class FigureItem(Item):
    subject: Name
    value: Annotated[Decimal, BeforeValidator(_signed_number), PlainSerializer(str)]
    unit: Text = None
    qualifier: Qual = None
    as_of: Day = None
    place: Ref = None


def _signed_number(value: Any) -> Any:
    """Figures may be negative (a change); amounts of money may not."""
    value = _empty_is_none(value)
    if isinstance(value, str) and value.strip().startswith("-"):
        return -amount_value(value.strip()[1:])
    if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        return -amount_value(-value)
    return amount_value(value)


def _ordered(first: date | None, last: date | None, last_name: str, first_name: str) -> None:
    if first is not None and last is not None and last < first:
        raise ValueError(f"`{last_name}` ({last}) is before `{first_name}` ({first})")


def _dates_in(data: Any, *names: str) -> Any:
    if isinstance(data, dict):
        for name in names:
            if name in data:
                data[name] = _iso_date(data[name])
    return data


def _int_field(data: Any, name: str) -> Any:
    if isinstance(data, dict) and isinstance(data.get(name), str):
        with contextlib.suppress(ValueError):
            data[name] = int(data[name])
    return data


class RecordFile(Strict):
    format: Literal["coalition-record"]
    version: int
    sources: list[SourceItem] = []
    actors: list[ActorItem] = []
    offices: list[OfficeItem] = []
    coalitions: list[CoalitionItem] = []
    coalition_names: list[CoalitionNameItem] = []
    memberships: list[MembershipItem] = []
    reported_sizes: list[ReportedSizeItem] = []
    bodies: list[BodyItem] = []
    body_leads: list[BodyLeadItem] = []
    lines_of_effort: list[LineOfEffortItem] = []
    meetings: list[MeetingItem] = []
    meeting_participants: list[ParticipantItem] = []
    pledges: list[PledgeItem] = []
    transactions: list[TransactionItem] = []
    targets: list[TargetItem] = []
    commitments: list[CommitmentItem] = []
    compliance_scores: list[ComplianceItem] = []
    statements: list[StatementItem] = []
    figures: list[FigureItem] = []

    @model_validator(mode="before")
    @classmethod
    def _supported_version(cls, data: Any) -> Any:
        version = data.get("version") if isinstance(data, dict) else None
        if isinstance(version, int) and version > VERSION:
            raise ValueError(
                f"this file is version {version} of the format; "
                f"this coalition reads up to version {VERSION}"
            )
        return data
