"""Making evidence and finding sources: every function that records a fact takes evidence."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from coalition.errors import InvalidInput, NotFound
from coalition.provenance.models import Evidence, Source
from coalition.storage.base import utcnow
from coalition.storage.idents import row_number


def span(source: Source, start: int, end: int, text: str | None = None) -> Evidence:
    """Evidence that points at characters [start, end) of a source's clean text.

    When the source holds its text, the span must lie inside it and the quoted text is taken from
    it, so that a span can never disagree with the document it points into.
    """
    if start < 0 or end < start:
        raise InvalidInput(f"span {start}-{end} of {source.key} is not a valid range")
    if source.text is not None:
        if end > len(source.text):
            raise InvalidInput(
                f"span {start}-{end} lies outside {source.key} ({len(source.text)} characters)"
            )
        actual = source.text[start:end]
        if text is not None and text != actual:
            raise InvalidInput(f"span {start}-{end} of {source.key} does not read {text!r}")
        text = actual
    return Evidence(source=source, span_start=start, span_end=end, text=text)


def manual(entered_by: str, at: datetime | None = None, note: str | None = None) -> Evidence:
    """Evidence for a fact a person entered by hand: who, when, and optionally why."""
    if not entered_by.strip():
        raise InvalidInput("a manual entry needs the name of whoever entered it")
    return Evidence(entered_by=entered_by, entered_at=at or utcnow(), note=note)


def copy_evidence(evidence: Evidence) -> Evidence:
    """The same evidence for a second record (a pledge and its first ledger entry)."""
    return Evidence(
        source=evidence.source,
        span_start=evidence.span_start,
        span_end=evidence.span_end,
        text=evidence.text,
        entered_by=evidence.entered_by,
        entered_at=evidence.entered_at,
        note=evidence.note,
    )


def find_source(session: Session, key: str) -> Source | None:
    """A source by its key only (evidence names its source this way)."""
    return session.scalar(select(Source).where(Source.key == key))


def get_source(session: Session, ident: str) -> Source:
    """A source by key, or by number when no source has that key ("1" may be either)."""
    source = find_source(session, ident)
    number = row_number(ident)
    source = source or (session.get(Source, number) if number is not None else None)
    if source is None:
        raise NotFound(f"no source with key or number {ident!r}")
    return source
