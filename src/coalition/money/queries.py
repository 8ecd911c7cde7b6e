"""Pledges, totals and targets as the web lists show them, filtered and sorted in the database.

A pledge's status is derived from its ledger (`money.services.pledge_state`). Lists show the state
computed in Python for the rows they display; to filter a whole list by status, the same rule is
written once more in SQL (`status_expression`) and the tests hold the two to the same answers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Integer,
    Numeric,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, lazyload, selectinload

from coalition.coalitions.models import LineOfEffort
from coalition.errors import NotFound
from coalition.meetings.models import Meeting
from coalition.money.models import FundingTransaction, Pledge, Target, TransactionType
from coalition.money.services import pledge_state
from coalition.partners.models import Actor
from coalition.provenance.models import Evidence, Source
from coalition.provenance.queries import Related

# Pledges, actors, lines and meetings all share the `records` table (joined inheritance), so each
# related record is joined as plain tables under aliases of its own (see `Related`).
Donor = Related.of(Actor, "name", "donor")
Line = Related.of(LineOfEffort, "name", "line")
PledgeMeeting = Related.of(Meeting, "title", "pledge_meeting")
LEDGER = FundingTransaction.__table__.c
# The pledges table alone (without `records`): enough to filter, sort and page pledges by id.
PLEDGES = Pledge.__table__.c
ACTORS = Actor.__table__.c

PledgeSort = Literal["date", "-date", "amount", "-amount", "donor", "-donor"]
PledgeStatus = Literal["pledged", "committed", "partly disbursed", "disbursed", "cancelled"]
GroupBy = Literal["donor", "line", "meeting"]


def _number(column: Any) -> Any:
    # SQLite keeps amounts as decimal strings: compare and order them as numbers, not as text.
    return cast(column, Numeric())


def _sort_keys(sort: PledgeSort) -> list[Any]:
    """The ORDER BY of one allowed sort; anything else never reaches SQL (the route validates)."""
    column = {
        "date": PLEDGES.pledged_on,
        "amount": _number(PLEDGES.amount),
        "donor": ACTORS.name,
    }[sort.lstrip("-")]
    first = column.desc() if sort.startswith("-") else column.asc()
    # Undated pledges and aggregates without a donor go last either way, on both databases.
    return [first.nulls_last(), PLEDGES.id]


def _in_pledge_currency(amount: Any = LEDGER.amount) -> Any:
    """SQL for a ledger amount in its pledge's currency, NULL when no exchange rate says how."""
    return case(
        (LEDGER.currency == PLEDGES.currency, _number(amount)),
        (LEDGER.fx_rate.is_not(None), _number(amount) * _number(LEDGER.fx_rate)),
        else_=None,
    )


def _ledger_sum(*types: TransactionType) -> Any:
    total = (
        select(func.sum(_in_pledge_currency()))
        .where(LEDGER.pledge_id == PLEDGES.id, LEDGER.type.in_(types))
        .scalar_subquery()
    )
    return func.coalesce(total, 0)


