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
from sqlalchemy.orm import Session

from coalition.partners.models import Actor, ActorKind, Office, OfficeCategory
from coalition.partners.services import add_actor
from coalition.provenance.models import Evidence
from coalition.provenance.services import manual

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


def _evidence(note: str) -> list[Evidence]:
    return [manual(AUTHOR, at=RELEASED, note=note)]


def load_reference_data(session: Session) -> None:
    actors = _load_countries(session)
    for name, kind in (
        ("organisations.yaml", ActorKind.ORGANISATION),
        ("groups.yaml", ActorKind.GROUP),
    ):
        for entry in read(name):
            actors[entry["code"]] = add_actor(
                session,
                kind=kind,
                key=entry["code"],
                code=entry["code"],
                name=entry["name"],
                aliases=entry.get("aliases", []),
                evidence=_evidence(f"packaged file {name}"),
            )
    _load_people(session, actors)
    session.flush()


def _load_countries(session: Session) -> dict[str, Actor]:
    extra = {entry["code"]: entry for entry in read("countries.yaml")}
    iso_note = f"ISO 3166-1 via pycountry {pycountry_version()}"
    actors: dict[str, Actor] = {}
    for country in pycountry.countries:
        entry = extra.get(country.alpha_3, {})
        names = [getattr(country, attr, None) for attr in ("official_name", "common_name")]
        actors[country.alpha_3] = add_actor(
            session,
            kind=ActorKind.COUNTRY,
            key=country.alpha_3,
            code=country.alpha_3,
            name=getattr(country, "common_name", None) or country.name,
            aliases=[n for n in [country.name, *names, *entry.get("aliases", [])] if n],
            demonyms=entry.get("demonyms", []),
            evidence=_evidence(iso_note),
        )
    for code, entry in extra.items():
        # Countries without an ISO 3166 code yet (Kosovo) carry a user-assigned code in our file.
        if code not in actors:
            actors[code] = add_actor(
                session,
                kind=ActorKind.COUNTRY,
                key=code,
                code=code,
                name=entry["name"],
                aliases=entry.get("aliases", []),
                demonyms=entry.get("demonyms", []),
                evidence=_evidence("packaged file countries.yaml (user-assigned code)"),
            )
    return actors


def _load_people(session: Session, actors: dict[str, Actor]) -> None:
    people = read("people.yaml") or {}
    offices = {office["key"]: office for office in people.get("offices", [])}
    for holder in people.get("holders", []):
        person = add_actor(
            session,
            kind=ActorKind.PERSON,
            key=holder["key"],
            name=holder["name"],
            aliases=holder.get("aliases", []),
            evidence=_evidence("packaged file people.yaml"),
        )
        for term in holder.get("terms", []):
            office = offices[term["office"]]
            session.add(
                Office(
                    evidence=_evidence("packaged file people.yaml"),
                    key=f"{holder['key']}/{term['office']}/{term.get('start', 'unknown')}",
                    holder=person,
                    title=office["title"],
                    organisation=actors.get(office["of"]),
                    category=OfficeCategory(office.get("category", "other")),
                    start_date=_date(term.get("start")),
                    end_date=_date(term.get("end")),
                    acting=bool(term.get("acting", False)),
                    approximate=bool(term.get("approximate", False)),
                )
            )


def _date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")
