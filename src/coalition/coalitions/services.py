"""Who was in a coalition on a date: the sizes sources reported, and the members known by name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, lazyload

from coalition.coalitions.models import Coalition, Membership, MembershipRole, ReportedSize
from coalition.errors import InvalidInput, NotFound


def every_coalition() -> Select[Coalition]:
    """Every coalition, by key. Found through the coalitions table first: joined to the shared
    `records` table and sorted by key, SQLite (which has no statistics to go by) walks every
    record of every kind, a quarter of a million in a large database, to find the one or two
    coalitions."""
    own = Coalition.__table__.c.id
    # Their own evidence is read only if a caller asks for it; none does (see `get_coalition`).
    return (
        select(Coalition)
        .where(own.in_(select(own)))
        .order_by(Coalition.key)
        .options(lazyload(Coalition.evidence))
    )


def get_coalition(session: Session, key: str | None) -> Coalition:
    """The named coalition, or the only one in the database when no name is given."""
    # A coalition's own evidence is read only where it is asked for: its callers want its
    # name and key, and each coalition read would otherwise cost a query more.
    if key is not None:
        found = session.scalar(
            select(Coalition).where(Coalition.key == key).options(lazyload(Coalition.evidence))
        )
        if found is None:
            raise NotFound(f"unknown coalition {key!r}")
        return found
    coalitions = session.scalars(every_coalition()).all()
    if len(coalitions) == 1:
        return coalitions[0]
    if not coalitions:
        raise NotFound("the database holds no coalition yet (import a record file first)")
    keys = ", ".join(c.key for c in coalitions)
    raise InvalidInput(f"several coalitions are recorded ({keys}); choose one with --coalition")


@dataclass
class MembershipOnDate:
    coalition: Coalition
    on: date
    latest_sizes: list[ReportedSize]
    earlier_sizes: list[ReportedSize]
    members: list[Membership]
    observers: list[Membership]

    @property
    def named_count(self) -> int:
        return len(self.members)

    def unaccounted(self, size: ReportedSize) -> int:
        """How many of a reported size we cannot name (never negative)."""
        return max(size.count - self.named_count, 0)


def in_force(membership: Membership, on: date) -> bool:
    """Joined (or seen as a member) on or before `on`, and not yet left."""
    began = membership.joined or membership.observed_on
    return (
        began is not None
        and began <= on
        and (membership.left_on is None or on < membership.left_on)
    )


def membership_on(session: Session, coalition: Coalition, on: date) -> MembershipOnDate:
    sizes = session.scalars(
        select(ReportedSize)
        .where(ReportedSize.coalition_id == coalition.id, ReportedSize.as_of <= on)
        .order_by(ReportedSize.as_of.desc(), ReportedSize.key)
    ).all()
    latest = [s for s in sizes if s.as_of == sizes[0].as_of] if sizes else []
    rows = session.scalars(select(Membership).where(Membership.coalition_id == coalition.id)).all()
    current = [m for m in rows if in_force(m, on)]
    return MembershipOnDate(
        coalition=coalition,
        on=on,
        latest_sizes=latest,
        earlier_sizes=[s for s in sizes if s not in latest],
        members=_one_per_actor(m for m in current if m.role is MembershipRole.MEMBER),
        observers=_one_per_actor(m for m in current if m.role is MembershipRole.OBSERVER),
    )


def _one_per_actor(memberships: Iterable[Membership]) -> list[Membership]:
    """Several sources may each show the same member; count the actor once (earliest record)."""
    chosen: dict[int, Membership] = {}
    for m in sorted(memberships, key=lambda m: (m.joined or m.observed_on or date.max, m.key)):
        chosen.setdefault(m.actor_id, m)
    return sorted(chosen.values(), key=lambda m: m.actor.name)