def status_expression() -> Any:
    """The status `pledge_state` derives, as SQL: the latest convertible revision is the amount
    now pledged; a convertible cancellation wins; then disbursed, committed, pledged."""
    revised = (
        select(_in_pledge_currency())
        .where(
            LEDGER.pledge_id == PLEDGES.id,
            LEDGER.type == TransactionType.REVISED,
            _in_pledge_currency().is_not(None),
        )
        .order_by(LEDGER.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    pledged = func.coalesce(revised, _number(PLEDGES.amount))
    cancelled = exists().where(
        LEDGER.pledge_id == PLEDGES.id,
        LEDGER.type == TransactionType.CANCELLED,
        _in_pledge_currency().is_not(None),
    )
    disbursed = _ledger_sum(TransactionType.DISBURSED)
    committed = _ledger_sum(TransactionType.COMMITTED, TransactionType.ALLOCATED)
    return case(
        (cancelled, "cancelled"),
        (and_(disbursed != 0, disbursed >= pledged), "disbursed"),
        (disbursed != 0, "partly disbursed"),
        (committed != 0, "committed"),
        else_="pledged",
    )


@dataclass(frozen=True)
class PledgeFilters:
    donor: str | None = None
    currency: str | None = None
    line: str | None = None
    meeting: str | None = None
    status: PledgeStatus | None = None
    since: date | None = None
    until: date | None = None


def _keyed(model: Any, key: str) -> Any:
    # A reference given by key, looked up once through the unique index on keys.
    return select(model.id).where(model.key == key).scalar_subquery()


def _conditions(f: PledgeFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.donor:
        conditions.append(PLEDGES.donor_id == _keyed(Actor, f.donor))
    if f.currency:
        conditions.append(PLEDGES.currency == f.currency.upper())
    if f.line:
        conditions.append(PLEDGES.line_id == _keyed(LineOfEffort, f.line))
    if f.meeting:
        conditions.append(PLEDGES.meeting_id == _keyed(Meeting, f.meeting))
    if f.since:
        conditions.append(PLEDGES.pledged_on >= f.since)
    if f.until:
        conditions.append(PLEDGES.pledged_on <= f.until)
    if f.status:
        conditions.append(status_expression() == f.status)
    return conditions


def pledge_ids(filters: PledgeFilters, sort: PledgeSort = "date") -> Select[*tuple[Any, ...]]:
    """The ids of the pledges that pass the filters, in the order asked for, read from the
    pledges table alone (and the donors' names when sorting by donor)."""
    statement = select(PLEDGES.id).where(*_conditions(filters))
    if sort.lstrip("-") == "donor":
        statement = statement.outerjoin(Actor.__table__, PLEDGES.donor_id == ACTORS.id)
    return statement.order_by(*_sort_keys(sort))


def _pledges_select() -> Select[*tuple[Any, ...]]:
    """Pledges with the keys and names of their donor, line and meeting."""
    statement = select(
        Pledge,
        Donor.key,
        Donor.name,
        Line.key,
        Line.name,
        PledgeMeeting.key,
        PledgeMeeting.name,
    )
    statement = Donor.joined(statement, Pledge.donor_id)
    statement = Line.joined(statement, Pledge.line_id)
    return PledgeMeeting.joined(statement, Pledge.meeting_id)


def pledges_by_id(ids: Any) -> Select[*tuple[Any, ...]]:
    """Pledges whose ids are `ids` (a list or a subquery), each with its ledger (for its state)
    but no evidence: lists do not show it, and loading it would read every cited source."""
    return (
        _pledges_select()
        .where(Pledge.id.in_(ids))
        .options(
            lazyload(Pledge.evidence),
            selectinload(Pledge.transactions).lazyload(FundingTransaction.evidence),
        )
    )


def pledges_query(filters: PledgeFilters, sort: PledgeSort = "date") -> Select[*tuple[Any, ...]]:
    """Every pledge that passes the filters, whole and in order (for exports)."""
    ids = pledge_ids(filters, sort).order_by(None)
    statement = pledges_by_id(ids)
    if sort.lstrip("-") == "donor":
        # The order names the donors' table, which the whole rows join as `Donor`.
        column = Donor.name.desc() if sort.startswith("-") else Donor.name.asc()
        return statement.order_by(column.nulls_last(), Pledge.id)
    return statement.order_by(*_sort_keys(sort))


def pledge_row(row: Sequence[Any]) -> dict[str, Any]:
    pledge: Pledge = row[0]
    state = pledge_state(pledge)
    return {
        "key": pledge.key,
        "donor_key": row[1],
        "donor": row[2] or "several donors (aggregate)",
        "amount": pledge.amount,
        "currency": pledge.currency,
        "qualifier": pledge.qualifier.value if pledge.qualifier else None,
        "pledged_on": pledge.pledged_on,
        "line_key": row[3],
        "line": row[4],
        "meeting_key": row[5],
        "meeting": row[6],
        "purpose": pledge.purpose,
        "status": state.status,
        "pledged_now": state.pledged,
        "committed": state.committed,
        "disbursed": state.disbursed,
        "unconverted": state.unconverted,
    }


def get_pledge(session: Session, key: str) -> Sequence[Any]:
    """One pledge (as `pledges_query` selects it) with its evidence and its ledger's evidence."""
    statement = _pledges_select().where(Pledge.key == key)
    statement = statement.options(
        selectinload(Pledge.evidence).joinedload(Evidence.source).load_only(Source.key),
        selectinload(Pledge.transactions)
        .selectinload(FundingTransaction.evidence)
        .joinedload(Evidence.source)
        .load_only(Source.key),
    )
    found = session.execute(statement).first()
    if found is None:
        raise NotFound(f"no pledge with key {key!r}")
    return found


def choices(session: Session) -> dict[str, list[tuple[str, str]]]:
    """The donors and lines of effort that pledges name, for the filter form (read through the
    indexes on those references; currencies have none, so the form asks for a code instead)."""
    used = select(PLEDGES.donor_id).distinct()
    donors = select(Actor.key, Actor.name).where(Actor.id.in_(used))
    used = select(PLEDGES.line_id).distinct()
    lines = select(LineOfEffort.key, LineOfEffort.name).where(LineOfEffort.id.in_(used))
    return {
        "donors": [(k, n) for k, n in session.execute(donors.order_by(Actor.name))],
        "lines": [(k, n) for k, n in session.execute(lines.order_by(LineOfEffort.name))],
    }


# --- Totals: sums of the amounts now pledged, per group and currency, never across currencies.


@dataclass(frozen=True)
class Total:
    key: str | None
    name: str
    currency: str
    amount: Decimal


NO_GROUP: dict[str, str] = {
    "donor": "several donors (aggregate)",
    "line": "(no line of effort)",
    "meeting": "(no meeting)",
}


# What each grouping groups by: the reference in the pledges table, and the name of its target.
GROUPS: dict[str, tuple[Any, Any, Any]] = {
    "donor": (PLEDGES.donor_id, Actor, Actor.name),
    "line": (PLEDGES.line_id, LineOfEffort, LineOfEffort.name),
    "meeting": (PLEDGES.meeting_id, Meeting, Meeting.title),
}


def _exact_sum(session: Session) -> tuple[list[Any], Any]:
    """SQL aggregates that sum pledge amounts exactly, and how to read them back as a Decimal.

    PostgreSQL sums NUMERIC exactly. SQLite holds decimal strings and would sum them as floats,
    so there the whole part and the millionths (the precision of the Amount column) are summed
    as integers, which SQLite adds exactly.
    """
    if session.get_bind().dialect.name != "sqlite":
        return [func.sum(PLEDGES.amount)], lambda values: Decimal(values[0])
    text = type_coerce(PLEDGES.amount, String())
    point = func.instr(text, ".")
    digits = func.substr(func.substr(text, point + 1).concat("000000"), 1, 6)
    sign = case((text.startswith("-"), -1), else_=1)
    millionths = case((point == 0, 0), else_=sign * cast(digits, Integer()))
    aggregates = [func.sum(cast(text, Integer())), func.sum(millionths)]
    return aggregates, lambda values: Decimal(values[0]) + Decimal(values[1]).scaleb(-6)


def _revised() -> Any:
    """Pledges whose ledger revises them: their amount now pledged needs the whole ledger."""
    return select(LEDGER.pledge_id).where(LEDGER.type == TransactionType.REVISED)


def _cancelled() -> Any:
    """Pledges cancelled by an entry `pledge_state` counts (in their currency, or convertible)."""
    cancelled = Pledge.__table__.alias("cancelled_pledge")
    return (
        select(LEDGER.pledge_id)
        .join(cancelled, cancelled.c.id == LEDGER.pledge_id)
        .where(
            LEDGER.type == TransactionType.CANCELLED,
            or_(LEDGER.currency == cancelled.c.currency, LEDGER.fx_rate.is_not(None)),
        )
    )


# Amounts now pledged, keyed by the values of the grouping columns followed by the currency.
Sums = dict[tuple[Any, ...], Decimal]


def pledged_now(
    session: Session, keys: Sequence[Any], *conditions: Any, among: FromClause | None = None
) -> Sums:
    """The amount now pledged (cancelled pledges left out, revised ones at their revision), per
    the values of `keys` and per currency, never across currencies.

    The one rule behind every total of pledged money: the overview's, the money pages' and each
    target's. `among` is what the pledges are read from (the pledges table, or that table joined
    to what the keys and conditions name, such as targets). The pledges that no ledger entry
    revised or cancelled are summed in SQL, exactly; the few that a revision changed are read
    with their ledgers and summed with `pledge_state`.
    """
    source = among if among is not None else Pledge.__table__
    aggregates, read = _exact_sum(session)
    statement = (
        select(*keys, PLEDGES.currency, *aggregates)
        .select_from(source)
        .where(PLEDGES.id.not_in(_revised()), PLEDGES.id.not_in(_cancelled()), *conditions)
        .group_by(*keys, PLEDGES.currency)
    )
    width = len(keys) + 1
    sums: Sums = defaultdict(Decimal)
    for values in session.execute(statement):
        sums[tuple(values[:width])] += read(values[width:])
    changed = select(*keys, PLEDGES.id).select_from(source)
    changed = changed.where(PLEDGES.id.in_(_revised()), *conditions)
    _add_changed(session, list(session.execute(changed)), sums)
    return sums


def _add_changed(session: Session, found: Sequence[Any], sums: Sums) -> None:
    """Adds revised pledges, `found` as (key values..., pledge id), read with their ledgers
    (which may also cancel them)."""
    if not found:
        return
    pledges = session.scalars(
        select(Pledge)
        .where(Pledge.id.in_({row[-1] for row in found}))
        .options(
            lazyload(Pledge.evidence),
            selectinload(Pledge.transactions).lazyload(FundingTransaction.evidence),
        )
    )
    by_id = {pledge.id: pledge for pledge in pledges}
    for *keys, ident in found:
        pledge = by_id[ident]
        state = pledge_state(pledge)
        if state.status != "cancelled":
            sums[(*keys, pledge.currency)] += state.pledged


def _group_names(session: Session, by: GroupBy, idents: set[int]) -> dict[int, tuple[str, str]]:
    _, model, name = GROUPS[by]
    found = session.execute(select(model.id, model.key, name).where(model.id.in_(idents)))
    return {ident: (key, title) for ident, key, title in found}


def pledged_sums(session: Session, by: GroupBy | None, *conditions: Any) -> list[Total]:
    """Amounts now pledged (cancelled pledges left out) per group and currency.

    Cancelled pledges are left out and the others summed in SQL, except the few that a revision
    changes: those are read with their ledger and summed with `pledge_state`.
    """
    sums = pledged_now(session, [GROUPS[by][0]] if by else [], *conditions)
    idents = {keys[0] for keys in sums if len(keys) == 2 and keys[0] is not None}
    names = _group_names(session, by, idents) if by else {}
    nameless: tuple[str | None, str] = (None, NO_GROUP[by] if by else "")
    totals = []
    for keys, amount in sums.items():
        ident, currency = keys if by else (None, keys[0])
        key, name = names.get(ident, nameless) if ident is not None else nameless
        totals.append(Total(key, name, currency, amount))
    return sorted(totals, key=lambda t: (t.name.casefold(), t.currency))


def total_row(total: Total) -> dict[str, Any]:
    return {
        "key": total.key,
        "group": total.name,
        "currency": total.currency,
        "amount": total.amount,
    }


# --- Targets and what was raised against them.


def targets_query() -> Select[*tuple[Any, ...]]:
    return select(Target).options(lazyload(Target.evidence)).order_by(Target.set_on, Target.id)


TARGETS = Target.__table__.c


def _towards(also: ColumnElement[bool]) -> ColumnElement[bool]:
    """SQL joining a pledge to a target it counts towards: in the target's currency (never
    converted), of its coalition when it names one, pledged between its setting and its deadline
    when it has them; and `also`."""
    return and_(
        PLEDGES.currency == TARGETS.currency,
        or_(TARGETS.coalition_id.is_(None), PLEDGES.coalition_id == TARGETS.coalition_id),
        or_(TARGETS.set_on.is_(None), PLEDGES.pledged_on >= TARGETS.set_on),
        or_(TARGETS.deadline.is_(None), PLEDGES.pledged_on <= TARGETS.deadline),
        also,
    )


def raised_towards(session: Session, targets: Sequence[Target]) -> dict[int, Decimal]:
    """What was pledged towards each target, by target id: the pledges that `_towards` it, and
    when it was set at a meeting only that meeting's pledges.

    Two grouped sums for any number of targets: those set at a meeting find their pledges
    through the index on the pledges' meeting, the others read their currency's pledges.
    """
    idents = [target.id for target in targets]
    table = Target.__table__
    at_meeting = table.join(Pledge.__table__, _towards(PLEDGES.meeting_id == TARGETS.meeting_id))
    anywhere = table.join(Pledge.__table__, _towards(TARGETS.meeting_id.is_(None)))
    raised = dict.fromkeys(idents, Decimal(0))
    for among in (at_meeting, anywhere):
        for (ident, _), amount in pledged_now(
            session, [TARGETS.id], TARGETS.id.in_(idents), among=among
        ).items():
            raised[ident] += amount
    return raised


def target_row(target: Target, raised: Decimal) -> dict[str, Any]:
    share = int(raised * 100 / target.amount) if target.amount else None
    return {
        "key": target.key,
        "amount": target.amount,
        "currency": target.currency,
        "qualifier": target.qualifier.value if target.qualifier else None,
        "purpose": target.purpose,
        "set_on": target.set_on,
        "deadline": target.deadline,
        "raised": raised,
        "percent": share,
    }
