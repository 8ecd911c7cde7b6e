"""A processed document as the rows that store it, in plain values.

Workers send this back instead of `Processed`: builtins pickle several times faster than our
dataclasses (and enums and decimals), and the process that writes, which every worker waits on,
is left with only what needs the database: the key, the ids and near-duplicates.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from coalition.intake.pipeline import Processed


@dataclass(frozen=True)
class Prepared:
    origin: str
    name: str  # the suggested source key
    content_hash: str
    fingerprint: str | None
    source: dict[str, Any]  # the sources row, without key, ids and times
    # Candidate rows without key, ids and times; each span's "source" is filled in on storing.
    candidates: list[dict[str, Any]]


def prepare(result: Processed) -> Prepared:
    document, cleaned, dated = result.document, result.cleaned, result.dated
    source = {
        "title": document.title or cleaned.title,
        "url": document.url,
        "text": cleaned.text,
        "content_hash": result.content_hash,
        "origin": document.origin,
        "raw_format": document.format,
        "encoding": document.encoding,
        "published": dated.best,
        "published_earliest": dated.earliest,
        "published_latest": dated.latest,
        "published_confidence": dated.confidence,
        "date_reasons": list(dated.reasons),
        "published_note": "; ".join(dated.reasons[:3]) or None,
        "cleaning": [[d.number, d.kept, d.rule, d.text] for d in cleaned.decisions],
        "fingerprint": result.fingerprint,
    }
    candidates = [
        {
            "candidate_type": fact.type,
            "fields": jsonable(fact.fields),
            "spans": [
                {"source": None, "start": s.start, "end": s.end, "text": s.text} for s in fact.spans
            ],
            "confidence": fact.confidence,
        }
        for fact in result.candidates
    ]
    return Prepared(
        document.origin, document.name, result.content_hash, result.fingerprint, source, candidates
    )


# Values JSON takes as they are: most candidate fields are one of these, and testing the exact
# type first spares them four `isinstance` checks each (subclasses such as enums go on below).
_PLAIN = frozenset({str, int, float, bool, type(None)})


def jsonable(value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal | date):
        return str(value)
    return value
