"""Extractors: deterministic rules that turn clean text into candidate facts with spans.

`extract` runs them all; each is a plain function over the text, the document's date and the
gazetteer, so a model-backed extractor can be added beside them without changing the pipeline.
"""

from __future__ import annotations

from datetime import date

from coalition.intake.document import CandidateFact
from coalition.intake.extract.meetings import find_meetings
from coalition.intake.extract.membership import find_membership
from coalition.intake.extract.offices import find_offices
from coalition.intake.extract.quantities import find_figures, find_money, find_sizes
from coalition.intake.extract.statements import find_statements
from coalition.intake.gazetteer import Gazetteer, gazetteer


def hosts_as_members(
    meetings: list[CandidateFact], members: list[CandidateFact], names: Gazetteer, on: date | None
) -> list[CandidateFact]:
    """Whoever hosts or chairs a coalition meeting takes part in it: a country or body directly,
    a person through the office they held on the document's date."""
    known = {m.fields["actor"] for m in members}
    found: list[CandidateFact] = []
    for meeting in meetings:
        for host in meeting.fields.get("hosts", []):
            term = names.office_at(host["actor"], on)
            actor = term.of if term is not None else host["actor"]
            entry = names.by_key.get(actor)
            if entry is None or entry.kind not in ("country", "organisation") or actor in known:
                continue
            known.add(actor)
            found.append(
                CandidateFact(
                    "member", {"actor": actor, "name": entry.name}, meeting.spans[:1], 0.5
                )
            )
    return found


def extract(text: str, on: date | None) -> list[CandidateFact]:
    names = gazetteer()
    mentions = list(names.mentions(text))  # one scan, shared by the extractors that need names
    meetings = find_meetings(text, on, mentions)
    members = list(find_membership(text, mentions))
    return [
        *meetings,
        *find_sizes(text),
        *members,
        *hosts_as_members(meetings, members, names, on),
        *find_money(text),
        *find_statements(text, names, on, mentions),
        *find_figures(text),
        *find_offices(text, names, mentions, on),
    ]
