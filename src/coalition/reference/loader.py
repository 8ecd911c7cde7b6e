"""Loading the packaged reference data into a new database.

Countries come from pycountry (ISO 3166); the rest from the YAML files in `data/`, curated by us
from public facts. Every reference record carries manual evidence naming its file, so `show` can say
where a fact came from, and exports can leave reference records out (they are rebuilt on import).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from typing import Any

import pycountry
import yaml
from sqlalchemy import insert
from sqlalchemy.orm import Session

from coalition.partners.models import Actor, ActorKind, Alias, AliasKind, Office, OfficeCategory
from coalition.partners.services import alias_names
from coalition.provenance.models import Evidence, Record

AUTHOR = "coalition reference data"
# A fixed timestamp keeps reference evidence identical in every database built from this release.
RELEASED = datetime(2026, 11, 21, tzinfo=UTC)


def is_reference(evidence: list[Evidence]) -> bool:
    return bool(evidence) and all(e.entered_by == AUTHOR for e in evidence)


@cache
def read(name: str) -> Any:
    text = resources.files("coalition.reference").joinpath("data", name).read_text("utf-8")
    # libyaml's parser is about twenty times faster than the pure-Python one, when it is there.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader) or []


# An actor as inserted: its row, its names (alias, kind, normalized), and the note of its evidence.
_ActorRow = tuple[dict[str, Any], list[tuple[str, AliasKind, str]], str]


def load_reference_data(session: Session) -> None:
    """Insert the reference data with one bulk statement per table: built as ORM objects one at a
    time, the 1,400 actors and 1,200 terms of office took 2.3 s, most of making a new database.

    The database is new, so nothing here can clash with what is already there; the evidence is
    the same manual entry that `manual` would make, with the release's fixed timestamp.
    """
    people = read("people.yaml") or {}
    actors = [*_countries(), *_bodies(), *_people(people)]
    actor_ids = _insert(session, Actor, [row for row, _, _ in actors])
    session.execute(
        insert(Alias),
        [
            {"actor_id": ident, "alias": alias, "alias_kind": kind, "normalized": normalized}
            for (_, names, _), ident in zip(actors, actor_ids, strict=True)
            for alias, kind, normalized in names
        ],
    )
    by_key = {row["key"]: ident for (row, _, _), ident in zip(actors, actor_ids, strict=True)}
    offices = _offices(people, by_key)
    office_ids = _insert(session, Office, offices)
    notes = [note for _, _, note in actors] + ["packaged file people.yaml"] * len(offices)
    session.execute(
        insert(Evidence),
        [
            {"record_id": ident, "entered_by": AUTHOR, "entered_at": RELEASED, "note": note}
            for ident, note in zip([*actor_ids, *office_ids], notes, strict=True)
        ],
    )


def _insert(session: Session, model: type[Record], rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows of a record type (a `records` row and its own for each); their ids, in order."""
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, rows))


def _actor(
    kind: ActorKind,
    key: str,
    name: str,
    note: str,
    *,
    code: str | None = None,
    aliases: list[str] | None = None,
    demonyms: list[str] | None = None,
) -> _ActorRow:
    row = {"key": key, "actor_kind": kind, "name": name, "code": code}
    return row, alias_names(name, aliases or [], demonyms or []), note


def _countries() -> list[_ActorRow]:
    extra = {entry["code"]: entry for entry in read("countries.yaml")}
    iso_note = f"ISO 3166-1 via pycountry {pycountry_version()}"
    rows: list[_ActorRow] = []
    for country in pycountry.countries:
        entry = extra.pop(country.alpha_3, {})
        names = [getattr(country, attr, None) for attr in ("official_name", "common_name")]
        rows.append(
            _actor(
                ActorKind.COUNTRY,
                country.alpha_3,
                getattr(country, "common_name", None) or country.name,
                iso_note,
                code=country.alpha_3,
                aliases=[n for n in [country.name, *names, *entry.get("aliases", [])] if n],
                demonyms=entry.get("demonyms", []),
            )
        )
    # Countries without an ISO 3166 code yet (Kosovo) carry a user-assigned code in our file.
    for code, entry in extra.items():
        rows.append(
            _actor(
                ActorKind.COUNTRY,
                code,
                entry["name"],
                "packaged file countries.yaml (user-assigned code)",
                code=code,
                aliases=entry.get("aliases", []),
                demonyms=entry.get("demonyms", []),
            )
        )
    return rows


def _bodies() -> list[_ActorRow]:
    return [
        _actor(
            kind,
            entry["code"],
            entry["name"],
            f"packaged file {name}",
            code=entry["code"],
            aliases=entry.get("aliases", []),
        )
        for name, kind in (
            ("organisations.yaml", ActorKind.ORGANISATION),
            ("groups.yaml", ActorKind.GROUP),
        )
        for entry in read(name)
    ]


def _people(people: dict[str, Any]) -> list[_ActorRow]:
    return [
        _actor(
            ActorKind.PERSON,
            holder["key"],
            holder["name"],
            "packaged file people.yaml",
            aliases=holder.get("aliases", []),
        )
        for holder in people.get("holders", [])
    ]


def _offices(people: dict[str, Any], actor_ids: dict[str, int]) -> list[dict[str, Any]]:
    offices = {office["key"]: office for office in people.get("offices", [])}
    rows: list[dict[str, Any]] = []
    for holder in people.get("holders", []):
        for term in holder.get("terms", []):
            office = offices[term["office"]]
            rows.append(
                {
                    "key": f"{holder['key']}/{term['office']}/{term.get('start', 'unknown')}",
                    "holder_id": actor_ids[holder["key"]],
                    "title": office["title"],
                    "organisation_id": actor_ids.get(office["of"]),
                    "category": OfficeCategory(office.get("category", "other")),
                    "start_date": _date(term.get("start")),
                    "end_date": _date(term.get("end")),
                    "acting": bool(term.get("acting", False)),
                    "approximate": bool(term.get("approximate", False)),
                }
            )
    return rows


def _date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")
