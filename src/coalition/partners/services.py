"""Finding and creating actors, and asking who held an office on a date."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.errors import InvalidInput, NotFound
from coalition.partners.models import Actor, ActorKind, Alias, AliasKind, Office
from coalition.partners.names import normalize
from coalition.provenance.models import Evidence


def add_actor(
    session: Session,
    *,
    kind: ActorKind,
    name: str,
    evidence: Sequence[Evidence],
    key: str | None = None,
    code: str | None = None,
    aliases: Iterable[str] = (),
    demonyms: Iterable[str] = (),
) -> Actor:
    actor = Actor(evidence=evidence, key=key, actor_kind=kind, name=name, code=code)
    for alias, alias_kind, normalized in alias_names(name, aliases, demonyms):
        actor.aliases.append(Alias(alias=alias, alias_kind=alias_kind, normalized=normalized))
    session.add(actor)
    return actor


def alias_names(
    name: str, aliases: Iterable[str], demonyms: Iterable[str]
) -> list[tuple[str, AliasKind, str]]:
    """An actor's names as its aliases hold them (the name itself first): each with its kind and
    normalized form, once per normalized form and kind."""
    seen: set[tuple[str, AliasKind]] = set()
    names: list[tuple[str, AliasKind, str]] = []
    for alias_kind, group in ((AliasKind.NAME, [name, *aliases]), (AliasKind.DEMONYM, demonyms)):
        for alias in group:
            normalized = normalize(alias)
            if normalized and (normalized, alias_kind) not in seen:
                seen.add((normalized, alias_kind))
                names.append((alias, alias_kind, normalized))
    return names


def find_actor(session: Session, reference: str) -> Actor | None:
    """An actor by key, by code, or by a name or alias that points to exactly one actor."""
    # An exact key wins over a code that differs only in case ("usa" the person vs USA).
    actor = session.scalar(select(Actor).where(Actor.key == reference))
    actor = actor or session.scalar(select(Actor).where(Actor.code == reference.upper()))
    if actor is not None:
        return actor
    matches = session.scalars(
        select(Actor)
        .join(Alias)
        .where(Alias.normalized == normalize(reference), Alias.alias_kind == AliasKind.NAME)
        .distinct()
    ).all()
    if len(matches) > 1:
        names = ", ".join(sorted(f"{a.name} ({a.key})" for a in matches))
        raise InvalidInput(f"{reference!r} could mean several actors: {names}; use a key")
    return matches[0] if matches else None


def get_actor(session: Session, reference: str, *, kind: ActorKind | None = None) -> Actor:
    actor = find_actor(session, reference)
    if actor is None:
        what = "country" if kind is ActorKind.COUNTRY else "actor"
        raise NotFound(f"unknown {what} {reference!r}")
    if kind is not None and actor.actor_kind is not kind:
        raise InvalidInput(f"{reference!r} is a {actor.actor_kind.value}, not a {kind.value}")
    return actor


def offices_held(session: Session, person: Actor, on: date) -> list[Office]:
    """The offices a person held on a date (an open end counts as still held)."""
    return [
        office
        for office in session.scalars(select(Office).where(Office.holder_id == person.id))
        if (office.start_date is None or office.start_date <= on)
        and (office.end_date is None or on <= office.end_date)
    ]
