"""Extractors: deterministic rules that turn clean text into candidate facts with spans.

`extract` runs them all; each is a plain function over the text, the document's date and the
gazetteer, so a model-backed extractor can be added beside them without changing the pipeline.
"""

from __future__ import annotations

from datetime import date

from coalition.intake.document import CandidateFact
from coalition.intake.extract.meetings import find_meetings
from coalition.intake.extract.membership import find_membership, find_offices
from coalition.intake.extract.quantities import find_figures, find_money, find_sizes
from coalition.intake.extract.statements import find_statements
from coalition.intake.gazetteer import gazetteer


def extract(text: str, on: date | None) -> list[CandidateFact]:
    names = gazetteer()
    mentions = list(names.mentions(text))  # one scan, shared by the extractors that need names
    return [
        *find_meetings(text, on, mentions),
        *find_sizes(text),
        *find_membership(text, mentions),
        *find_money(text),
        *find_statements(text, names, on, mentions),
        *find_figures(text),
        *find_offices(text, names, mentions, on),
    ]
