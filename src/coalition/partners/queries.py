"""Partners as lists and pages show them: plain rows, filtered in the database."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from coalition.coalitions.models import Membership, MembershipRole
from coalition.errors import NotFound
from coalition.partners.models import Actor, ActorKind

# Kinds of actor that can be partners of a coalition (people and armed groups are not).
PARTNER_KINDS = (ActorKind.COUNTRY, ActorKind.ORGANISATION)


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
) -> Select[Any]:
    """Actors that are countries or organisations, with the filters the partners list offers.

    Without a date, `members_only` keeps actors with any membership record at all.
    """
    statement = select(Actor).where(Actor.actor_kind.in_(PARTNER_KINDS))
    if kind is not None:
        statement = statement.where(Actor.actor_kind == kind)
    if member_at is not None:
        statement = statement.where(
            Actor.id.in_(select(Membership.actor_id).where(member_on(member_at)))
        )
    elif members_only:
        statement = statement.where(Actor.id.in_(select(Membership.actor_id)))
    if name:
        statement = statement.where(Actor.name.ilike(f"%{name}%"))
    return statement.order_by(Actor.name, Actor.id)


def partner_row(actor: Actor) -> dict[str, Any]:
    return {
        "key": actor.key,
        "name": actor.name,
        "kind": actor.actor_kind.value,
        "code": actor.code,
    }


def get_partner(session: Session, key: str) -> Actor:
    actor = session.scalar(select(Actor).where(Actor.key == key))
    if actor is None:
        raise NotFound(f"no partner with key {key!r}")
    return actor
