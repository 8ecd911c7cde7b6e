"""The review queue as the web shows it: candidates filtered in SQL, plain rows, form edits.

The actions themselves (accept, edit, reject) are `intake.review`'s; this module only finds the
candidates, turns them into rows, and reads an edit form into the changes `review.edit` takes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload

from coalition.coalitions.models import Coalition
from coalition.coalitions.services import get_coalition
from coalition.errors import CoalitionError
from coalition.intake.models import Candidate, CandidateStatus
from coalition.intake.review import BUILDERS, accept
from coalition.provenance.models import Record, Source

STATUSES = [s.value for s in CandidateStatus]


def candidates_query(
    *,
    status: CandidateStatus | None = CandidateStatus.PENDING,
    kind: str | None = None,
    source: str | None = None,
    min_confidence: float | None = None,
) -> Select[Any]:
    """Candidates with the filters the review queue offers, in the order intake proposed them."""
    statement = select(Candidate).options(
        joinedload(Candidate.source).load_only(Source.key, Source.title)
    )
    if status is not None:
        statement = statement.where(Candidate.status == status)
    if kind:
        statement = statement.where(Candidate.candidate_type == kind)
    if source:
        statement = statement.where(
            Candidate.source_id.in_(select(Source.id).where(Source.key == source))
        )
    if min_confidence is not None:
        statement = statement.where(Candidate.confidence >= min_confidence)
    return statement.order_by(Candidate.id)


def candidate_types(session: Session) -> list[str]:
    found = select(Candidate.candidate_type).distinct().order_by(Candidate.candidate_type)
    return list(session.scalars(found))


def acceptable(candidate: Candidate) -> bool:
    """Some candidates (offices, non-members) are kept for reading only and cannot be accepted."""
    return candidate.candidate_type in BUILDERS


def summary(fields: Mapping[str, Any]) -> str:
    """The candidate's facts in one line, as a reviewer reads them (the quote is shown apart)."""
    return ", ".join(
        f"{name}={value}"
        for name, value in fields.items()
        if value not in (None, "", []) and name != "quote" and not isinstance(value, list | dict)
    )


def candidate_row(candidate: Candidate) -> dict[str, Any]:
    return {
        "id": candidate.id,
        "key": candidate.key,
        "type": candidate.candidate_type,
        "status": candidate.status.value,
        "confidence": round(candidate.confidence, 2),
        "source": candidate.source.key if candidate.source else None,
        "summary": summary(candidate.fields),
        "evidence": candidate.spans[0]["text"] if candidate.spans else None,
        "record": candidate.record_id,
        "fields": candidate.fields,
        "spans": candidate.spans,
    }


def editable_fields(candidate: Candidate) -> dict[str, str]:
    """The fields a form can edit (plain values, not lists such as hosts), as text."""
    return {
        name: "" if value is None else str(value)
        for name, value in candidate.fields.items()
        if not isinstance(value, list | dict | bool)
    }


def form_changes(candidate: Candidate, form: Mapping[str, Any]) -> dict[str, Any]:
    """The fields an edit form changed, typed like the values they replace: a count stays a
    number, so that accepting the edited candidate stores a number."""
    changes: dict[str, Any] = {}
    for name, before in editable_fields(candidate).items():
        submitted = form.get(f"field-{name}")
        if not isinstance(submitted, str) or submitted.strip() == before:
            continue
        value: Any = submitted.strip()
        if isinstance(candidate.fields[name], int) and value.lstrip("-").isdigit():
            value = int(value)
        changes[name] = value
    return changes


def _coalition(session: Session) -> Coalition | None:
    """The record's coalition, when there is exactly one; sizes and members need it, other
    candidates do not (their accept says so if it is missing)."""
    try:
        return get_coalition(session, None)
    except CoalitionError:
        return None


def accept_candidate(session: Session, candidate: Candidate) -> Record | None:
    """Accept as the review page does: into the database's only coalition."""
    return accept(session, candidate, _coalition(session))


def pending_spans(session: Session, source: Source) -> list[tuple[int, int, Candidate]]:
    """The spans of `source` that candidates still waiting for review point at."""
    waiting = select(Candidate).where(
        Candidate.source_id == source.id, Candidate.status == CandidateStatus.PENDING
    )
    return [
        (item["start"], item["end"], candidate)
        for candidate in session.scalars(waiting.order_by(Candidate.id).limit(2000))
        for item in candidate.spans
        if item.get("source") == source.key
    ]
